import test from 'ava';
import { chartMeshConfig, effectiveProxyConfig, parseMeshConfig, proxyConfigJson } from '../../src/config/index.js';
import { readShared, readSharedJson } from './shared.js';
import { corpusTest } from '../corpus.js';

const sharedTest = corpusTest;

interface Case { setup: { meshConfigFile: string; meshConfigOverrides: Record<string, any> } }

/** Applies a case's meshConfigOverrides the way cases.json documents them, independently of our parser. */
function expectedMesh(overrides: Record<string, any>) {
  const mesh = readSharedJson('base/mesh-effective.json');
  for (const [k, v] of Object.entries(overrides)) {
    if (k === 'defaultConfig') {
      for (const [f, x] of Object.entries(v as Record<string, unknown>)) {
        mesh.defaultConfig[f] = f === 'proxyMetadata' ? { ...(mesh.defaultConfig[f] ?? {}), ...(x as object) } : x;
      }
    } else if (k === 'extensionProvidersAppend') mesh.extensionProviders.push(...(v as unknown[]));
    else mesh[k] = v;
  }
  return mesh;
}

sharedTest('every distinct meshConfigOverrides of cases.json: the setup mesh file parses to the documented mesh', (t) => {
  const cases: Case[] = readSharedJson('cases.json');
  const distinct = new Map<string, Case['setup']>();
  for (const c of cases) distinct.set(JSON.stringify(c.setup.meshConfigOverrides), c.setup);
  t.true(distinct.size >= 5);
  for (const setup of distinct.values()) {
    const got = parseMeshConfig(readShared(setup.meshConfigFile), setup.meshConfigFile);
    t.deepEqual(got, expectedMesh(setup.meshConfigOverrides), setup.meshConfigFile);
  }
});

sharedTest('setups/mesh-tracing.yaml keeps an empty tracing message, which PROXY_CONFIG shows', (t) => {
  const mesh = parseMeshConfig(readShared('setups/mesh-tracing.yaml'), 'mesh-tracing.yaml');
  t.is(proxyConfigJson(mesh.defaultConfig), '{"tracing":{}}');
});

test('mesh merging rules (spec e.3)', (t) => {
  const mesh = parseMeshConfig(
    [
      'trustDomain: example.org',
      'trust_domain_aliases: [b.org, a.org]',
      'defaultConfig:',
      '  drainDuration: 1m',
      '  proxyMetadata: {A: "1"}',
      'defaultProviders: {tracing: [zipkin]}',
      'extensionProviders:',
      '- name: envoy',
      '  envoyFileAccessLog: {path: /dev/stderr}',
      '- name: otel',
      '  opentelemetry: {service: x, port: 4317}',
      'inboundTrafficPolicy: {mode: 1}',
      'proxyListenPort: "15002"',
      'someFutureField: {kept: true}',
    ].join('\n'),
    'mesh.yaml',
  );
  t.is(mesh.trustDomain, 'example.org');
  t.deepEqual(mesh.trustDomainAliases, ['a.org', 'b.org']);
  t.is(mesh.defaultConfig.drainDuration, '60s');
  t.is(mesh.defaultConfig.configPath, './etc/istio/proxy', 'defaultConfig merges onto DefaultProxyConfig()');
  t.deepEqual(mesh.defaultConfig.proxyMetadata, { A: '1' });
  t.deepEqual(mesh.defaultProviders, { tracing: ['zipkin'] });
  t.deepEqual((mesh.extensionProviders as Array<{ name: string }>).map((p) => p.name), ['prometheus', 'stackdriver', 'envoy', 'otel']);
  t.deepEqual((mesh.extensionProviders as any[])[2], { name: 'envoy', envoyFileAccessLog: { path: '/dev/stderr' } });
  t.deepEqual(mesh.inboundTrafficPolicy, { mode: 'LOCALHOST' });
  t.is(mesh.proxyListenPort, 15002);
  t.deepEqual(mesh.someFutureField, { kept: true });
  t.is(mesh.enablePrometheusMerge, true, 'untouched fields keep DefaultMeshConfig() values');
});

test('mesh config type errors name the field and the file', (t) => {
  const err = t.throws(() => parseMeshConfig('defaultConfig:\n  concurrency: lots\n', 'mesh.yaml'));
  t.is(err!.message, 'mesh.yaml: mesh config defaultConfig.concurrency: expected an integer (int32), got string "lots"');
  const bad = t.throws(() => parseMeshConfig('enablePrometheusMerge: maybe\n', 'm.yaml'));
  t.regex(bad!.message, /m\.yaml: mesh config enablePrometheusMerge: expected a boolean/);
  t.throws(() => parseMeshConfig('defaultConfig: [\n', 'broken.yaml'), { message: /^broken\.yaml:\d+:\d+: invalid YAML/ });
});

test('a mapping key Go cannot turn into JSON (a list, a map, null) is an error at its line, not a warning and a made-up key', (t) => {
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.message);
  process.on('warning', onWarning);
  try {
    t.throws(() => parseMeshConfig('defaultConfig:\n  ? [a, b]\n  : 1\n', 'list.yaml'), {
      message: 'list.yaml:2:5: invalid YAML: a mapping key must be a string, number or boolean, not a list or map (Istio reads this document as JSON)',
    });
    t.throws(() => parseMeshConfig('defaultConfig:\n  concurrency: 2\n  ? {x: 1}\n  : 1\n', 'map.yaml'), { message: /^map\.yaml:3:5: .* not a list or map/ });
    t.throws(() => parseMeshConfig('defaultConfig:\n  ~: 1\n', 'null.yaml'), { message: /^null\.yaml:2:3: .* not null/ });
    // Keys Go's conversion accepts stay as they are.
    t.is(parseMeshConfig('defaultConfig:\n  concurrency: 2\n', 'ok.yaml').defaultConfig.concurrency, 2);
  } finally {
    process.off('warning', onWarning);
  }
  t.deepEqual(warnings, []);
});

test('unknown (retired) ProxyConfig fields are ignored like Istio\'s lenient parse', (t) => {
  const mesh = parseMeshConfig('defaultConfig:\n  zipkinAddress: ""\n  connectTimeout: 1s\n  statsdUdpAddress: ""\n  drainDuration: 2s\n', 'm');
  t.false('zipkinAddress' in mesh.defaultConfig);
  t.false('connectTimeout' in mesh.defaultConfig);
  t.is(mesh.defaultConfig.drainDuration, '2s');
});

// PROXY_CONFIG values observed in the corpus (spec c.4), each from the mesh/annotation that produced it.
test('PROXY_CONFIG: default mesh gives {}', (t) => {
  t.is(proxyConfigJson(chartMeshConfig().defaultConfig), '{}');
});

test('PROXY_CONFIG: drainDuration 23s', (t) => {
  const mesh = parseMeshConfig('defaultConfig:\n  discoveryAddress: istiod.istio-system.svc:15012\n  drainDuration: 23s\n', 'm');
  t.is(proxyConfigJson(mesh.defaultConfig), '{"drainDuration":"23s"}');
});

test('PROXY_CONFIG: interceptionMode TPROXY shown, REDIRECT (enum zero) omitted', (t) => {
  t.is(proxyConfigJson(parseMeshConfig('defaultConfig: {interceptionMode: TPROXY}', 'm').defaultConfig), '{"interceptionMode":"TPROXY"}');
  t.is(proxyConfigJson(parseMeshConfig('defaultConfig: {interceptionMode: REDIRECT}', 'm').defaultConfig), '{}');
});

test('PROXY_CONFIG: holdApplicationUntilProxyStarts from the JSON annotation, true and false', (t) => {
  const mesh = chartMeshConfig();
  const on = effectiveProxyConfig(mesh, { 'proxy.istio.io/config': '{ "holdApplicationUntilProxyStarts": true }' });
  t.is(proxyConfigJson(on), '{"holdApplicationUntilProxyStarts":true}');
  const off = effectiveProxyConfig(mesh, { 'proxy.istio.io/config': '{ "holdApplicationUntilProxyStarts": false }' });
  t.is(proxyConfigJson(off), '{"holdApplicationUntilProxyStarts":false}');
});

test('PROXY_CONFIG: traffic-annotations case (YAML annotation over mesh proxyMetadata)', (t) => {
  const mesh = parseMeshConfig('defaultConfig:\n  proxyMetadata:\n    ISTIO_META_TLS_CLIENT_KEY: /etc/identity/client/keys/client-key.pem\n', 'm');
  const annotation = 'discoveryAddress: foo:123\nconcurrency: 0\nproxyMetadata:\n  FOO: bar\n  ISTIO_META_TLS_CLIENT_KEY: /etc/identity2/client/keys/client-key.pem';
  const pc = effectiveProxyConfig(mesh, { 'proxy.istio.io/config': annotation });
  t.is(proxyConfigJson(pc), '{"discoveryAddress":"foo:123","concurrency":0,"proxyMetadata":{"FOO":"bar","ISTIO_META_TLS_CLIENT_KEY":"/etc/identity2/client/keys/client-key.pem"}}');
});

test('PROXY_CONFIG: declaration order, sorted map keys, durations, defaults cleared', (t) => {
  const pc = effectiveProxyConfig(chartMeshConfig(), {
    'proxy.istio.io/config': JSON.stringify({
      terminationDrainDuration: '1500ms', statusPort: 15020, proxyMetadata: { B: '2', A: '1' }, interceptionMode: 'NONE',
      concurrency: 2, configPath: './etc/istio/proxy', image: { imageType: 'distroless' }, controlPlaneAuthPolicy: 'NONE',
      tracing: { zipkin: { address: 'z:9411' } }, proxyAdminPort: 15001,
    }),
  });
  t.is(
    proxyConfigJson(pc),
    '{"proxyAdminPort":15001,"concurrency":2,"interceptionMode":"NONE","tracing":{"zipkin":{"address":"z:9411"}},"proxyMetadata":{"A":"1","B":"2"},"terminationDrainDuration":"1.500s","image":{"imageType":"distroless"}}',
  );
});

test('effectiveProxyConfig: fields replace, proxyMetadata merges, proxyHeaders keep unset sub-fields', (t) => {
  const mesh = parseMeshConfig('defaultConfig:\n  proxyMetadata: {A: a, B: b}\n  tracing: {sampling: 5}\n  proxyHeaders: {server: {disabled: true}, requestId: {disabled: true}}\n', 'm');
  const pc = effectiveProxyConfig(mesh, { 'proxy.istio.io/config': 'proxyMetadata: {B: x}\ntracing: {zipkin: {address: "z:1"}}\nproxyHeaders: {requestId: {disabled: false}}' });
  t.deepEqual(pc.proxyMetadata, { A: 'a', B: 'x' });
  t.deepEqual(pc.tracing, { zipkin: { address: 'z:1' } }, 'nested messages replace wholesale');
  t.deepEqual(pc.proxyHeaders, { requestId: { disabled: false }, server: { disabled: true } });
  t.deepEqual(effectiveProxyConfig(mesh, {}), mesh.defaultConfig);
  t.not(effectiveProxyConfig(mesh, {}), mesh.defaultConfig, 'a copy, never the mesh object itself');
});

test('effectiveProxyConfig: malformed or mistyped annotations are InjectErrors naming the annotation', (t) => {
  const mesh = chartMeshConfig();
  const bad = t.throws(() => effectiveProxyConfig(mesh, { 'proxy.istio.io/config': '{ "concurrency": "x" }' }));
  t.is(bad!.name, 'InjectError');
  t.is((bad as any).code, 'invalid-annotation');
  t.regex(bad!.message, /proxy\.istio\.io\/config.*concurrency/);
  const yaml = t.throws(() => effectiveProxyConfig(mesh, { 'proxy.istio.io/config': 'a: [' }));
  t.regex(yaml!.message, /proxy\.istio\.io\/config/);
  t.is((yaml as any).code, 'invalid-annotation');
  const list = t.throws(() => effectiveProxyConfig(mesh, { 'proxy.istio.io/config': '- a' }));
  t.is((list as any).code, 'invalid-annotation');
  t.deepEqual(effectiveProxyConfig(mesh, { 'proxy.istio.io/config': '{"unknownField": 1}' }), mesh.defaultConfig);
});
