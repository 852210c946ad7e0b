import test from 'ava';
import { isInjectPath, parseInjectEnvs } from '../../src/webhook/inject-params.js';

const cases: [string, Record<string, string>][] = [
  ['/inject', {}],
  ['/inject/', {}],
  ['/inject/cluster/cluster1/net/network1/', { ISTIO_META_CLUSTER_ID: 'cluster1', ISTIO_META_NETWORK: 'network1' }],
  ['/inject/cluster/cluster1/net/network1', { ISTIO_META_CLUSTER_ID: 'cluster1', ISTIO_META_NETWORK: 'network1' }],
  ['/inject/cluster/c1/custom_env/foo', { ISTIO_META_CLUSTER_ID: 'c1', CUSTOM_ENV: 'foo' }],
  ['/inject/cluster/c1/root/--slash--foo--slash--bar', { ISTIO_META_CLUSTER_ID: 'c1', ROOT: '/foo/bar' }],
  ['/inject/cluster/c1/net', { ISTIO_META_CLUSTER_ID: 'c1' }],
  ['/inject/:ENV:cluster=cluster2:ENV:rootpage=/foo/bar', { ISTIO_META_CLUSTER_ID: 'cluster2', ROOTPAGE: '/foo/bar' }],
  ['/inject/:ENV:cluster=c3:ENV:=x:ENV:novalue:ENV:empty=', { ISTIO_META_CLUSTER_ID: 'c3', EMPTY: '' }],
];

for (const [path, want] of cases) {
  test(`parseInjectEnvs ${path}`, (t) => {
    t.deepEqual(parseInjectEnvs(path), want);
  });
}

test('isInjectPath accepts /inject and sub-paths only', (t) => {
  t.true(isInjectPath('/inject'));
  t.true(isInjectPath('/inject/cluster/a'));
  t.false(isInjectPath('/injection'));
  t.false(isInjectPath('/'));
  t.false(isInjectPath('/metrics'));
});
