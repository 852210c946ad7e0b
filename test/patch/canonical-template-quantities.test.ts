import test from 'ava';
import { canonicalTemplateQuantities } from '../../src/patch/canonical-template-quantities.js';
import { runCli } from '../../src/cli/run-inject.js';

test('a rendered partial Pod gets canonical quantities, as istiod\'s typed decode writes them', (t) => {
  const partial = {
    spec: {
      initContainers: [{ name: 'istio-init', resources: { limits: { cpu: '2000m', memory: '1024Mi' }, requests: { cpu: '100m' } } }],
      containers: [{ name: 'istio-proxy', resources: { requests: { cpu: '0.5', memory: '128974848' } } }],
      volumes: [{ name: 'istio-envoy', emptyDir: { medium: 'Memory', sizeLimit: '1024Ki' } }],
    },
  };
  const out = canonicalTemplateQuantities(partial) as any;
  t.deepEqual(out.spec.initContainers[0].resources, { limits: { cpu: '2', memory: '1Gi' }, requests: { cpu: '100m' } });
  t.deepEqual(out.spec.containers[0].resources, { requests: { cpu: '500m', memory: '128974848' } });
  t.is(out.spec.volumes[0].emptyDir.sizeLimit, '1Mi');
  t.deepEqual(partial.spec.initContainers[0]!.resources.limits, { cpu: '2000m', memory: '1024Mi' }, 'the input is not modified');
});

test('canonical values and non-quantities leave the partial as it was (same object)', (t) => {
  const partial = { spec: { containers: [{ name: 'p', resources: { limits: { cpu: '2', memory: 'lots' } } }] } };
  t.is(canonicalTemplateQuantities(partial), partial);
});

test('a Go template copying sidecar.istio.io/proxyCPU verbatim injects the canonical quantity', async (t) => {
  const sidecar = [
    'spec:',
    '  containers:',
    '  - name: istio-proxy',
    '    image: proxy',
    '    resources:',
    '      requests:',
    '        cpu: "{{ annotation .ObjectMeta `sidecar.istio.io/proxyCPU` `100m` }}"',
  ].join('\n');
  const config = `policy: enabled\ntemplates:\n  sidecar: |\n${sidecar.replace(/^/gm, '    ')}\n`;
  const cm = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio-sidecar-injector, namespace: istio-system}\ndata:\n  config: |\n${config.replace(/^/gm, '    ')}\n---\n`;
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    sidecar.istio.io/proxyCPU: 2000m\nspec:\n  containers:\n  - name: app\n    image: app\n    resources:\n      requests:\n        cpu: 1000m\n';
  const run = await runCli(['inject', '--selector', 'all', '-f', '-'], { stdin: cm + pod });
  t.is(run.exitCode, 0, run.stderr);
  t.regex(run.stdout, /- name: istio-proxy\n(.*\n)*? +cpu: "2"\n/, 'the proxy gets "2", as istiod writes it');
  t.regex(run.stdout, /cpu: 1000m\n/, 'the user\'s own container keeps its bytes');
});
