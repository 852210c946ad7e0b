// Finding 8: input a user can write gets a located error (file, document, field or line), exit 1,
// (errors about a field name the field's own line: file:line of the annotation, not of the document),
// nothing on stdout; never "internal error", never a stack trace.
import test from 'ava';
import { runCli } from '../../src/cli/run-inject.js';
import { deployment, inject, isCleanError, krmFailure, workdir } from './helpers.js';

async function refused(t: import('ava').ExecutionContext, args: string[], files: Record<string, string>, where: RegExp) {
  const run = await inject(['-q', ...args], { cwd: workdir(files) });
  t.is(run.exitCode, 1, run.stderr);
  t.is(run.stdout, '');
  t.true(isCleanError(run.stderr), run.stderr);
  t.regex(run.stderr, where);
}

test('annotations: x', (t) =>
  refused(t, ['-f', 'app.yaml'], { 'app.yaml': deployment('      annotations: x\n') },
    /Deployment shop\/web \(app\.yaml:11\) \[error\/invalid-workload\]: metadata\.annotations must be a map of strings/));

for (const value of ['null', '5', '{a: 1}', '[a]']) {
  test(`inject.istio.io/templates: ${value}`, (t) =>
    refused(t, ['-f', 'app.yaml'], { 'app.yaml': deployment(`      annotations:\n        inject.istio.io/templates: ${value}\n`) },
      /\(app\.yaml:12\) \[error\/invalid-workload\]: annotation "inject\.istio\.io\/templates" must be a string/));
}

test('!!binary in an injected document is injected, and the tag and bytes stay', async (t) => {
  const run = await inject(['-q', '-f', '-'], { stdin: deployment('      annotations:\n        blob: !!binary aGVsbG8=\n') });
  t.is(run.exitCode, 0, run.stderr);
  t.true(run.stdout.includes('        blob: !!binary aGVsbG8=\n'));
  t.true(run.stdout.includes('istio-proxy'));
});

test('3,000 nested block sequences', (t) =>
  refused(t, ['-f', 'deep.yaml'], { 'deep.yaml': Array.from({ length: 3000 }, (_, i) => `${' '.repeat(2 * i)}- \n`).join('') },
    /^error: deep\.yaml:\d+: document 1 is nested more than 256 levels deep\n$/));

test('a bad merge key in a mesh ConfigMap of the input', (t) =>
  refused(t, ['-f', 'app.yaml'], {
    'app.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio\n  namespace: istio-system\ndata:\n  mesh: |\n    defaultConfig:\n      <<: 5\n---\n${deployment()}`,
  }, /^error: app\.yaml:7: ConfigMap istio \(key mesh\): invalid YAML: Merge sources must be maps/));

test('KRM function: a bad mesh ConfigMap item names the file of its path annotation, not the ConfigMap as a file', async (t) => {
  const cm = (path: string) => `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: istio\n    namespace: istio-system\n${path}  data:\n    mesh: |\n      defaultConfig:\n        <<: 5\n`;
  const annotated = cm('    annotations: {config.kubernetes.io/path: istio/mesh.yaml}\n');
  const run = await runCli([], { stdin: annotated });
  const [error] = krmFailure(t, run, annotated);
  t.regex(error!.message, /^ConfigMap istio \(key mesh\): invalid YAML: Merge sources must be maps/);
  t.deepEqual((error as { file?: unknown }).file, { path: 'istio/mesh.yaml' });
  const bare = cm('');
  const [plain] = krmFailure(t, await runCli([], { stdin: bare }), bare);
  t.is((plain as { file?: unknown }).file, undefined, 'no file rather than the ConfigMap name as a path');
});

test('an alias bomb in a values file', (t) => {
  let bomb = `a: &a [${Array(100).fill('x').join(',')}]\n`;
  for (let i = 1; i < 8; i++) bomb += `b${i}: &b${i} [${Array(100).fill(i === 1 ? '*a' : `*b${i - 1}`).join(',')}]\n`;
  return refused(t, ['--valuesFile', 'values.yaml', '-f', 'app.yaml'], { 'values.yaml': bomb, 'app.yaml': deployment() },
    /^error: values\.yaml: invalid YAML: aliases expand to too many nodes\n$/);
});

test('an alias bomb in a function config values given inline (KRM)', async (t) => {
  let bomb = '';
  bomb += `    a: &a [${Array(100).fill('x').join(',')}]\n`;
  for (let i = 1; i < 8; i++) bomb += `    b${i}: &b${i} [${Array(100).fill(i === 1 ? '*a' : `*b${i - 1}`).join(',')}]\n`;
  const list = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nfunctionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  data:\n    values: |\n${bomb.replace(/^/gm, '  ')}items: []\n`;
  const run = await runCli([], { stdin: list });
  t.is(run.exitCode, 1);
  t.true(isCleanError(run.stderr), run.stderr);
});

test('an invalid annotation of the second document names its own line (file:line), in text and JSON reports', async (t) => {
  const second = deployment('      annotations:\n        traffic.sidecar.istio.io/includeInboundPorts: "bad"\n').replace('name: web', 'name: api');
  const files = { 'app.yaml': `${deployment()}---\n${second}` };
  const run = await inject(['-q', '-f', 'app.yaml'], { cwd: workdir(files) });
  t.is(run.exitCode, 1);
  // The second document starts at line 18; its annotation is on line 29.
  t.regex(run.stderr, /^error +Deployment shop\/api \(app\.yaml:29\) \[error\/invalid-annotation\]: .*includeInboundPorts/m);
  const json = await runCli(['check', '--selector', 'all', '-f', 'app.yaml', '--report', 'json', '--report-file', '-'], { cwd: workdir(files) });
  const record = JSON.parse(json.stdout).records.find((r: { resource?: string }) => r.resource === 'Deployment shop/api');
  t.like(record, { reason: 'error/invalid-annotation', file: 'app.yaml', line: 29 });
});

test('a label injection would derive into a value Kubernetes rejects ("---" -> "--") is a located error on that label', (t) =>
  refused(t, ['-f', 'app.yaml'], { 'app.yaml': deployment().replace('        app: web\n', '        app: web\n        service.istio.io/canonical-name: "---"\n') },
    /^error +Deployment shop\/web \(app\.yaml:13\) \[error\/invalid-label\]: injection changes label service\.istio\.io\/canonical-name from "---" to "--", and Kubernetes rejects the label value "--"/m));

test('labels Kubernetes rejects that injection does not touch stay the user\'s business', async (t) => {
  const run = await inject(['-q', '-f', '-'], { stdin: deployment().replace('        app: web\n', '        app: web\n        team: "-x-"\n') });
  t.is(run.exitCode, 0, run.stderr);
  t.true(run.stdout.includes('team: "-x-"'));
});

test('a carriage return not followed by a line feed is refused on its line (YAML readers disagree on it)', async (t) => {
  for (const [input, line] of [[deployment().replace('image: nginx\n', 'image: nginx\r'), 16], [deployment().replace('  name: web\n', '  name: web\rx\n'), 4]] as const) {
    await refused(t, ['-f', 'app.yaml'], { 'app.yaml': input }, new RegExp(`^error: app\\.yaml:${line}: a carriage return \\(\\\\r\\) not followed by a line feed`));
  }
  const crlf = await inject(['-q', '-f', '-'], { stdin: deployment().replaceAll('\n', '\r\n') });
  t.is(crlf.exitCode, 0, crlf.stderr);
});

// YAML allows any node as a mapping key; JSON, and so Kubernetes (sigs.k8s.io/yaml: "invalid map key"), only strings.
for (const [label, key, what] of [['a list', '? [a, b]\n        : x\n', 'a list or map'], ['a map', '? {a: 1}\n        : x\n', 'a list or map'], ['null', '~: x\n', 'null']] as const) {
  test(`a mapping key that is ${label} in a workload to inject is an error at its line, nothing injected`, (t) =>
    refused(t, ['-f', 'app.yaml'], { 'app.yaml': deployment(`      annotations:\n        ${key}`) },
      new RegExp(`Deployment shop/web \\(app\\.yaml:12\\) \\[error/invalid-workload\\]: a mapping key is ${what}: Kubernetes reads manifests as JSON`)));
}

test('a list as mapping key elsewhere (a ConfigMap, a workload left alone) is not our business: passed through as it is', async (t) => {
  const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: odd\n  namespace: shop\ndata:\n  ? [a]\n  : x\n';
  const input = `${configMap}---\n${deployment()}`;
  const run = await inject(['-q', '-f', '-'], { stdin: input });
  t.is(run.exitCode, 0, run.stderr);
  t.true(run.stdout.startsWith(configMap));
  t.true(run.stdout.includes('istio-proxy'));
  const skipped = await runCli(['inject', '-q', '-f', '-'], { stdin: deployment('      annotations:\n        ? [a]\n        : x\n') });
  t.is(skipped.exitCode, 0, skipped.stderr);
  t.false(skipped.stdout.includes('istio-proxy'), 'namespace shop is not enabled: nothing to inject, nothing refused');
});

test('a mapping key that is a list in a ResourceList item to inject: an error result naming the workload', async (t) => {
  const items = deployment('      annotations:\n        ? [a]\n        : x\n').split('\n').map((l, i) => (l ? `${i === 0 ? '- ' : '  '}${l}` : l)).join('\n');
  const input = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nfunctionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: fn\n  data:\n    selector: all\nitems:\n${items}`;
  const run = await runCli([], { stdin: input });
  const [error] = krmFailure(t, run, input);
  t.regex(error!.message, /^a mapping key is a list or map: Kubernetes reads manifests as JSON/);
  t.is(error!.tags?.reason, 'error/invalid-workload');
});

test('a container of the pod named like one injection adds to the other list (istio-init under containers) is an error, not a pod with two of that name (fuzz seed 46)', (t) =>
  refused(t, ['-f', 'app.yaml'], { 'app.yaml': deployment('', '        - name: istio-init\n          image: busybox\n') },
    /Deployment shop\/web \(app\.yaml:\d+\) \[error\/injection-failed\]: injection would give two containers the name "istio-init"/));
