// End to end with the real kpt (1.0.0-beta.56): `kpt fn eval --exec` and `kpt fn render
// --allow-exec` write the package in place, so these check what users keep in Git: the sidecar
// where the namespace asks for it, every other byte untouched (comments not duplicated), a second
// run changing nothing, results in --results-dir, and a failing run leaving the files alone.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { testWithTools } from './tools.js';
import { makeBinDir, pathWith } from '../examples/harness.js';

const namespaceYaml = `# Namespaces of the shop.
apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    istio-injection: enabled # selected by Istio's default webhook
---
apiVersion: v1
kind: Namespace
metadata:
  name: back-office
`;

const deploymentYaml = `# The storefront.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web # keep this comment
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: payroll
  namespace: back-office
spec:
  selector:
    matchLabels: {app: payroll}
  template:
    metadata:
      labels:
        app: payroll
    spec:
      containers:
      - name: payroll
        image: example.com/payroll:1
`;

const untouchedYaml = `# Scalars a careless YAML round trip would change.
apiVersion: v1
kind: ConfigMap
metadata:
  name: tricky
  namespace: shop
data:
  mode: "0755"
  date: "2020-01-01"
  flow: '{a: 1}'
  big: "12345678901234567890"
`;

function makePackage(kptfile?: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'iis-kpt-')), 'pkg');
  mkdirSync(dir);
  writeFileSync(join(dir, 'namespaces.yaml'), namespaceYaml);
  writeFileSync(join(dir, 'deployments.yaml'), deploymentYaml);
  writeFileSync(join(dir, 'untouched.yaml'), untouchedYaml);
  if (kptfile) writeFileSync(join(dir, 'Kptfile'), kptfile);
  return dir;
}

function kpt(kptPath: string, args: string[], cwd: string, binDir: string) {
  const r = spawnSync(kptPath, args, { cwd, encoding: 'utf8', env: { ...process.env, PATH: pathWith(binDir) } });
  if (r.error) throw r.error;
  return r;
}

type Workload = { kind: string; metadata: { name: string; namespace?: string }; spec: { template: { spec: { containers: { name: string }[]; initContainers?: { name: string }[] } } } };

function containerNames(file: string, name: string): string[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS() as Workload);
  const w = docs.find((d) => d.metadata.name === name)!;
  return [...(w.spec.template.spec.initContainers ?? []), ...w.spec.template.spec.containers].map((c) => c.name);
}

testWithTools('kpt fn eval --exec: injects where the namespace is enabled, leaves other bytes alone, second run is a no-op', ['kpt'], (t, tools) => {
  const bin = makeBinDir();
  const pkg = makePackage();
  const results = mkdtempSync(join(tmpdir(), 'iis-results-'));
  const first = kpt(tools.kpt!, ['fn', 'eval', pkg, '--exec', 'inject-istio-sidecar', '--results-dir', results], pkg, bin);
  t.is(first.status, 0, first.stderr);

  t.true(containerNames(join(pkg, 'deployments.yaml'), 'web').includes('istio-proxy'), 'shop/web got a sidecar');
  t.deepEqual(containerNames(join(pkg, 'deployments.yaml'), 'payroll'), ['payroll'], 'back-office/payroll (no label) did not');
  t.is(readFileSync(join(pkg, 'namespaces.yaml'), 'utf8'), namespaceYaml, 'Namespaces untouched, comments included');
  t.is(readFileSync(join(pkg, 'untouched.yaml'), 'utf8'), untouchedYaml, 'scalars keep their source form');
  const deployments = readFileSync(join(pkg, 'deployments.yaml'), 'utf8');
  t.is(deployments.split('# The storefront.').length, 2, 'the leading comment is not duplicated');
  t.true(deployments.includes('name: web # keep this comment'));
  t.true(deployments.includes(deploymentYaml.slice(deploymentYaml.indexOf('---'))), 'the payroll document is byte-identical');

  const list = parse(readFileSync(join(results, 'results.yaml'), 'utf8')) as { exitCode: number; items: { exitCode: number; results?: { message: string; severity: string; resourceRef?: { name: string } }[] }[] };
  t.is(list.exitCode, 0);
  const refs = (list.items[0]!.results ?? []).map((r) => `${r.severity}:${r.resourceRef?.name}`);
  t.true(refs.some((r) => r.endsWith(':web')), `a result explains shop/web: ${refs.join(', ')}`);
  t.true(refs.some((r) => r.endsWith(':payroll')), `a result explains back-office/payroll: ${refs.join(', ')}`);

  const after = readFileSync(join(pkg, 'deployments.yaml'), 'utf8');
  const second = kpt(tools.kpt!, ['fn', 'eval', pkg, '--exec', 'inject-istio-sidecar'], pkg, bin);
  t.is(second.status, 0, second.stderr);
  t.is(readFileSync(join(pkg, 'deployments.yaml'), 'utf8'), after, 'the second run changes nothing');
});

testWithTools('kpt fn eval --exec -- selector=all: the ConfigMap function config is honoured', ['kpt'], (t, tools) => {
  const bin = makeBinDir();
  const pkg = makePackage();
  const r = kpt(tools.kpt!, ['fn', 'eval', pkg, '--exec', 'inject-istio-sidecar', '--', 'selector=all'], pkg, bin);
  t.is(r.status, 0, r.stderr);
  t.true(containerNames(join(pkg, 'deployments.yaml'), 'payroll').includes('istio-proxy'), 'selector=all ignores namespace labels');
});

testWithTools('kpt fn render --allow-exec: the Kptfile pipeline injects, the Kptfile itself is left alone, and it is idempotent', ['kpt'], (t, tools) => {
  const kptfile = `apiVersion: kpt.dev/v1
kind: Kptfile
metadata:
  name: pkg
  annotations:
    config.kubernetes.io/local-config: "true"
pipeline:
  mutators:
  - exec: inject-istio-sidecar
`;
  const bin = makeBinDir();
  const pkg = makePackage(kptfile);
  const results = mkdtempSync(join(tmpdir(), 'iis-results-'));
  const first = kpt(tools.kpt!, ['fn', 'render', pkg, '--allow-exec', '--results-dir', results], pkg, bin);
  t.is(first.status, 0, first.stderr);
  t.true(containerNames(join(pkg, 'deployments.yaml'), 'web').includes('istio-proxy'));
  t.is(readFileSync(join(pkg, 'Kptfile'), 'utf8'), kptfile, 'the Kptfile (local-config) is not modified');
  t.is(readFileSync(join(pkg, 'untouched.yaml'), 'utf8'), untouchedYaml);
  const after = readFileSync(join(pkg, 'deployments.yaml'), 'utf8');
  const second = kpt(tools.kpt!, ['fn', 'render', pkg, '--allow-exec'], pkg, bin);
  t.is(second.status, 0, second.stderr);
  t.is(readFileSync(join(pkg, 'deployments.yaml'), 'utf8'), after);
});

testWithTools('kpt fn eval with an invalid function config fails with a located message and writes nothing', ['kpt'], (t, tools) => {
  const bin = makeBinDir();
  const pkg = makePackage();
  const results = mkdtempSync(join(tmpdir(), 'iis-results-'));
  const r = kpt(tools.kpt!, ['fn', 'eval', pkg, '--exec', 'inject-istio-sidecar', '--results-dir', results, '--', 'selector=sometimes'], pkg, bin);
  t.not(r.status, 0, 'kpt reports the failure');
  t.is(readFileSync(join(pkg, 'deployments.yaml'), 'utf8'), deploymentYaml, 'no partial output was written');
  const text = readFileSync(join(results, 'results.yaml'), 'utf8');
  t.regex(text, /selector/, 'the results name the bad field');
  t.regex(text, /sometimes/, 'and the bad value');
  t.false(/\bat .+\.(m?js|ts):\d+/.test(text + r.stderr), 'no stack trace');
});

testWithTools('a failing kpt validator (mode: check) shows its results: kpt prints each finding once, the files stay as they were', ['kpt'], (t, tools) => {
  const kptfile = `apiVersion: kpt.dev/v1
kind: Kptfile
metadata:
  name: pkg
  annotations:
    config.kubernetes.io/local-config: "true"
pipeline:
  validators:
  - exec: inject-istio-sidecar
    configMap:
      mode: check
`;
  const bin = makeBinDir();
  const pkg = makePackage(kptfile);
  const results = mkdtempSync(join(tmpdir(), 'iis-results-'));
  const r = kpt(tools.kpt!, ['fn', 'render', pkg, '--allow-exec', '--results-dir', results], pkg, bin);
  t.log(r.stderr);
  t.not(r.status, 0, 'the validator fails the render');
  t.is(readFileSync(join(pkg, 'deployments.yaml'), 'utf8'), deploymentYaml, 'validators never write');
  const list = parse(readFileSync(join(results, 'results.yaml'), 'utf8')) as { items: { exitCode: number; stderr?: string; results?: { message: string; severity: string; resourceRef?: { name: string }; tags?: { reason?: string } }[] }[] };
  const item = list.items[0]!;
  t.is(item.exitCode, 1);
  const missing = (item.results ?? []).filter((x) => x.tags?.reason === 'missing');
  t.deepEqual(missing.map((x) => [x.severity, x.resourceRef?.name]), [['error', 'web']], 'the finding is a result kpt records');
  // kpt prints the results of the failing function; the message must appear once, not again via stderr.
  const message = missing[0]!.message;
  const shown = (r.stderr + r.stdout).split(message.slice(0, 60)).length - 1;
  t.is(shown, 1, 'the finding is shown exactly once');
  t.regex(r.stderr, /\[error\] apps\/v1\/Deployment\/shop\/web/);
  t.regex(item.stderr ?? '', /^inject-istio-sidecar: failed: /);
});
