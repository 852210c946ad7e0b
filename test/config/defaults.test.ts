import test from 'ava';
import { parse } from 'yaml';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSettings, chartMeshConfig, chartValuesFor, DEFAULT_MESH_YAML, DEFAULT_VALUES, TEMPLATE_FINGERPRINTS, type IstioVersionKey,
} from '../../src/config/index.js';
import { hasShared, readShared, readSharedJson, SHARED } from './shared.js';

const sharedTest = hasShared ? test : test.skip;
if (!hasShared) test('shared corpus absent: default comparisons skipped', (t) => { t.log('../shared not found'); t.pass(); });

sharedTest('master built-in values equal base/values.json', (t) => {
  t.deepEqual(chartValuesFor('master'), readSharedJson('base/values.json'));
});

// A release's golden cases were rendered by a test build (development hub, tag latest); the built-in
// values are the released chart's, which differ from them in exactly the image hub and tag.
for (const [release, key] of [['1.28.10', '1.28'], ['1.30.3', '1.30']] as [string, IstioVersionKey][]) {
  const dir = join(SHARED, 'conformance', 'istio-versions', release, 'setups');
  const releaseTest = existsSync(dir) ? test : test.skip;
  releaseTest(`${release} built-in values equal its chart-default values with the release image`, (t) => {
    const corpus = JSON.parse(readFileSync(join(dir, 'default.values.json'), 'utf8'));
    corpus.global.hub = 'docker.io/istio';
    corpus.global.tag = release;
    t.deepEqual(chartValuesFor(key), corpus);
  });
  releaseTest(`${release} chart mesh document equals the built-in one`, (t) => {
    t.deepEqual(parse(DEFAULT_MESH_YAML), parse(readFileSync(join(dir, 'base.mesh.yaml'), 'utf8')));
  });
}

sharedTest('embedded chart mesh document equals base/mesh.yaml', (t) => {
  t.deepEqual(parse(DEFAULT_MESH_YAML), parse(readShared('base/mesh.yaml')));
});

sharedTest('chart mesh applied onto DefaultMeshConfig() equals base/mesh-effective.json', (t) => {
  t.deepEqual(chartMeshConfig(), readSharedJson('base/mesh-effective.json'));
});

sharedTest('default injector config matches base/injector-config.json', (t) => {
  const want = readSharedJson('base/injector-config.json');
  const s = buildSettings();
  t.is(s.injector.policy, want.policy);
  t.deepEqual(s.injector.defaultTemplates, want.defaultTemplates);
  t.deepEqual(s.injector.aliases, want.aliases);
  t.deepEqual(s.injector.alwaysInjectSelector, want.alwaysInjectSelector);
  t.deepEqual(s.injector.neverInjectSelector, want.neverInjectSelector);
  t.deepEqual(s.injector.injectedAnnotations, want.injectedAnnotations);
  t.deepEqual(Object.keys(TEMPLATE_FINGERPRINTS).sort(), want.templateNames);
});

sharedTest('embedded fingerprints equal templates/README.md', (t) => {
  const readme = readShared('templates/README.md');
  const rows = [...readme.matchAll(/^\| `([a-z-]+)` \| `[^`]+` \| \d+ \| `([0-9a-f]{64})` \|$/gm)];
  t.is(rows.length, 8);
  for (const [, name, hash] of rows) t.is(TEMPLATE_FINGERPRINTS[name!], hash, name);
});

test('buildSettings defaults', (t) => {
  const s = buildSettings();
  t.is(s.revision, '');
  t.deepEqual(s.revisionTags, []);
  t.false(s.enableNamespacesByDefault);
  t.true(s.nativeSidecars);
  t.is(s.compliancePolicy, '');
  t.deepEqual(s.notices, []);
  t.is(s.mesh.defaultConfig.discoveryAddress, 'istiod.istio-system.svc:15012');
  t.is(s.istioVersion, '1.30');
  t.deepEqual(s.provenance, { injectorConfig: 'built-in', values: 'built-in', meshConfig: 'built-in' });
  t.is((s.values.global as Record<string, unknown>).hub, 'docker.io/istio');
  t.is((s.values.global as Record<string, unknown>).tag, '1.30.3');
  t.deepEqual(s.values, DEFAULT_VALUES);
  // Settings own their data: mutating one run's settings must not leak into the next.
  (s.values.global as Record<string, unknown>).hub = 'changed';
  t.is((buildSettings().values.global as Record<string, unknown>).hub, 'docker.io/istio');
  const master = buildSettings({ istioVersion: 'master' });
  t.is(master.istioVersion, 'master');
  t.is((master.values.global as Record<string, unknown>).tag, 'latest');
  t.is((buildSettings({ istioVersion: '1.28' }).values.global as Record<string, unknown>).tag, '1.28.10');
  const fromFile = buildSettings({ values: { text: '{}', origin: 'v.json' }, istioVersion: '1.28' });
  t.is((fromFile.values.global as Record<string, unknown>).tag, '1.28.10', 'a values file is merged onto the chosen version');
  t.is(fromFile.provenance.values, 'v.json');
});

test('buildSettings takes revision, tags and namespace default from values, overridable', (t) => {
  const values = { revision: 'canary', revisionTags: ['prod'], sidecarInjectorWebhook: { enableNamespacesByDefault: true } };
  const s = buildSettings({ values: { object: values, origin: 'v' }, nativeSidecars: false, compliancePolicy: 'fips-140-3' });
  t.is(s.revision, 'canary');
  t.deepEqual(s.revisionTags, ['prod']);
  t.true(s.enableNamespacesByDefault);
  t.false(s.nativeSidecars);
  t.is(s.compliancePolicy, 'fips-140-3');
  t.is(buildSettings({ values: { object: values, origin: 'v' }, revision: '' }).revision, '');
  const withTemplate = buildSettings({ templates: { custom: { source: '<%= 1 %>', origin: 'x.ejs' } } });
  t.deepEqual(withTemplate.templates.custom, { name: 'custom', source: '<%= 1 %>', origin: 'x.ejs' });
});

test('a user values document is merged onto the chart defaults like a Helm values file', (t) => {
  const s = buildSettings({ values: { text: 'global:\n  hub: my.registry\n  imagePullSecrets: [a]\n  proxy:\n    resources:\n      requests:\n        cpu: null\n', origin: 'values.yaml' } });
  const global = s.values.global as any;
  t.is(global.hub, 'my.registry');
  t.is(global.tag, (DEFAULT_VALUES.global as any).tag, 'keys the file does not name keep their default');
  t.is(global.istioNamespace, 'istio-system');
  t.deepEqual(global.imagePullSecrets, ['a'], 'lists replace');
  t.is(global.proxy.resources.requests.cpu, null, 'a null replaces (omitNil drops it later)');
  t.is(global.proxy.resources.requests.memory, (DEFAULT_VALUES.global as any).proxy.resources.requests.memory);
  t.is((DEFAULT_VALUES.global as any).hub === 'my.registry', false, 'the embedded defaults are not mutated');
});

test('values parse errors name the file and line', (t) => {
  const err = t.throws(() => buildSettings({ values: { text: 'global:\n  hub: [unclosed\n', origin: 'values.yaml' } }));
  t.regex(err!.message, /^values\.yaml:\d+:\d+: invalid YAML/);
  t.is(err!.name, 'ConfigError');
  const notMap = t.throws(() => buildSettings({ values: { text: '- a\n', origin: 'v.yaml' } }));
  t.regex(notMap!.message, /v\.yaml: values must be a mapping/);
});
