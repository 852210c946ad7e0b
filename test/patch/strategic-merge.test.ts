import test from 'ava';
import { strategicMergePod, strategicMergeObject } from '../../src/patch/strategic-merge.js';
import { InjectError } from '../../src/errors.js';
import type { Json, JsonObject, PodJson } from '../../src/k8s/types.js';
import { deepFreeze } from './corpus.js';

const pod = (spec: JsonObject, metadata: JsonObject = {}): PodJson => deepFreeze({ metadata, spec }) as PodJson;
const names = (list: Json | undefined) => (list as JsonObject[]).map((x) => x.name);
const merge = (base: PodJson, patch: Json) => strategicMergePod(base, deepFreeze(patch));

test('maps merge key by key, scalars replace, null deletes', (t) => {
  const out = merge(pod({ dnsPolicy: 'ClusterFirst', nodeSelector: { a: '1', b: '2' } }, { labels: { app: 'x' }, annotations: { keep: 'k', drop: 'd' } }), {
    metadata: { labels: { 'security.istio.io/tlsMode': 'istio' }, annotations: { drop: null } },
    spec: { dnsPolicy: 'Default', nodeSelector: { b: '3' } },
  });
  t.deepEqual(out.metadata, { labels: { app: 'x', 'security.istio.io/tlsMode': 'istio' }, annotations: { keep: 'k' } });
  t.deepEqual(out.spec, { dnsPolicy: 'Default', nodeSelector: { a: '1', b: '3' } });
});

test('new template containers come before the user containers; matching ones merge in place', (t) => {
  const out = merge(pod({ containers: [{ name: 'app', image: 'a' }, { name: 'istio-proxy', image: 'auto', args: ['x'] }] }), {
    spec: { containers: [{ name: 'istio-proxy', image: 'proxyv2', args: ['proxy', 'sidecar'] }, { name: 'helper', image: 'h' }] },
  });
  // istio-proxy was at position 1 in the original, app at 0: app stays first, then the patch items.
  t.deepEqual(names(out.spec.containers), ['app', 'istio-proxy', 'helper']);
  t.deepEqual((out.spec.containers as JsonObject[])[1], { name: 'istio-proxy', image: 'proxyv2', args: ['proxy', 'sidecar'] });

  const fresh = merge(pod({ containers: [{ name: 'app' }] }), { spec: { containers: [{ name: 'istio-proxy' }] } });
  t.deepEqual(names(fresh.spec.containers), ['istio-proxy', 'app']);
});

test('user volumes end up after Istio volumes', (t) => {
  const out = merge(pod({ volumes: [{ name: 'user-data', emptyDir: {} }] }), {
    spec: { volumes: [{ name: 'workload-socket', emptyDir: null }, { name: 'istio-envoy', emptyDir: { medium: 'Memory' } }] },
  });
  t.deepEqual(out.spec.volumes, [
    { name: 'workload-socket' }, // a null source in a new element is simply absent (spec i.4)
    { name: 'istio-envoy', emptyDir: { medium: 'Memory' } },
    { name: 'user-data', emptyDir: {} },
  ]);
});

test('imagePullSecrets from values come before the pod ones (barSecret, fooSecret)', (t) => {
  const out = merge(pod({ imagePullSecrets: [{ name: 'fooSecret' }] }), { spec: { imagePullSecrets: [{ name: 'barSecret' }] } });
  t.deepEqual(out.spec.imagePullSecrets, [{ name: 'barSecret' }, { name: 'fooSecret' }]);
});

test('on re-injection an old env var that was first stays first', (t) => {
  const base = pod({ containers: [{ name: 'istio-proxy', env: [{ name: 'JWT_POLICY', value: 'third-party-jwt' }, { name: 'PILOT_CERT_PROVIDER', value: 'istiod' }, { name: 'CA_ADDR', value: 'old' }] }] });
  const out = merge(base, {
    spec: { containers: [{ name: 'istio-proxy', env: [{ name: 'PILOT_CERT_PROVIDER', value: 'istiod' }, { name: 'CA_ADDR', value: 'new' }, { name: 'ISTIO_CPU_LIMIT', value: '1' }] }] },
  });
  const env = (out.spec.containers as JsonObject[])[0].env as JsonObject[];
  t.deepEqual(env.map((e) => e.name), ['JWT_POLICY', 'PILOT_CERT_PROVIDER', 'CA_ADDR', 'ISTIO_CPU_LIMIT']);
  t.is(env[2].value, 'new');
});

test('element order interleaves by original position (normalizeElementOrder)', (t) => {
  const base = pod({ volumes: [{ name: 'A' }, { name: 'B' }, { name: 'C' }] });
  t.deepEqual(names(merge(base, { spec: { volumes: [{ name: 'X' }, { name: 'A' }] } }).spec.volumes), ['X', 'A', 'B', 'C']);
  t.deepEqual(names(merge(base, { spec: { volumes: [{ name: 'C' }, { name: 'X' }] } }).spec.volumes), ['A', 'B', 'C', 'X']);
  t.deepEqual(names(merge(base, { spec: { volumes: [{ name: 'C' }, { name: 'A' }] } }).spec.volumes), ['B', 'C', 'A']);
  t.deepEqual(names(merge(base, { spec: { volumes: [] } }).spec.volumes), ['A', 'B', 'C']);
});

test('an empty patch list leaves the user list alone; a new one is taken as is', (t) => {
  const out = merge(pod({ initContainers: [{ name: 'user-init' }] }), { spec: { initContainers: [] } });
  t.deepEqual(out.spec.initContainers, [{ name: 'user-init' }]);
  t.deepEqual(merge(pod({}), { spec: { initContainers: [] } }).spec.initContainers, []);
});

test('atomic lists are replaced, finalizers are unioned', (t) => {
  const out = merge(pod({ containers: [{ name: 'c', args: ['a', 'b'], securityContext: { capabilities: { drop: ['ALL'], add: ['X'] } } }], tolerations: [{ key: 'a' }] }, { finalizers: ['a', 'b'] }), {
    metadata: { finalizers: ['c', 'a'] },
    spec: { containers: [{ name: 'c', args: ['z'], securityContext: { capabilities: { add: ['NET_ADMIN'] } } }], tolerations: [{ key: 'b' }] },
  });
  const c = (out.spec.containers as JsonObject[])[0];
  t.deepEqual(c.args, ['z']);
  t.deepEqual(c.securityContext, { capabilities: { drop: ['ALL'], add: ['NET_ADMIN'] } });
  t.deepEqual(out.spec.tolerations, [{ key: 'b' }]);
  t.deepEqual(out.metadata.finalizers, ['c', 'a', 'b']);
});

test('ports merge by containerPort and protocol, mounts by mountPath', (t) => {
  const out = merge(
    pod({ containers: [{ name: 'c', ports: [{ containerPort: 53, protocol: 'UDP', name: 'dns-udp' }, { containerPort: 80, name: 'http' }], volumeMounts: [{ name: 'a', mountPath: '/a' }] }] }),
    { spec: { containers: [{ name: 'c', ports: [{ containerPort: 53, name: 'dns-tcp' }, { containerPort: 80, protocol: 'TCP', hostPort: 8080 }], volumeMounts: [{ name: 'b', mountPath: '/a' }] }] } },
  );
  const c = (out.spec.containers as JsonObject[])[0];
  // The new TCP port has no original position, so it is taken before the UDP one (d.1 interleaving).
  t.deepEqual(c.ports, [
    { containerPort: 53, name: 'dns-tcp' },
    { containerPort: 53, protocol: 'UDP', name: 'dns-udp' },
    { containerPort: 80, name: 'http', protocol: 'TCP', hostPort: 8080 },
  ]);
  t.deepEqual(c.volumeMounts, [{ name: 'b', mountPath: '/a' }]);
});

test('other keyed lists: hostAliases by ip, topologySpreadConstraints by topologyKey, ownerReferences by uid', (t) => {
  const out = merge(
    pod({ hostAliases: [{ ip: '1.1.1.1', hostnames: ['a'] }], topologySpreadConstraints: [{ topologyKey: 'zone', maxSkew: 1 }] }, { ownerReferences: [{ uid: 'u1', name: 'rs' }] }),
    {
      metadata: { ownerReferences: [{ uid: 'u1', controller: true }] },
      spec: { hostAliases: [{ ip: '1.1.1.1', hostnames: ['b'] }], topologySpreadConstraints: [{ topologyKey: 'zone', maxSkew: 2 }] },
    },
  );
  t.deepEqual(out.spec.hostAliases, [{ ip: '1.1.1.1', hostnames: ['b'] }]);
  t.deepEqual(out.spec.topologySpreadConstraints, [{ topologyKey: 'zone', maxSkew: 2 }]);
  t.deepEqual(out.metadata.ownerReferences as Json, [{ uid: 'u1', name: 'rs', controller: true }]);
});

test('$patch: replace and delete in lists and maps', (t) => {
  const base = pod({ containers: [{ name: 'a', securityContext: { runAsUser: 1, privileged: true } }, { name: 'b' }], volumes: [{ name: 'v1' }, { name: 'v2' }] });
  const replaced = merge(base, { spec: { containers: [{ $patch: 'replace' }, { name: 'z', image: 'i' }] } });
  t.deepEqual(replaced.spec.containers, [{ name: 'z', image: 'i' }]);
  const deleted = merge(base, { spec: { volumes: [{ name: 'v1', $patch: 'delete' }, { name: 'v3' }] } });
  t.deepEqual(names(deleted.spec.volumes), ['v3', 'v2']);
  const mapReplace = merge(base, { spec: { containers: [{ name: 'a', securityContext: { $patch: 'replace', runAsUser: 2 } }] } });
  t.deepEqual((mapReplace.spec.containers as JsonObject[])[0].securityContext, { runAsUser: 2 });
  const mapDelete = merge(base, { spec: { containers: [{ name: 'a', securityContext: { $patch: 'delete' } }] } });
  t.false('securityContext' in (mapDelete.spec.containers as JsonObject[])[0]);
  const mapMerge = merge(base, { spec: { containers: [{ name: 'a', securityContext: { $patch: 'merge', runAsUser: 3 } }] } });
  t.deepEqual((mapMerge.spec.containers as JsonObject[])[0].securityContext, { runAsUser: 3, privileged: true });
});

test('$retainKeys, $setElementOrder and $deleteFromPrimitiveList', (t) => {
  const base = pod({ volumes: [{ name: 'v', emptyDir: {} }, { name: 'w' }, { name: 'x' }] }, { finalizers: ['a', 'b', 'c'] });
  const retained = merge(base, { spec: { volumes: [{ name: 'v', $retainKeys: ['name', 'configMap'], configMap: { name: 'cm' } }] } });
  t.deepEqual((retained.spec.volumes as JsonObject[])[0], { name: 'v', configMap: { name: 'cm' } });
  const ordered = merge(base, { spec: { '$setElementOrder/volumes': [{ name: 'x' }, { name: 'w' }, { name: 'v' }], volumes: [{ name: 'w', secret: {} }] } });
  t.deepEqual(names(ordered.spec.volumes), ['x', 'w', 'v']);
  const removed = merge(base, { metadata: { '$deleteFromPrimitiveList/finalizers': ['b'] } });
  t.deepEqual(removed.metadata.finalizers, ['a', 'c']);
  const err = t.throws(() => merge(base, { spec: { volumes: [{ name: 'v', $retainKeys: ['name'], secret: {} }] } }), { instanceOf: InjectError });
  t.regex(err!.message, /"secret".*not listed in \$retainKeys/);
});

test('malformed patches are rejected with the field named', (t) => {
  const base = pod({ containers: [{ name: 'a' }] });
  t.throws(() => merge(base, { spec: { containers: [{ image: 'x' }] } }), { instanceOf: InjectError, message: /spec\.containers\[0\] has no "name" \(the merge key/ });
  t.throws(() => merge(base, { spec: { containers: [{ name: 'a', $patch: 'merge' }] } }), { message: /\$patch: merge" is not supported inside a list/ });
  t.throws(() => merge(base, { spec: { containers: [{ name: 'a', $patch: 'frobnicate' }] } }), { message: /unknown "\$patch: frobnicate" at spec\.containers\[0\]/ });
  t.throws(() => merge(base, { spec: { $frob: 1 } }), { message: /unknown directive "\$frob" at spec/ });
  t.throws(() => merge(base, 'not a pod'), { message: /must be a mapping/ });
});

test('nulls and directives inside new values are dropped like Go does', (t) => {
  const out = merge(pod({}), {
    spec: { securityContext: { runAsUser: null, fsGroup: 1, $patch: 'replace' }, containers: [{ name: 'c', env: [{ name: 'A', value: null }], lifecycle: null }] },
  });
  t.deepEqual(out.spec, { securityContext: { fsGroup: 1 }, containers: [{ name: 'c', env: [{ name: 'A' }] }] });
});

test('inputs are not mutated and unknown keys merge as plain maps', (t) => {
  const base = pod({ containers: [{ name: 'a', env: [{ name: 'X', value: '1' }] }], custom: { a: 1 } });
  const patch = deepFreeze({ spec: { containers: [{ name: 'a', env: [{ name: 'Y', value: '2' }] }], custom: { b: 2 } } });
  const out = strategicMergePod(base, patch);
  t.deepEqual(out.spec.custom, { a: 1, b: 2 });
  t.deepEqual(base.spec.containers, [{ name: 'a', env: [{ name: 'X', value: '1' }] }]);
  t.is(strategicMergeObject({ a: 1 }, { $patch: 'delete' }), undefined);
});

test('large env lists merge without quadratic work', (t) => {
  const env = Array.from({ length: 1500 }, (_, i) => ({ name: `VAR_${i}`, value: String(i) }));
  const base = pod({ containers: [{ name: 'istio-proxy', env }] });
  const patchEnv = Array.from({ length: 1500 }, (_, i) => ({ name: `VAR_${1499 - i}`, value: 'x' }));
  const out = merge(base, { spec: { containers: [{ name: 'istio-proxy', env: patchEnv }] } });
  const merged = (out.spec.containers as JsonObject[])[0].env as JsonObject[];
  t.is(merged.length, 1500);
  t.is(merged[0].name, 'VAR_1499'); // all in the patch: patch order wins
  t.true(merged.every((e) => e.value === 'x'));
});
