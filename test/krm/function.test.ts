import test from 'ava';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { runCli } from '../../src/cli/run-inject.js';

const fixture = readFileSync(new URL('../../../test/fixtures/namespaces-resource-list.yaml', import.meta.url), 'utf8');

/** A Deployment in namespace shop, as a ResourceList item. */
const cartDeployment = `- apiVersion: apps/v1
  kind: Deployment
  metadata: {name: cart, namespace: shop}
  spec:
    template:
      spec:
        containers:
        - name: cart
          image: cart:1
`;

type Item = { kind: string; metadata: { name: string; namespace?: string }; spec?: any };
type Result = { severity: string; message: string; tags?: { reason?: string }; resourceRef?: { kind: string; name: string; namespace?: string }; file?: { path: string; index?: number } };

function reasonFor(results: Result[], kind: string, namespace: string, name: string): string | undefined {
  return results.find((r) => r.resourceRef?.kind === kind && r.resourceRef?.name === name && r.resourceRef?.namespace === namespace && r.severity !== 'warning')?.tags?.reason;
}

function podSpecOf(item: Item): any {
  if (item.kind === 'Pod') return item.spec;
  if (item.kind === 'CronJob') return item.spec.jobTemplate.spec.template.spec;
  return item.spec.template.spec;
}

function names(list: any[] | undefined): string[] {
  return (list ?? []).map((c) => c.name);
}

test('decides every namespace/pod combination as the webhook would', async (t) => {
  const run = await runCli([], { stdin: fixture });
  t.is(run.exitCode, 0, run.stderr);
  const out = parse(run.stdout) as { items: Item[]; results: Result[] };
  const results = out.results;
  t.is(reasonFor(results, 'Deployment', 'enabled', 'web'), 'injected');
  t.is(reasonFor(results, 'Deployment', 'disabled', 'web'), 'skipped/namespace-disabled');
  t.is(reasonFor(results, 'StatefulSet', 'canary', 'db'), 'skipped/revision-mismatch');
  t.is(reasonFor(results, 'CronJob', 'plain', 'nightly'), 'skipped/namespace-not-enabled');
  t.is(reasonFor(results, 'Job', 'enabled', 'migrate'), 'skipped/pod-opt-out');
  t.is(reasonFor(results, 'DaemonSet', 'enabled', 'agent'), 'skipped/host-network');
  t.is(reasonFor(results, 'Pod', 'elsewhere', 'lonely'), 'skipped/namespace-not-enabled');
  // The namespace of the lonely pod is neither in the input nor declared: a warning says so.
  t.true(results.some((r) => r.severity === 'warning' && r.resourceRef?.name === 'lonely' && /elsewhere/.test(r.message)));

  const web = out.items.find((i) => i.kind === 'Deployment' && i.metadata.namespace === 'enabled')!;
  const spec = podSpecOf(web);
  t.deepEqual(names(spec.initContainers), ['istio-init', 'istio-proxy']);
  t.is(spec.initContainers[1].restartPolicy, 'Always');
  t.deepEqual(names(spec.containers), ['web']);
  t.truthy(web.spec.template.metadata.annotations['sidecar.istio.io/status']);
  for (const item of out.items.filter((i) => i !== web)) {
    const s = item.kind === 'Namespace' || item.kind === 'ConfigMap' ? undefined : podSpecOf(item);
    if (s) t.falsy(names(s.initContainers).includes('istio-proxy'), `${item.kind} ${item.metadata.name} must not be injected`);
  }
});

test('results carry file path and index from the orchestrator annotations', async (t) => {
  const run = await runCli([], { stdin: fixture });
  const out = parse(run.stdout) as { results: Result[] };
  const web = out.results.find((r) => r.resourceRef?.name === 'web' && r.resourceRef.namespace === 'enabled')!;
  t.deepEqual(web.file, { path: 'apps/web.yaml', index: 0 });
  t.regex(web.message, /istio-injection=enabled/);
});

test('items the function does not change come out byte-identical, and a second run changes nothing', async (t) => {
  const first = await runCli([], { stdin: fixture });
  t.is(first.exitCode, 0, first.stderr);
  // Everything before and after the one injected item is still there byte for byte.
  const webStart = fixture.indexOf('- apiVersion: apps/v1 # a deployment');
  const tailStart = fixture.indexOf('- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: web\n    namespace: disabled');
  t.true(webStart > 0 && tailStart > webStart);
  t.true(first.stdout.startsWith(fixture.slice(0, webStart)), 'everything before the injected item is byte-identical');
  t.true(first.stdout.includes(fixture.slice(tailStart)), 'everything after the injected item is byte-identical');
  const second = await runCli([], { stdin: first.stdout.replace(/\nresults:[\s\S]*$/, '\n') });
  t.is(second.exitCode, 0, second.stderr);
  t.is(second.stdout.replace(/\nresults:[\s\S]*$/, '\n'), first.stdout.replace(/\nresults:[\s\S]*$/, '\n'));
  const out = parse(second.stdout) as { results: Result[] };
  t.is(reasonFor(out.results, 'Deployment', 'enabled', 'web'), 'up-to-date');
});

test('declared namespace labels in the function config select workloads of namespaces not in the input', async (t) => {
  const input = `apiVersion: config.kubernetes.io/v1
kind: ResourceList
functionConfig:
  apiVersion: inject-istio-sidecar.io/v1alpha1
  kind: InjectIstioSidecar
  metadata:
    name: inject
  namespaces:
    shop:
      istio-injection: enabled
items:
${cartDeployment}`;
  const run = await runCli([], { stdin: input });
  t.is(run.exitCode, 0, run.stderr);
  const out = parse(run.stdout) as { results: Result[] };
  t.is(reasonFor(out.results, 'Deployment', 'shop', 'cart'), 'injected');
  t.false(out.results.some((r) => r.severity === 'warning'));
});

test('an invalid annotation fails the run: exit 1, the items unchanged with every result on stdout, a one-line summary on stderr', async (t) => {
  const input = `apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
- apiVersion: v1
  kind: Namespace
  metadata: {name: shop, labels: {istio-injection: enabled}}
- apiVersion: apps/v1
  kind: Deployment
  metadata: {name: cart, namespace: shop}
  spec:
    template:
      metadata:
        annotations:
          traffic.sidecar.istio.io/includeInboundPorts: "bad"
      spec:
        containers:
        - name: cart
          image: cart:1
`;
  const run = await runCli([], { stdin: input });
  t.is(run.exitCode, 1);
  // kpt prints a failing function's results only when it emits its ResourceList.
  t.true(run.stdout.startsWith(input), 'the input items come back byte for byte, nothing injected');
  const out = parse(run.stdout) as { items: Item[]; results: Result[] };
  t.is(out.items.length, 2);
  const error = out.results.find((r) => r.severity === 'error')!;
  t.regex(error.message, /includeInboundPorts/);
  t.deepEqual(error.resourceRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'cart', namespace: 'shop' });
  t.is(error.tags?.reason, 'error/invalid-annotation');
  // stderr summarises; it does not repeat each result (kpt would show it twice).
  t.regex(run.stderr, /^inject-istio-sidecar: failed: 1 error, 0 warnings; (\d+ config\/[a-z-]+, )*1 error\/invalid-annotation\n$/);
});

test('a successful run: stderr is one summary line with counts per reason, the results are on stdout', async (t) => {
  const run = await runCli([], { stdin: fixture });
  t.is(run.exitCode, 0);
  t.is(run.stderr.split('\n').length, 2, run.stderr);
  t.regex(run.stderr, /^inject-istio-sidecar: 0 errors, \d+ warnings?; (\d+ [a-z/-]+(, )?)+\n$/);
  const out = parse(run.stdout) as { results: Result[] };
  const injected = out.results.filter((r) => r.tags?.reason === 'injected').length;
  t.true(injected > 0);
  t.true(run.stderr.includes(`${injected} injected`));
});

test('a configuration file that cannot be read is an error result in the emitted ResourceList', async (t) => {
  const input = `apiVersion: config.kubernetes.io/v1
kind: ResourceList
functionConfig:
  apiVersion: v1
  kind: ConfigMap
  metadata: {name: function-input}
  data: {valuesFile: does-not-exist.json}
items:
${cartDeployment}`;
  const run = await runCli([], { stdin: input });
  t.is(run.exitCode, 1);
  const out = parse(run.stdout) as { items: Item[]; results: Result[] };
  t.is(out.items.length, 1);
  t.deepEqual(names(podSpecOf(out.items[0]!).containers), ['cart']);
  t.regex(out.results[0]!.message, /does-not-exist\.json/);
  t.is(out.results[0]!.tags?.reason, 'config/error');
});

test('an unknown functionConfig field is an error result naming the field path', async (t) => {
  const input = `apiVersion: config.kubernetes.io/v1
kind: ResourceList
functionConfig:
  apiVersion: inject-istio-sidecar.io/v1alpha1
  kind: InjectIstioSidecar
  metadata: {name: x}
  nativeSidecar: true
items: []
`;
  const run = await runCli([], { stdin: input });
  t.is(run.exitCode, 1);
  const out = parse(run.stdout) as { results: Result[] };
  t.regex(out.results[0]!.message, /nativeSidecar\b/);
  t.is(out.results[0]!.severity, 'error');
});

test('a ConfigMap functionConfig (kpt fn eval -- key=value) selects all workloads', async (t) => {
  const input = `apiVersion: config.kubernetes.io/v1
kind: ResourceList
functionConfig:
  apiVersion: v1
  kind: ConfigMap
  metadata: {name: function-input}
  data:
    selector: all
    nativeSidecars: "false"
items:
${cartDeployment}`;
  const run = await runCli([], { stdin: input });
  t.is(run.exitCode, 0, run.stderr);
  const out = parse(run.stdout) as { items: Item[] };
  const spec = podSpecOf(out.items[0]!);
  t.deepEqual(names(spec.containers), ['cart', 'istio-proxy']);
  t.deepEqual(names(spec.initContainers), ['istio-init']);
});

test('bad ResourceList input: a clear one-line error, exit 1, nothing on stdout', async (t) => {
  for (const [input, pattern] of [
    ['apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: {a: 1}\n', /items/],
    ['apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- a: [1\n', /line \d+|:\d+/],
    ['apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n', /ResourceList/],
  ] as const) {
    const run = await runCli([], { stdin: input });
    t.is(run.exitCode, 1, input);
    t.is(run.stdout, '');
    t.regex(run.stderr, pattern);
    t.notRegex(run.stderr, /\n\s+at /, 'no stack trace');
  }
});

const withCheck = (text: string, extra = '') =>
  text.replace('kind: ResourceList\n', `kind: ResourceList\nfunctionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: function-input}\n  data:\n    mode: check\n${extra}`);
const withoutResults = (text: string) => text.replace(/\nresults:[\s\S]*$/, '\n');

test('mode: check (a kpt validator) fails on a missing sidecar, emitting the unchanged items and the results', async (t) => {
  const stale = await runCli([], { stdin: withCheck(fixture) });
  t.is(stale.exitCode, 1);
  const failed = parse(stale.stdout) as { items: Item[]; results: Result[] };
  t.is(withoutResults(stale.stdout), withCheck(fixture), 'items unchanged');
  const web = failed.results.find((r) => r.resourceRef?.name === 'web' && r.resourceRef.namespace === 'enabled')!;
  t.is(web.severity, 'error');
  t.is(web.tags?.reason, 'missing');
  t.regex(web.message, /sidecar is missing/);
  t.regex(stale.stderr, /^inject-istio-sidecar: failed: \d+ errors?, .*\d+ missing/);
  const injected = await runCli([], { stdin: fixture });
  const fresh = await runCli([], { stdin: withCheck(withoutResults(injected.stdout)) });
  t.is(fresh.exitCode, 0, fresh.stderr);
  const out = parse(fresh.stdout) as { items: Item[]; results: Result[] };
  t.is(reasonFor(out.results, 'Deployment', 'enabled', 'web'), 'up-to-date');
  t.false(out.results.some((r) => r.severity === 'error'));
});

test('mode: check fails on an unexpected sidecar (reason unexpected) unless allowUnexpected is true', async (t) => {
  const injected = withoutResults((await runCli([], { stdin: fixture })).stdout);
  // The namespace turns injection off: the committed sidecar of enabled/web is now unexpected.
  const disabled = injected.replace('istio-injection: enabled', 'istio-injection: disabled');
  t.not(disabled, injected);
  const strict = await runCli([], { stdin: withCheck(disabled) });
  t.is(strict.exitCode, 1);
  const res = (parse(strict.stdout) as { results: Result[] }).results.filter((r) => r.tags?.reason === 'unexpected');
  t.true(res.length > 0);
  t.true(res.every((r) => r.severity === 'error'));
  t.true(res.some((r) => r.resourceRef?.namespace === 'enabled'));
  const relaxed = await runCli([], { stdin: withCheck(disabled, '    allowUnexpected: "true"\n') });
  t.is(relaxed.exitCode, 0, relaxed.stderr);
  const warned = (parse(relaxed.stdout) as { results: Result[] }).results.filter((r) => r.tags?.reason === 'unexpected');
  t.is(warned.length, res.length);
  t.true(warned.every((r) => r.severity === 'warning'));
});

test('mode must be inject or check', async (t) => {
  const run = await runCli([], { stdin: 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nfunctionConfig:\n  apiVersion: inject-istio-sidecar.io/v1alpha1\n  kind: InjectIstioSidecar\n  metadata: {name: x}\n  mode: verify\nitems: []\n' });
  t.is(run.exitCode, 1);
  t.regex(run.stdout, /mode: expected "inject" or "check"/);
});
