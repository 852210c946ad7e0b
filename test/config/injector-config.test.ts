import test from 'ava';
import { buildSettings, findIstioConfigMaps, parseInjectorConfig, templateFingerprint } from '../../src/config/index.js';
import { hasShared, readShared } from './shared.js';

const sharedTest = hasShared ? test : test.skip;
if (!hasShared) test('shared corpus absent: setup config tests skipped', (t) => { t.log('../shared not found'); t.pass(); });

const SIDECAR_BODY = 'spec:\n  containers:\n  - name: istio-proxy\n    image: {{ .ProxyImage }}\n';

sharedTest('setups/default.config.yaml parses to the default injector config, no notices', (t) => {
  const { injector, notices } = parseInjectorConfig(readShared('setups/default.config.yaml'), 'default.config.yaml');
  t.deepEqual(injector, buildSettings().injector);
  t.deepEqual(notices, []);
});

sharedTest('custom Go templates of a setup are kept by name', (t) => {
  const { injector } = parseInjectorConfig(readShared('setups/iop-spire-template.config.yaml'), 'spire.config.yaml');
  t.deepEqual(Object.keys(injector.goTemplates), ['spire']);
  t.regex(injector.goTemplates.spire!, /csi\.spiffe\.io/);
});

test('every template body is kept by name, built-in names included, without notices', (t) => {
  const names = ['sidecar', 'gateway', 'grpc-agent', 'grpc-simple', 'waypoint', 'custom'];
  const text = ['policy: enabled', 'templates:', ...names.map((n) => `  ${n}: "spec: {}  # ${n}"`)].join('\n');
  const { injector, notices } = parseInjectorConfig(text, 'config');
  t.deepEqual(notices, []);
  t.deepEqual(Object.keys(injector.goTemplates), names);
  t.is(injector.goTemplates.gateway, 'spec: {}  # gateway');
});

test('legacy `template:` is the sidecar body unless it is the chart sentinel or templates.sidecar exists', (t) => {
  const legacy = parseInjectorConfig({ policy: 'enabled', template: SIDECAR_BODY }, 'old.yaml').injector;
  t.deepEqual(legacy.goTemplates, { sidecar: SIDECAR_BODY });
  const sentinel = parseInjectorConfig({ policy: 'enabled', template: '{{ Template_Version_And_Istio_Version_Mismatched_Check_Installation }}' }, 'cm').injector;
  t.deepEqual(sentinel.goTemplates, {});
  const both = parseInjectorConfig({ policy: 'enabled', template: 'spec: {}', templates: { sidecar: SIDECAR_BODY } }, 'cm').injector;
  t.deepEqual(both.goTemplates, { sidecar: SIDECAR_BODY });
  t.throws(() => parseInjectorConfig({ policy: 'enabled', template: ['x'] }, 'cm.yaml'), { message: 'cm.yaml: template: expected the template text as a string' });
});

test('template, alias and annotation names from the input stay data (__proto__, constructor)', (t) => {
  const text = 'policy: enabled\ntemplates:\n  __proto__: "a: 1"\n  constructor: "b: 2"\naliases:\n  __proto__: [sidecar]\ninjectedAnnotations:\n  __proto__: x\n';
  const { injector } = parseInjectorConfig(text, 'cm');
  t.true(Object.prototype.hasOwnProperty.call(injector.goTemplates, '__proto__'));
  t.is(injector.goTemplates['__proto__'], 'a: 1');
  t.is(injector.goTemplates.constructor as unknown, 'b: 2');
  t.deepEqual(Object.getPrototypeOf(injector.goTemplates), Object.prototype);
  t.true(Object.prototype.hasOwnProperty.call(injector.aliases, '__proto__'));
  t.true(Object.prototype.hasOwnProperty.call(injector.injectedAnnotations, '__proto__'));
});

test('fingerprints ignore surrounding white space', (t) => {
  t.is(templateFingerprint('  a\nb \n\n'), templateFingerprint('a\nb'));
});

test('full config fields', (t) => {
  const { injector, notices } = parseInjectorConfig(
    {
      policy: 'disabled',
      defaultTemplates: ['sidecar', 'extra'],
      aliases: { both: ['sidecar', 'extra'] },
      neverInjectSelector: [{ matchLabels: { a: 'b' } }],
      alwaysInjectSelector: [{ matchExpressions: [{ key: 'x', operator: 'Exists' }] }],
      injectedAnnotations: { 'x/y': 'z' },
      template: '{{ Template_Version_And_Istio_Version_Mismatched_Check_Installation }}',
      templates: { extra: 'metadata: {}' },
    },
    'cm',
  );
  t.deepEqual(notices, []);
  t.deepEqual(injector, {
    policy: 'disabled',
    defaultTemplates: ['sidecar', 'extra'],
    aliases: { both: ['sidecar', 'extra'] },
    neverInjectSelector: [{ matchLabels: { a: 'b' } }],
    alwaysInjectSelector: [{ matchExpressions: [{ key: 'x', operator: 'Exists' }] }],
    injectedAnnotations: { 'x/y': 'z' },
    goTemplates: { extra: 'metadata: {}' },
  });
});

test('missing policy is kept illegal, with a warning; empty defaultTemplates fall back to sidecar', (t) => {
  const { injector, notices } = parseInjectorConfig('defaultTemplates: []\ntemplates: {}\n', 'cm');
  t.is(injector.policy, '');
  t.deepEqual(injector.defaultTemplates, ['sidecar']);
  t.is(notices[0]!.field, 'policy');
});

test('a bare template file is the sidecar template (istioctl --injectConfigFile)', (t) => {
  const bare = 'spec:\n  initContainers:\n  - name: istio-init\n    image: registry.istio.io/release/proxy_init:unittest-{{.Values.global.suffix}}\n';
  const { injector, notices } = parseInjectorConfig(bare, 'inject-config-inline.yaml');
  t.is(injector.policy, 'enabled');
  t.deepEqual(injector.goTemplates, { sidecar: bare });
  t.true(notices.some((n) => n.severity === 'info' && /bare template/.test(n.message)));
  const notYamlText = 'spec:\n  containers:\n  {{- range .Spec.Containers }}\n  - name: {{ .Name }}\n  {{- end }}\n  x: [\n';
  t.deepEqual(parseInjectorConfig(notYamlText, 'f').injector.goTemplates, { sidecar: notYamlText });
});

test('mistyped injector config fields are ConfigErrors naming file and field', (t) => {
  t.throws(() => parseInjectorConfig('policy: enabled\ndefaultTemplates: sidecar\n', 'cm.yaml'), { message: 'cm.yaml: defaultTemplates: expected a list of template names' });
  t.throws(() => parseInjectorConfig('policy: enabled\ntemplates: {a: 1}\n', 'cm.yaml'), { message: 'cm.yaml: templates.a: expected the template text as a string' });
  t.throws(() => parseInjectorConfig('policy: enabled\ninjectedAnnotations: {a: 1}\n', 'cm.yaml'), { message: /injectedAnnotations\.a: expected a string/ });
  t.throws(() => parseInjectorConfig('policy: [enabled]\n', 'cm.yaml'), { message: /cm\.yaml: policy: expected a string/ });
  t.throws(() => parseInjectorConfig('policy: enabled\nneverInjectSelector: {a: b}\n', 'cm.yaml'), { message: /neverInjectSelector: expected a list of label selectors/ });
});

test('findIstioConfigMaps picks the revision\'s ConfigMaps', (t) => {
  const cm = (name: string, data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'istio-system' }, data });
  const docs = [
    cm('istio-sidecar-injector', { config: 'policy: enabled', values: '{}' }),
    cm('istio', { mesh: 'trustDomain: a' }),
    cm('istio-sidecar-injector-canary', { config: 'policy: disabled' }),
    cm('istio-canary', { mesh: 'trustDomain: c' }),
    cm('other', { mesh: 'x' }),
    { kind: 'Secret', metadata: { name: 'istio' }, data: { mesh: 'nope' } },
  ];
  t.deepEqual(findIstioConfigMaps(docs, ''), { injector: { config: 'policy: enabled', values: '{}' }, mesh: 'trustDomain: a' });
  t.deepEqual(findIstioConfigMaps(docs, 'default'), findIstioConfigMaps(docs, ''));
  t.deepEqual(findIstioConfigMaps(docs, 'canary'), { injector: { config: 'policy: disabled' }, mesh: 'trustDomain: c' });
  t.deepEqual(findIstioConfigMaps(docs, 'none'), {});
});

test('buildSettings surfaces injector notices', (t) => {
  const s = buildSettings({ injectorConfig: { text: 'templates:\n  sidecar: "spec: {}"\n', origin: 'cm' } });
  t.is(s.notices.length, 1);
  t.is(s.notices[0]!.severity, 'warning');
  t.is(s.notices[0]!.field, 'policy');
});
