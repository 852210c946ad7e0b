import test from 'ava';
import { mkdtempSync, writeFileSync, readFileSync, chmodSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { runCli } from '../../src/cli/run-inject.js';

const manifests = `# shop namespace, injected by label
apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    istio-injection: enabled
---
apiVersion: v1
kind: Service
metadata:
  name: cart # the cart service
  namespace: shop
spec:
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cart
  namespace: shop
spec:
  replicas: 2 # two is enough
  template:
    metadata:
      labels:
        app: cart
    spec:
      containers:
      - name: cart
        image: "cart:1.0"
        ports:
        - containerPort: 8080
`;

function workdir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'iis-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const commands = ['inject', 'check', 'webhook', 'webhook-config'];

test('--help works for the program and every command', async (t) => {
  const top = await runCli(['--help']);
  t.is(top.exitCode, 0);
  for (const c of commands) t.true(top.stdout.includes(c));
  for (const c of commands) {
    const run = await runCli([c, '--help']);
    t.is(run.exitCode, 0, c);
    t.regex(run.stdout, /Usage: inject-istio-sidecar/, c);
  }
});

test('usage errors exit 2 with a pointer to --help', async (t) => {
  for (const args of [['frobnicate'], ['inject', '--no-such-flag'], ['inject', '-f', 'x', '--selector', 'some'], ['inject', '-f', 'x', '--native-sidecars', 'maybe'], ['inject']]) {
    const run = await runCli(args, { cwd: workdir({}) });
    t.is(run.exitCode, 2, args.join(' '));
    t.regex(run.stderr, /--help/);
    t.is(run.stdout, '');
  }
});

test('inject writes untouched documents byte-identical and only adds lines to the injected one', async (t) => {
  const dir = workdir({ 'app.yaml': manifests });
  const run = await runCli(['inject', '-f', 'app.yaml'], { cwd: dir });
  t.is(run.exitCode, 0, run.stderr);
  const [nsAndSvc] = manifests.split('---\napiVersion: apps/v1');
  t.true(run.stdout.startsWith(nsAndSvc!), 'Namespace and Service unchanged');
  // Every original line of the Deployment is still there, in order (comments and quoting kept).
  const outLines = run.stdout.split('\n');
  let at = 0;
  for (const line of manifests.split('\n')) {
    const found = outLines.indexOf(line, at);
    t.true(found >= 0, `line kept: ${line}`);
    at = found + 1;
  }
  const docs = parseAllDocuments(run.stdout).map((d) => d.toJS());
  t.deepEqual(docs[2].spec.template.spec.containers.map((c: any) => c.name), ['cart']);
  t.deepEqual(docs[2].spec.template.spec.initContainers.map((c: any) => c.name), ['istio-init', 'istio-proxy']);
  t.regex(run.stderr, /Deployment shop\/cart .*\[injected\]/);
});

test('inject is idempotent: its own output comes back byte-identical', async (t) => {
  const dir = workdir({ 'app.yaml': manifests });
  const first = await runCli(['inject', '-f', 'app.yaml'], { cwd: dir });
  writeFileSync(join(dir, 'app.yaml'), first.stdout);
  const second = await runCli(['inject', '-f', 'app.yaml'], { cwd: dir });
  t.is(second.exitCode, 0);
  t.is(second.stdout, first.stdout);
  t.regex(second.stderr, /\[up-to-date\]/);
});

test('a sidecar from another configuration is re-injected cleanly', async (t) => {
  const dir = workdir({ 'app.yaml': manifests, 'values.json': JSON.stringify({ global: { hub: 'example.com/istio', tag: '1.31.0', proxy: {}, proxy_init: {} } }) });
  const old = await runCli(['inject', '-f', 'app.yaml', '--valuesFile', 'values.json'], { cwd: dir });
  t.is(old.exitCode, 0, old.stderr);
  t.regex(old.stdout, /example\.com\/istio\/proxyv2:1\.31\.0/);
  writeFileSync(join(dir, 'app.yaml'), old.stdout);
  const fresh = await runCli(['inject', '-f', 'app.yaml'], { cwd: dir });
  t.is(fresh.exitCode, 0, fresh.stderr);
  t.regex(fresh.stderr, /\[reinjected\]/);
  t.notRegex(fresh.stdout, /1\.31\.0/);
  const clean = await runCli(['inject', '-f', '-'], { cwd: dir, stdin: manifests });
  const docs = (text: string) => parseAllDocuments(text).map((d) => d.toJS());
  t.deepEqual(docs(fresh.stdout), docs(clean.stdout), 're-injection equals a first injection with the new config');
  writeFileSync(join(dir, 'app.yaml'), fresh.stdout);
  const again = await runCli(['inject', '-f', 'app.yaml'], { cwd: dir });
  t.is(again.stdout, fresh.stdout, 'and is stable from then on');
  t.regex(again.stderr, /\[up-to-date\]/);
});

test('-o writes atomically and never truncates the input on error', async (t) => {
  const bad = manifests.replace('app: cart\n', 'app: cart\n      annotations:\n        traffic.sidecar.istio.io/excludeInboundPorts: "*"\n');
  const dir = workdir({ 'app.yaml': bad });
  const run = await runCli(['inject', '-f', 'app.yaml', '-o', 'app.yaml'], { cwd: dir });
  t.is(run.exitCode, 1);
  t.regex(run.stderr, /excludeInboundPorts/);
  t.is(readFileSync(join(dir, 'app.yaml'), 'utf8'), bad);
  const good = workdir({ 'app.yaml': manifests });
  const ok = await runCli(['inject', '-f', 'app.yaml', '-o', 'out.yaml'], { cwd: good });
  t.is(ok.exitCode, 0);
  t.regex(readFileSync(join(good, 'out.yaml'), 'utf8'), /istio-proxy/);
});

test('check fails on a missing injection and passes after inject --in-place', async (t) => {
  const dir = workdir({ 'k8s/ns.yaml': manifests.split('---\n')[0]!, 'k8s/app.yaml': manifests.split('---\n').slice(1).join('---\n') });
  const before = await runCli(['check', '-f', 'k8s'], { cwd: dir });
  t.is(before.exitCode, 1);
  t.regex(before.stderr, /Deployment shop\/cart .*sidecar is missing/);
  const nsBefore = readFileSync(join(dir, 'k8s/ns.yaml'), 'utf8');
  const fix = await runCli(['inject', '--in-place', '-f', 'k8s'], { cwd: dir });
  t.is(fix.exitCode, 0, fix.stderr);
  t.is(readFileSync(join(dir, 'k8s/ns.yaml'), 'utf8'), nsBefore, 'unchanged file untouched');
  const after = await runCli(['check', '-f', 'k8s'], { cwd: dir });
  t.is(after.exitCode, 0, after.stderr);
});

test('bad input names the file and line, exits 1 and writes nothing to stdout', async (t) => {
  const dir = workdir({
    'broken.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: [unclosed\n',
    'bomb.yaml': 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n',
    'deep.yaml': `${'['.repeat(20000)}${']'.repeat(20000)}\n`,
  });
  const broken = await runCli(['inject', '-f', 'broken.yaml'], { cwd: dir });
  t.is(broken.exitCode, 1);
  t.is(broken.stdout, '');
  t.regex(broken.stderr, /broken\.yaml/);
  t.regex(broken.stderr, /line \d+|:\d+/);
  t.notRegex(broken.stderr, /\n\s+at /);
  for (const file of ['bomb.yaml', 'deep.yaml']) {
    const run = await runCli(['inject', '-f', file], { cwd: dir });
    t.is(run.exitCode, 1, file);
    t.is(run.stdout, '');
    t.regex(run.stderr, new RegExp(file.replace('.', '\\.')));
  }
  const missing = await runCli(['inject', '-f', 'nope.yaml'], { cwd: dir });
  t.is(missing.exitCode, 1);
  t.regex(missing.stderr, /nope\.yaml: no such file/);
  if (process.getuid?.() !== 0) {
    writeFileSync(join(dir, 'secret.yaml'), 'a: 1\n');
    chmodSync(join(dir, 'secret.yaml'), 0);
    const denied = await runCli(['inject', '-f', 'secret.yaml'], { cwd: dir });
    t.is(denied.exitCode, 1);
    t.regex(denied.stderr, /secret\.yaml: permission denied/);
  }
});

test('__proto__ keys are data, not a prototype', async (t) => {
  const dir = workdir({ 'p.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  __proto__:\n    polluted: "yes"\n' });
  const run = await runCli(['inject', '-f', 'p.yaml'], { cwd: dir });
  t.is(run.exitCode, 0, run.stderr);
  t.is(({} as Record<string, unknown>).polluted, undefined);
  t.is(run.stdout, readFileSync(join(dir, 'p.yaml'), 'utf8'));
});

test('kustomize exec-plugin mode: config file argument and a plain stream on stdin', async (t) => {
  const dir = workdir({
    'config.yaml': 'apiVersion: inject-istio-sidecar.io/v1alpha1\nkind: InjectIstioSidecar\nmetadata:\n  name: inject\nselector: all\n',
  });
  const stream = manifests.replace(/^# shop[\s\S]*?---\n/, '');
  const run = await runCli(['config.yaml'], { cwd: dir, stdin: stream });
  t.is(run.exitCode, 0, run.stderr);
  t.regex(run.stdout, /name: istio-proxy/);
  t.true(run.stdout.startsWith('apiVersion: v1\nkind: Service'));
});

test('a plain stream on stdin without arguments is refused with a hint', async (t) => {
  const run = await runCli([], { stdin: manifests });
  t.is(run.exitCode, 1);
  t.regex(run.stderr, /ResourceList/);
  t.regex(run.stderr, /inject -f -/);
});

test('Namespaces and Istio ConfigMaps inside a v1 List (kubectl get -o yaml) are used', async (t) => {
  const list = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Namespace
  metadata:
    name: shop
    labels: {istio-injection: enabled}
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: istio-sidecar-injector, namespace: istio-system}
  data:
    values: '{"global": {"hub": "docker.io/istio", "tag": "1.32.0"}}'
`;
  const app = manifests.split('---\n').slice(1).join('---\n');
  const dir = workdir({ 'cluster.yaml': list, 'app.yaml': app });
  const run = await runCli(['inject', '-f', 'cluster.yaml', '-f', 'app.yaml'], { cwd: dir });
  t.is(run.exitCode, 0, run.stderr);
  t.regex(run.stderr, /Deployment shop\/cart .*\[injected\].*namespace "shop" has istio-injection=enabled/);
  t.regex(run.stdout, /image: docker\.io\/istio\/proxyv2:1\.32\.0/);
  t.true(run.stdout.startsWith(list), 'the List itself is not changed');
});
