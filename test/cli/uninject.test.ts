import test from 'ava';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { runCli } from '../../src/cli/run-inject.js';
import { corpusTest, ISTIO_CORPUS } from '../corpus.js';

const manifests = `# the shop
apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: {istio-injection: enabled}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cart # keep me
  namespace: shop
spec:
  template:
    metadata:
      labels:
        app: cart
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "9090"
    spec:
      containers:
      - name: cart
        image: "cart:1.0"   # quoted
        command: ["run",  "--fast"]
        ports:
        - containerPort: 9090
        readinessProbe:
          httpGet: {path: /ready, port: 9090}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: untouched, namespace: shop}
data: {mode: 0755}
`;

const js = (text: string) => parseAllDocuments(text).map((d) => d.toJS());

test('inject then uninject gives back the file byte for byte; a file without injection is left alone', async (t) => {
  const injected = await runCli(['inject', '-f', '-'], { stdin: manifests });
  t.is(injected.exitCode, 0, injected.stderr);
  t.regex(injected.stdout, /istio-proxy/);
  t.regex(injected.stdout, /\/app-health\/cart\/readyz/, 'the probe was rewritten, so uninject has to restore it');
  const back = await runCli(['uninject', '-f', '-'], { stdin: injected.stdout });
  t.is(back.exitCode, 0, back.stderr);
  t.is(back.stdout, manifests);
  t.regex(back.stderr, /Deployment shop\/cart \(<stdin>:8\) \[uninjected\]/);
  const again = await runCli(['uninject', '-f', '-'], { stdin: manifests });
  t.is(again.stdout, manifests);
  t.regex(again.stderr, /\[not-injected\]/);
});

test('uninject --in-place rewrites only files that carry an injection; --diff shows what would change', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'iis-uninject-'));
  writeFileSync(join(dir, 'app.yaml'), manifests);
  t.is((await runCli(['inject', '--in-place', '-f', 'app.yaml'], { cwd: dir })).exitCode, 0);
  const injected = readFileSync(join(dir, 'app.yaml'), 'utf8');
  const diff = await runCli(['uninject', '--diff', '-f', 'app.yaml'], { cwd: dir });
  t.is(diff.exitCode, 0);
  t.true(diff.stdout.startsWith('--- a/app.yaml\n+++ b/app.yaml\n@@ '));
  t.regex(diff.stdout, /^-\s+- name: istio-proxy$/m);
  t.is(readFileSync(join(dir, 'app.yaml'), 'utf8'), injected, '--diff writes nothing');
  t.is((await runCli(['uninject', '--in-place', '-f', 'app.yaml'], { cwd: dir })).exitCode, 0);
  t.is(readFileSync(join(dir, 'app.yaml'), 'utf8'), manifests);
});

corpusTest("uninject removes istioctl kube-inject's injection (the corpus golden outputs)", async (t) => {
  const dir = join(ISTIO_CORPUS, 'inject');
  const files = ['hello.yaml', 'hello-probes.yaml', 'statefulset.yaml'];
  for (const f of files) {
    const run = await runCli(['uninject', '-f', join(dir, `${f}.injected`)]);
    t.is(run.exitCode, 0, run.stderr);
    t.notRegex(run.stdout, /istio-proxy|sidecar\.istio\.io\/status|istio-init/, f);
    // kube-inject also re-serialised the object (creationTimestamp: null, status: {}); the pod is otherwise the input's.
    const strip = (docs: any[]) => docs.filter((d) => d !== null).map((d) => {
      const c = structuredClone(d);
      delete c.status;
      if (c.spec?.strategy && Object.keys(c.spec.strategy).length === 0) delete c.spec.strategy;
      if (c.spec?.updateStrategy && Object.keys(c.spec.updateStrategy).length === 0) delete c.spec.updateStrategy;
      if (c.metadata) delete c.metadata.creationTimestamp;
      if (c.spec?.template?.metadata) delete c.spec.template.metadata.creationTimestamp;
      if (c.spec?.template?.metadata && Object.keys(c.spec.template.metadata).length === 0) delete c.spec.template.metadata;
      for (const ctr of c.spec?.template?.spec?.containers ?? []) if (ctr.resources && Object.keys(ctr.resources).length === 0) delete ctr.resources;
      return c;
    });
    t.deepEqual(strip(js(run.stdout)), strip(js(readFileSync(join(dir, f), 'utf8'))), f);
  }
});

/**
 * Inputs whose round trip is not byte-identical, and why. The test fails when one of them starts to
 * round-trip, so the list only shrinks.
 */
const REFORMATTED: Record<string, string> = {
  'hello-multiport-metrics.yaml': 'the Prometheus merge removes the scrape-targets annotation; it comes back unquoted',
  'proxy-override-args.yaml': "the user's istio-proxy container comes back from Istio's record (key order of the record)",
  'proxy-override-runas.yaml': 'as proxy-override-args.yaml',
};
/** Not even value-equal: Istio's record of a user's istio-proxy container is normalised by Go. */
const NORMALISED: Record<string, string> = {
  'proxy-override.yaml': 'Go records the quantity 3000m as 3',
  'hello-openshift-custom-injection.yaml': 'Go records resources: {} as absent',
};

corpusTest('inject then uninject round-trips every conformance input byte for byte (our own injection)', async (t) => {
  const dir = join(ISTIO_CORPUS, 'inject');
  let identical = 0;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml')).sort()) {
    const input = readFileSync(join(dir, f), 'utf8');
    if (input.includes('sidecar.istio.io/status')) continue; // already injected: nothing "as written" to return to
    const injected = await runCli(['inject', '--selector', 'all', '-f', '-'], { stdin: input });
    if (injected.exitCode !== 0) continue; // the corpus' expected failures (bad annotations, missing templates)
    const back = await runCli(['uninject', '-f', '-'], { stdin: injected.stdout });
    t.is(back.exitCode, 0, `${f}: ${back.stderr}`);
    const known = REFORMATTED[f] ?? NORMALISED[f];
    if (known === undefined) {
      t.is(back.stdout, input, f);
      identical++;
      continue;
    }
    t.not(back.stdout, input, `${f} round-trips now: remove it from the exceptions`);
    t.is(isDeepStrictEqual(js(back.stdout), js(input)), f in REFORMATTED, `${f}: ${known}`);
  }
  t.log(`${identical} inputs byte-identical, ${Object.keys(REFORMATTED).length} value-identical, ${Object.keys(NORMALISED).length} normalised by Istio's record`);
  t.true(identical >= 78, `only ${identical} byte-identical round trips`);
});
