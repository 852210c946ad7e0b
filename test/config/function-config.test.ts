import test from 'ava';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFunctionConfig } from '../../src/config/index.js';
import { runOptionsFromFlags } from '../../src/cli/config-flags.js';
import { CONFIGMAP_KEYS, TEMPLATE_FIELDS, TYPED_FIELDS, WORKLOAD_KIND_FIELDS } from '../../src/config/function-config.js';

const here = dirname(fileURLToPath(import.meta.url));
// The schema is not compiled; read it from the source tree (dist/test/config -> repo root).
const schema = JSON.parse(readFileSync(resolve(here, '..', '..', '..', 'src', 'config', 'function-config.schema.json'), 'utf8'));

const typed = (fields: Record<string, unknown>) => ({ apiVersion: 'inject-istio-sidecar.io/v1alpha1', kind: 'InjectIstioSidecar', metadata: { name: 'x' }, ...fields }) as any;
const errors = (obj: unknown) => parseFunctionConfig(obj as any).notices.filter((n) => n.severity === 'error').map((n) => n.message);

test('schema and validator list the same fields', (t) => {
  t.deepEqual(Object.keys(schema.properties), [...TYPED_FIELDS]);
  t.deepEqual(Object.keys(schema.properties.templates.additionalProperties.properties), [...TEMPLATE_FIELDS]);
  t.deepEqual(Object.keys(schema.properties.workloadKinds.items.properties), [...WORKLOAD_KIND_FIELDS]);
  t.is(schema.properties.apiVersion.const, 'inject-istio-sidecar.io/v1alpha1');
  t.is(schema.properties.kind.const, 'InjectIstioSidecar');
});

test('every schema property is accepted with a value of its schema type', (t) => {
  const sample: Record<string, unknown> = {
    metadata: { name: 'x' }, mode: 'check', allowUnexpected: true, selector: 'all', revision: 'canary', nativeSidecars: false, compliancePolicy: 'fips-140-3',
    istioVersion: '1.28.10', istiodEnv: { PILOT_X: 'on' }, namespaces: { shop: { 'istio-injection': 'enabled' } }, injectorConfig: 'policy: enabled', values: { global: {} },
    meshConfigFile: 'mesh.yaml',
    workloadKinds: [{ apiVersion: 'example.com/v1', kind: 'Thing', podTemplatePath: 'spec.template' }], useInputConfigMaps: false,
  };
  const fileSample = { injectorConfigFile: 'a.yaml', valuesFile: 'v.json', meshConfig: { trustDomain: 'x' } };
  // templates is in the schema only to be refused with a pointer to --template (tested below).
  const covered = new Set(['apiVersion', 'kind', 'templates', ...Object.keys(sample), ...Object.keys(fileSample)]);
  for (const key of Object.keys(schema.properties)) t.true(covered.has(key), `schema property ${key} is exercised`);
  const { options, notices } = parseFunctionConfig(typed(sample));
  t.deepEqual(notices, []);
  t.deepEqual(options, {
    mode: 'check', allowUnexpected: true, selector: 'all', revision: 'canary', nativeSidecars: false, compliancePolicy: 'fips-140-3', istioVersion: '1.28',
    istiodEnv: { PILOT_X: 'on' },
    namespaces: { shop: { 'istio-injection': 'enabled' } },
    injectorConfig: { text: 'policy: enabled' }, values: { object: { global: {} } }, meshConfig: { path: 'mesh.yaml' },
    templates: {},
    workloadKinds: [{ apiVersion: 'example.com/v1', kind: 'Thing', podTemplatePath: 'spec.template' }], useInputConfigMaps: false,
  });
  const files = parseFunctionConfig(typed(fileSample));
  t.deepEqual(files.notices, []);
  t.deepEqual(files.options.injectorConfig, { path: 'a.yaml' });
  t.deepEqual(files.options.values, { path: 'v.json' });
  t.deepEqual(files.options.meshConfig, { object: { trustDomain: 'x' } });
});

test('defaults for an absent or minimal config', (t) => {
  const want = { mode: 'inject', selector: 'webhook', namespaces: {}, templates: {}, workloadKinds: [], useInputConfigMaps: true };
  t.deepEqual(parseFunctionConfig(undefined), { options: want, notices: [] });
  t.deepEqual(parseFunctionConfig(null), { options: want, notices: [] });
  t.deepEqual(parseFunctionConfig(typed({})), { options: want, notices: [] });
});

test('kustomize form: our kind with the function and local-config annotations', (t) => {
  const obj = typed({
    metadata: { name: 'inject', annotations: { 'config.kubernetes.io/function': 'exec:\n  path: inject-istio-sidecar\n', 'config.kubernetes.io/local-config': 'true' } },
    selector: 'webhook',
  });
  t.deepEqual(parseFunctionConfig(obj).notices, []);
});

test('unknown and mistyped fields are errors naming the field path', (t) => {
  t.deepEqual(errors(typed({ nativeSidecars: 'maybe' })), ['nativeSidecars: expected a boolean, got "maybe"']);
  t.regex(errors(typed({ nativeSidecar: true }))[0]!, /^nativeSidecar: unknown field/);
  t.deepEqual(errors(typed({ selector: 'some' })), ['selector: expected "webhook" or "all", got "some"']);
  t.deepEqual(errors(typed({ revision: 3 })), ['revision: expected a string, got 3']);
  t.deepEqual(errors(typed({ namespaces: { shop: { a: 1 } } })), ['namespaces.shop.a: expected a string, got 1']);
  t.deepEqual(errors(typed({ namespaces: { shop: 'x' } })), ['namespaces.shop: expected a map of label -> value, got "x"']);
  t.deepEqual(errors(typed({ workloadKinds: [{ apiVersion: 'v1', kind: 'X' }] })), ['workloadKinds[0].podTemplatePath: expected a string, got null']);
  t.deepEqual(errors(typed({ workloadKinds: [{ apiVersion: 'v1', kind: 'X', podTemplatePath: 'a', path: 'b' }] })), ['workloadKinds[0].path: unknown field (known: apiVersion, kind, podTemplatePath)']);
  t.deepEqual(errors(typed({ values: 'a', valuesFile: 'b' })), ['values: give either values or valuesFile, not both']);
  t.deepEqual(errors(typed({ meshConfig: 5 })), ['meshConfig: expected a string or an object, got 5']);
  t.deepEqual(errors(typed({ useInputConfigMaps: 'yes' })), ['useInputConfigMaps: expected a boolean, got "yes"']);
  t.deepEqual(errors({ ...typed({}), apiVersion: 'inject-istio-sidecar.io/v2' }), ['apiVersion: expected inject-istio-sidecar.io/v1alpha1, got "inject-istio-sidecar.io/v2"']);
  t.regex(errors({ apiVersion: 'v1', kind: 'Secret' })[0]!, /^kind: expected InjectIstioSidecar/);
  t.regex(errors(['x'])[0]!, /^functionConfig: expected an object/);
  const n = parseFunctionConfig(typed({ nativeSidecars: 'maybe' })).notices[0]!;
  t.is(n.field, 'nativeSidecars');
  t.is(n.severity, 'error');
});

test('valid parts of an invalid config are still applied', (t) => {
  const { options, notices } = parseFunctionConfig(typed({ selector: 'all', nativeSidecars: 'maybe' }));
  t.is(notices.length, 1);
  t.is(options.selector, 'all');
  t.false('nativeSidecars' in options);
});

test('ConfigMap form (kpt fn eval -- key=value)', (t) => {
  const cm = {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'function-input' },
    data: {
      mode: 'check', selector: 'all', revision: 'canary', nativeSidecars: 'false', compliancePolicy: 'fips-140-3', useInputConfigMaps: 'false',
      injectorConfigFile: 'inject.yaml', valuesFile: 'values.json', meshConfig: 'trustDomain: x',
      namespaces: 'shop: {istio-injection: enabled}\n', workloadKinds: '[{"apiVersion": "x/v1", "kind": "Y", "podTemplatePath": "spec.template"}]',
    },
  };
  const { options, notices } = parseFunctionConfig(cm);
  t.deepEqual(notices, []);
  t.deepEqual(options, {
    mode: 'check', selector: 'all', revision: 'canary', nativeSidecars: false, compliancePolicy: 'fips-140-3', useInputConfigMaps: false,
    injectorConfig: { path: 'inject.yaml' }, values: { path: 'values.json' }, meshConfig: { text: 'trustDomain: x' },
    namespaces: { shop: { 'istio-injection': 'enabled' } },
    workloadKinds: [{ apiVersion: 'x/v1', kind: 'Y', podTemplatePath: 'spec.template' }], templates: {},
  });
  t.deepEqual(parseFunctionConfig({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }).notices, []);
});

test('ConfigMap form errors name data keys', (t) => {
  const cm = (data: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'function-input' }, data });
  t.deepEqual(errors(cm({ nativeSidecars: 'maybe' })), ['data.nativeSidecars: expected "true" or "false", got "maybe"']);
  t.regex(errors(cm({ modes: 'check' }))[0]!, /^data\.modes: unknown key/);
  t.deepEqual(errors(cm({ mode: 'verify' })), ['data.mode: expected "inject" or "check", got "verify"']);
  t.deepEqual(errors(cm({ selector: 'x' })), ['data.selector: expected "webhook" or "all", got "x"']);
  t.regex(errors(cm({ namespaces: 'a: [' }))[0]!, /^data\.namespaces: invalid YAML\/JSON/);
  t.deepEqual(errors(cm({ namespaces: 'shop: 3' })), ['data.namespaces.shop: expected a map of label -> value, got 3']);
  t.deepEqual(errors(cm({ values: 'a', valuesFile: 'b' })), ['data.values: give either values or valuesFile, not both']);
  t.deepEqual(errors(cm({ revision: 5 })), ['data.revision: expected a string, got 5']);
});

test('every documented ConfigMap key is accepted', (t) => {
  const sample: Record<string, string> = {
    mode: 'check', selector: 'all', revision: 'r', nativeSidecars: 'true', compliancePolicy: '', istioVersion: 'master', useInputConfigMaps: 'true', namespaces: '{}',
    istiodEnv: 'A: b', workloadKinds: '[]', injectorConfig: 'x', valuesFile: 'v', meshConfig: 'm', allowUnexpected: 'false',
  };
  for (const key of CONFIGMAP_KEYS) {
    const data = key in sample ? { [key]: sample[key]! } : { [key]: 'file.yaml' };
    t.deepEqual(errors({ apiVersion: 'v1', kind: 'ConfigMap', data }), [], key);
  }
});

test('istioVersion takes a built-in version key or its exact release; anything else is an error naming the choices', (t) => {
  t.is(parseFunctionConfig(typed({ istioVersion: '1.30' })).options.istioVersion, '1.30');
  t.is(parseFunctionConfig(typed({ istioVersion: 'v1.30.3' })).options.istioVersion, '1.30');
  t.is(parseFunctionConfig({ apiVersion: 'v1', kind: 'ConfigMap', data: { istioVersion: 'master' } }).options.istioVersion, 'master');
  const bad = parseFunctionConfig(typed({ istioVersion: '1.30.1' }));
  t.is(bad.options.istioVersion, undefined);
  t.deepEqual(bad.notices.map((n) => n.field), ['istioVersion']);
  t.regex(bad.notices[0]!.message, /unknown Istio version "1\.30\.1" \(built in: 1\.28 \(= 1\.28\.10\), 1\.30 \(= 1\.30\.3\), master\)/);
  t.deepEqual(parseFunctionConfig({ apiVersion: 'v1', kind: 'ConfigMap', data: { istioVersion: '2' } }).notices.map((n) => n.field), ['data.istioVersion']);
});

test('--config: a key that is a list, a map or null is refused with its line; other YAML errors too', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fc-keys-'));
  const file = (name: string, text: string) => (writeFileSync(join(dir, name), text), name);
  for (const [key, at, what] of [['? [selector]\n  : all', '4:5', 'a list or map'], ['~: all', '4:3', 'null']] as const) {
    const name = file('fc.yaml', `apiVersion: v1\nkind: ConfigMap\ndata:\n  ${key}\n`);
    t.throws(() => runOptionsFromFlags({ config: name }, dir), { message: `cannot read --config fc.yaml: line ${at}: a mapping key must be a string, number or boolean, not ${what}` });
  }
  t.throws(() => runOptionsFromFlags({ config: file('two.yaml', 'kind: ConfigMap\n---\nkind: ConfigMap\n') }, dir), { message: /^cannot read --config two\.yaml: Source contains multiple documents/ });
  const ok = runOptionsFromFlags({ config: file('ok.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata:\n  selector: all\n') }, dir);
  t.is(ok.options.selector, 'all');
});
