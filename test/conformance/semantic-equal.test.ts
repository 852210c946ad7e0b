import test from 'ava';
import { semanticDiff, semanticEqual } from './semantic-equal.js';

test('a missing key equals an empty value', (t) => {
  t.true(semanticEqual({ a: {}, b: [], c: '', d: null, e: 1 }, { e: 1 }));
});

test('0/false equal missing only for fields Go omits when zero', (t) => {
  t.true(semanticEqual({ readinessProbe: { initialDelaySeconds: 0, periodSeconds: 15 } }, { readinessProbe: { periodSeconds: 15 } }));
  t.false(semanticEqual({ securityContext: { runAsUser: 0 } }, { securityContext: {} }));
  t.false(semanticEqual({ securityContext: { allowPrivilegeEscalation: false } }, { securityContext: {} }));
});

test('quantities compare by value', (t) => {
  t.true(semanticEqual({ resources: { limits: { cpu: '2', memory: '1Gi' } } }, { resources: { limits: { cpu: '2000m', memory: '1024Mi' } } }));
  t.false(semanticEqual({ resources: { limits: { cpu: '2' } } }, { resources: { limits: { cpu: '200m' } } }));
  // only under limits/requests: an arbitrary string is not a quantity
  t.false(semanticEqual({ env: [{ name: 'X', value: '2' }] }, { env: [{ name: 'X', value: '2000m' }] }));
});

test('JSON-holding strings compare as parsed JSON', (t) => {
  const a = { metadata: { annotations: { 'sidecar.istio.io/status': '{"a":1,"b":[1,2]}' } } };
  const b = { metadata: { annotations: { 'sidecar.istio.io/status': '{"b":[1,2],"a":1}' } } };
  t.true(semanticEqual(a, b));
  const c = { metadata: { annotations: { 'sidecar.istio.io/status': '{"b":[2,1],"a":1}' } } };
  t.false(semanticEqual(a, c));
  t.true(semanticEqual({ env: [{ name: 'PROXY_CONFIG', value: '{}\n' }] }, { env: [{ name: 'PROXY_CONFIG', value: '{}' }] }));
  // other annotations are plain strings
  t.false(semanticEqual({ metadata: { annotations: { x: '{"a":1}' } } }, { metadata: { annotations: { x: '{"a": 1}' } } }));
});

test('list order counts and differences are reported with a path', (t) => {
  const diffs = semanticDiff({ spec: { containers: [{ name: 'a' }, { name: 'b' }] } }, { spec: { containers: [{ name: 'b' }, { name: 'a' }] } });
  t.true(diffs.length > 0);
  t.regex(diffs[0]!, /\$\.spec\.containers\[0\]\.name/);
});

test('zero status counters of a workload are ignored, non-zero ones are not', (t) => {
  t.true(semanticEqual({ kind: 'ReplicaSet', status: { replicas: 0 } }, { kind: 'ReplicaSet' }));
  t.false(semanticEqual({ kind: 'ReplicaSet', status: { replicas: 2 } }, { kind: 'ReplicaSet' }));
});
