// Go templates of the injector config render through the Go template engine, in the one pipeline.
import test from 'ava';
import { buildSettings } from '../../src/config/index.js';
import type { Settings } from '../../src/config/types.js';
import { ConfigError, InjectError } from '../../src/errors.js';
import { injectPod } from '../../src/inject.js';
import type { PodJson } from '../../src/k8s/types.js';
import { precompileTemplates, resolveTemplate } from '../../src/render/template-set.js';

const workload = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'hello', namespace: 'shop' };

function pod(annotations: Record<string, string> = {}): PodJson {
  return { metadata: { annotations: { ...annotations }, labels: { app: 'hello' } }, spec: { containers: [{ name: 'hello', image: 'hello:1' }] } };
}

function settingsWithConfig(config: string, extra: Parameters<typeof buildSettings>[0] = {}): Settings {
  const s = buildSettings({ injectorConfig: { text: config, origin: 'cm.yaml' }, ...extra });
  precompileTemplates(s);
  return s;
}

const EXTRA = [
  'policy: enabled',
  'templates:',
  '  extra: |',
  '    metadata:',
  '      annotations:',
  '        example.com/workload: {{ .DeploymentMeta.Name | quote }}',
  '        example.com/hub: {{ .Values.global.hub | quote }}',
  '        example.com/env: {{ env "PILOT_FLAVOR" "none" | quote }}',
  '        example.com/leak: {{ env "H3B_PROCESS_ONLY" "unset" | quote }}',
  '        example.com/native: {{ env "ENABLE_NATIVE_SIDECARS" "unset" | quote }}',
  '    spec:',
  '      containers:',
  '      {{- range .Spec.Containers }}',
  '      - name: {{ .Name }}',
  '        env:',
  '        - name: FROM_GO',
  '          value: {{ printf "%s/%d" .Image (len $.Spec.Containers) | quote }}',
  '      {{- end }}',
].join('\n');

test('a Go template of the injector config renders for the pod and is strategic-merged', (t) => {
  process.env.H3B_PROCESS_ONLY = 'leaked';
  try {
    const s = settingsWithConfig(EXTRA, { istiodEnv: { PILOT_FLAVOR: 'blue' }, nativeSidecars: false });
    t.is(resolveTemplate(s, 'extra').kind, 'go');
    const out = injectPod({ pod: pod({ 'inject.istio.io/templates': 'sidecar,extra' }), workload, flavor: 'kube-inject' }, s).pod;
    const ann = out.metadata.annotations as Record<string, string>;
    t.is(ann['example.com/workload'], 'hello');
    t.is(ann['example.com/hub'], String((s.values.global as Record<string, unknown>).hub));
    t.is(ann['example.com/env'], 'blue');
    t.is(ann['example.com/leak'], 'unset', 'env reads istiodEnv, never the process environment');
    t.is(ann['example.com/native'], 'false', '--native-sidecars false sets ENABLE_NATIVE_SIDECARS');
    const hello = (out.spec.containers as any[]).find((c) => c.name === 'hello');
    t.deepEqual(hello.env, [{ name: 'FROM_GO', value: 'hello:1/1' }]);
    t.truthy((out.spec.containers as any[]).find((c) => c.name === 'istio-proxy'), 'the built-in sidecar ran too');
  } finally {
    delete process.env.H3B_PROCESS_ONLY;
  }
});

test('a Go `sidecar` body replaces the built-in sidecar; a legacy `template:` body is the sidecar too', (t) => {
  const body = 'metadata:\n  labels:\n    from-go: {{ .DeploymentMeta.Namespace }}\n';
  for (const config of [`policy: enabled\ntemplates:\n  sidecar: |\n${body.replace(/^/gm, '    ')}`, `policy: enabled\ntemplate: |\n${body.replace(/^/gm, '  ')}`]) {
    const s = settingsWithConfig(config);
    const out = injectPod({ pod: pod(), workload, flavor: 'kube-inject' }, s).pod;
    t.is((out.metadata.labels as Record<string, string>)['from-go'], 'shop');
    t.falsy((out.spec.containers as any[]).find((c) => c.name === 'istio-proxy'), 'the built-in sidecar did not run');
  }
});

test('a user ejs template wins over a Go body of the same name', (t) => {
  const s = buildSettings({
    injectorConfig: { text: 'policy: enabled\ntemplates:\n  extra: "metadata: {labels: {kind: go}}"\n', origin: 'cm.yaml' },
    templates: { extra: { source: 'metadata: {labels: {kind: ejs}}\n', origin: 'extra.ejs' } },
  });
  t.is(resolveTemplate(s, 'extra').kind, 'ejs');
});

test('a body that does not parse fails at config load, naming the template, its line and the config', (t) => {
  const s = buildSettings({ injectorConfig: { text: 'policy: enabled\ntemplates:\n  broken: |\n    a: 1\n    b: {{ if }}\n', origin: 'cm.yaml' } });
  const err = t.throws(() => precompileTemplates(s), { instanceOf: ConfigError }) as ConfigError;
  t.regex(err.message, /template "broken" \(cm\.yaml\) does not parse: template: broken:2:/);
  t.is(err.file, 'cm.yaml');
});

test('a Gateway API deployment template is parsed when a pod first asks for it, not at config load', (t) => {
  const config = 'policy: enabled\ntemplates:\n  waypoint: |\n    a: 1\n    b: {{ if }}\n';
  const s = settingsWithConfig(config); // no ConfigError: nothing asks for waypoint yet
  const err = t.throws(() => injectPod({ pod: pod({ 'inject.istio.io/templates': 'waypoint' }), workload, flavor: 'kube-inject' }, s), { instanceOf: InjectError }) as InjectError;
  t.is(err.code, 'template-failed');
  t.regex(err.message, /template "waypoint" \(cm\.yaml\) does not parse: template: waypoint:2:/);
  // Made a default template, it is a pod template like any other: checked at load.
  t.throws(() => settingsWithConfig(`defaultTemplates: [waypoint]\n${config}`), { instanceOf: ConfigError, message: /template "waypoint" \(cm\.yaml\) does not parse/ });
  t.throws(() => settingsWithConfig(`defaultTemplates: [mesh]\naliases: {mesh: [sidecar, waypoint]}\n${config}`), { instanceOf: ConfigError, message: /template "waypoint"/ });
});

test('a body that fails when executed is a template-failed error with Go\'s line:col', (t) => {
  const s = settingsWithConfig('policy: enabled\ntemplates:\n  boom: |\n    a: 1\n    b: {{ index .ObjectMeta.Annotations 1 2 }}\n');
  const err = t.throws(() => injectPod({ pod: pod({ 'inject.istio.io/templates': 'boom' }), workload, flavor: 'kube-inject' }, s), { instanceOf: InjectError }) as InjectError;
  t.is(err.code, 'template-failed');
  t.regex(err.message, /^template "boom" \(cm\.yaml\) failed: template: boom:2:\d+: executing "boom" at </);
});

test('each body is parsed once, whatever the number of Settings or pods', (t) => {
  const a = settingsWithConfig(EXTRA);
  const b = settingsWithConfig(EXTRA);
  const ta = resolveTemplate(a, 'extra');
  const tb = resolveTemplate(b, 'extra');
  t.true(ta.kind === 'go' && tb.kind === 'go' && ta.template === tb.template);
  const other = settingsWithConfig(EXTRA, { istiodEnv: { PILOT_FLAVOR: 'red' } });
  const tc = resolveTemplate(other, 'extra');
  t.true(tc.kind === 'go' && ta.kind === 'go' && tc.template !== ta.template, 'another istiod env gets its own env function');
});

test('an unknown name lists the Go templates among the choices', (t) => {
  const s = settingsWithConfig(EXTRA);
  const err = t.throws(() => resolveTemplate(s, 'nope'), { instanceOf: InjectError }) as InjectError;
  t.is(err.code, 'template-not-found');
  t.regex(err.message, /requested template "nope" not found; have .*extra.*sidecar/);
});
