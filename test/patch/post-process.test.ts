import test from 'ava';
import { applyPrometheusMerge, prometheusMergeEnabled, parseScrapeTargets } from '../../src/patch/prometheus-merge.js';
import { applySecurePrometheusAnnotation } from '../../src/patch/secure-prometheus-annotation.js';
import { overwriteClusterInfo } from '../../src/patch/overwrite-cluster-info.js';
import { statusAnnotationValue, parseSidecarStatus } from '../../src/patch/sidecar-status.js';
import { reorderContainers } from '../../src/patch/reorder-containers.js';
import { findProxy } from '../../src/patch/pod-access.js';
import { InjectError } from '../../src/errors.js';
import type { JsonObject, PodJson } from '../../src/k8s/types.js';
import { corpusPods, corpusPresent, deepFreeze } from './corpus.js';
import { corpusTest } from '../corpus.js';

const podWith = (annotations: Record<string, string>, env: JsonObject[] = [], containers: JsonObject[] = [{ name: 'app' }]): PodJson =>
  deepFreeze<PodJson>({ metadata: { annotations }, spec: { containers: [...containers, { name: 'istio-proxy', env }] } });
const envOf = (pod: PodJson) => (findProxy(pod)!.container.env ?? []) as JsonObject[];
const MERGED = { 'prometheus.io/port': '15020', 'prometheus.io/path': '/stats/prometheus', 'prometheus.io/scrape': 'true' };
const merge = (pod: PodJson) => applyPrometheusMerge(pod, { statusPort: 15020, enabled: true });

corpusTest('prometheus merge matches the corpus (multi-target and scrape=false)', (t) => {
  for (const name of ['hello-multiport-metrics.yaml', 'prometheus-scrape.yaml']) {
    const [input] = corpusPods(name);
    const [expected] = corpusPods(`${name}.injected`);
    const pod = deepFreeze<PodJson>({ ...input, spec: { ...input.spec, containers: [...(input.spec.containers as JsonObject[]), { name: 'istio-proxy', env: [] }] } });
    const out = merge(pod);
    const want = (findProxy(expected)!.container.env as JsonObject[]).find((e) => e.name === 'ISTIO_PROMETHEUS_ANNOTATIONS')?.value;
    t.is(envOf(out).find((e) => e.name === 'ISTIO_PROMETHEUS_ANNOTATIONS')?.value, want, name);
    const prom = Object.fromEntries(Object.entries(out.metadata.annotations ?? {}).filter(([k]) => k.startsWith('prometheus')));
    const wantProm = Object.fromEntries(Object.entries(expected.metadata.annotations ?? {}).filter(([k]) => k.startsWith('prometheus')));
    t.deepEqual(prom, wantProm, name);
  }
});

test('the app scrape config is handed to the agent and every spelling is replaced', (t) => {
  const out = merge(podWith({ 'prometheus.io.scrape': 'true', 'prometheus-io/path': '/m', 'prometheus.io/port': '9090', keep: 'me' }));
  t.deepEqual(out.metadata.annotations, { keep: 'me', ...MERGED });
  t.deepEqual(envOf(out), [{ name: 'ISTIO_PROMETHEUS_ANNOTATIONS', value: '{"scrape":"true","path":"/m","port":"9090"}' }]);
  // Nothing configured by the app: annotations set, no env.
  const bare = merge(podWith({}));
  t.deepEqual(bare.metadata.annotations, MERGED);
  t.deepEqual(envOf(bare), []);
});

test('merge is skipped when disabled, when scrape parses as false, or when the port already is the status port', (t) => {
  const pod = podWith({ 'prometheus.io/port': '8080' });
  t.is(applyPrometheusMerge(pod, { statusPort: 15020, enabled: false }), pod);
  const off = podWith({ 'prometheus-io/scrape': 'F', 'prometheus.io/port': '8080' });
  t.is(merge(off), off);
  const done = podWith({ ...MERGED, 'prometheus.io/path': '/custom' });
  t.is(merge(done), done);
  t.true(prometheusMergeEnabled({}, undefined));
  t.false(prometheusMergeEnabled({}, false));
  t.true(prometheusMergeEnabled({ 'prometheus.istio.io/merge-metrics': 'true' }, false));
  t.false(prometheusMergeEnabled({ 'prometheus.istio.io/merge-metrics': '0' }, true));
  t.true(prometheusMergeEnabled({ 'prometheus.istio.io/merge-metrics': 'nope' }, true));
});

test('unusable scrape ports abort injection naming the annotation', (t) => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ 'prometheus.io/port': 'http' }, /'prometheus\.io\/port': port 'http' is not a number/],
    [{ 'prometheus.io/port': '0' }, /port '0' is out of range/],
    [{ 'prometheus.io/port': '70000' }, /port '70000' is out of range/],
    [{ 'prometheus.io/port': '15090' }, /port '15090' is reserved by Istio/],
    [{ 'prometheus.io/port': '15021' }, /port '15021' is reserved/],
    [{ 'prometheus.istio.io/scrape-targets': '8080,15000:/x' }, /'prometheus\.istio\.io\/scrape-targets': port '15000' is reserved/],
    [{ 'prometheus.istio.io/scrape-targets': 'abc:/metrics' }, /scrape-targets': port 'abc' is not a number/],
  ];
  for (const [annotations, message] of cases) {
    const err = t.throws(() => merge(podWith(annotations)), { instanceOf: InjectError, message }, JSON.stringify(annotations));
    t.is(err?.code, 'invalid-prometheus');
  }
  // A target on the agent status port (a prometheus.io/port equal to it means "already merged" instead).
  t.throws(() => applyPrometheusMerge(podWith({ 'prometheus.istio.io/scrape-targets': '8080,16000' }), { statusPort: 16000, enabled: true }), {
    message: /port '16000' is the agent status port 16000/,
  });
});

test('scrape targets: path defaults to /metrics, first target gives port and path', (t) => {
  t.deepEqual(parseScrapeTargets('8080, 9100:/custom ,'), [
    { port: '8080', path: '/metrics' },
    { port: '9100', path: '/custom' },
  ]);
  const out = merge(podWith({ 'prometheus.istio.io/scrape-targets': '9100:/c' }));
  t.is(envOf(out)[0].value, '{"scrape":"","path":"/c","port":"9100","targets":[{"port":"9100","path":"/c"}]}');
  t.false('prometheus.istio.io/scrape-targets' in (out.metadata.annotations ?? {}));
});

test('secure metrics port annotation comes from the proxy env unless the user set one', (t) => {
  const env = [{ name: 'ENVOY_SECURE_MERGED_METRICS_PORT', value: '15091' }];
  t.is(applySecurePrometheusAnnotation(podWith({}, env)).metadata.annotations?.['prometheus.istio.io/secure-port'], '15091');
  t.is(applySecurePrometheusAnnotation(podWith({ 'prometheus.istio.io/secure-port': '1' }, env)).metadata.annotations?.['prometheus.istio.io/secure-port'], '1');
  const zero = podWith({}, [{ name: 'ENVOY_SECURE_MERGED_METRICS_PORT', value: '0' }]);
  t.is(applySecurePrometheusAnnotation(zero), zero);
});

test('cluster info env vars move to the end of the proxy env, sorted', (t) => {
  const pod = podWith({}, [{ name: 'ISTIO_META_NETWORK', value: 'old' }, { name: 'A', value: '1' }, { name: 'ISTIO_META_CLUSTER_ID', value: 'Kubernetes' }, { name: 'B', value: '2' }]);
  const out = overwriteClusterInfo(pod, { ISTIO_META_NETWORK: 'network1', ISTIO_META_CLUSTER_ID: 'c1' });
  t.deepEqual(envOf(out), [
    { name: 'A', value: '1' },
    { name: 'B', value: '2' },
    { name: 'ISTIO_META_CLUSTER_ID', value: 'c1' },
    { name: 'ISTIO_META_NETWORK', value: 'network1' },
  ]);
  t.is(overwriteClusterInfo(pod, {}), pod);
});

test('status annotation: Go JSON of the template pod names, null for empty, default revision', (t) => {
  const templatePod: PodJson = {
    metadata: {},
    spec: {
      initContainers: [{ name: 'istio-init' }],
      containers: [{ name: 'istio-proxy' }],
      volumes: ['workload-socket', 'credential-socket', 'workload-certs', 'istio-envoy', 'istio-data', 'istio-podinfo', 'istio-token', 'istiod-ca-cert'].map((name) => ({ name })),
    },
  };
  t.is(
    statusAnnotationValue(templatePod, ''),
    '{"initContainers":["istio-init"],"containers":["istio-proxy"],"volumes":["workload-socket","credential-socket","workload-certs","istio-envoy","istio-data","istio-podinfo","istio-token","istiod-ca-cert"],"imagePullSecrets":null,"revision":"default"}',
  );
  t.is(statusAnnotationValue({ metadata: {}, spec: { imagePullSecrets: [{ name: 'barSecret' }], initContainers: [] } }, 'canary'), '{"initContainers":null,"containers":null,"volumes":null,"imagePullSecrets":["barSecret"],"revision":"canary"}');
  t.deepEqual(parseSidecarStatus('{"containers":["a"],"revision":"x"}'), { initContainers: [], containers: ['a'], volumes: [], imagePullSecrets: [], revision: 'x' });
  t.is(parseSidecarStatus('nope'), undefined);
});

const order = (pod: PodJson, list: string) => ((pod.spec[list] ?? []) as JsonObject[]).map((c) => c.name);

test('reorder: classic proxy last (first with hold), iptables init last, validation first', (t) => {
  const pod = deepFreeze<PodJson>({
    metadata: {},
    spec: {
      containers: [{ name: 'istio-proxy' }, { name: 'app' }, { name: 'side' }],
      initContainers: [{ name: 'istio-init' }, { name: 'enable-core-dump' }, { name: 'user-init' }, { name: 'istio-validation' }],
    },
  });
  const out = reorderContainers(pod, { hold: false });
  t.deepEqual(order(out, 'containers'), ['app', 'side', 'istio-proxy']);
  t.deepEqual(order(out, 'initContainers'), ['istio-validation', 'user-init', 'istio-init', 'enable-core-dump']);
  t.deepEqual(order(reorderContainers(pod, { hold: true }), 'containers'), ['istio-proxy', 'app', 'side']);
});

test('reorder: native proxy first among init containers, after the iptables container', (t) => {
  const pod = deepFreeze<PodJson>({
    metadata: {},
    spec: { containers: [{ name: 'app' }], initContainers: [{ name: 'user-init' }, { name: 'enable-core-dump' }, { name: 'istio-proxy' }, { name: 'istio-init' }] },
  });
  const out = reorderContainers(pod, { hold: true });
  t.deepEqual(order(out, 'initContainers'), ['istio-init', 'istio-proxy', 'enable-core-dump', 'user-init']);
  t.deepEqual(order(out, 'containers'), ['app']);
  const settled = reorderContainers(out, { hold: false });
  t.is(settled, out, 'already in order: same object');
});
