import test from 'ava';
import { stripInjection } from '../../src/patch/strip-injection.js';
import { goContainer } from '../../src/patch/go-json.js';
import { InjectError } from '../../src/errors.js';
import type { Json, JsonObject, PodJson } from '../../src/k8s/types.js';
import { corpusPods, corpusPresent, deepFreeze } from './corpus.js';
import { corpusTest } from '../corpus.js';

/** Labels/annotations injection adds that stripping deliberately keeps (re-injection writes the same). */
const KEPT_LABELS = ['security.istio.io/tlsMode', 'service.istio.io/canonical-name', 'service.istio.io/canonical-revision', 'topology.istio.io/network'];
const KEPT_ANNOTATIONS = ['kubectl.kubernetes.io/default-container', 'kubectl.kubernetes.io/default-logs-container'];

/** The typed (Go) view of a pod template: containers as Go decodes them, no empty maps, no creationTimestamp. */
function semantic(pod: PodJson): JsonObject {
  const spec: JsonObject = { ...pod.spec };
  for (const list of ['containers', 'initContainers']) {
    if (Array.isArray(spec[list])) spec[list] = (spec[list] as Json[]).map((c) => goContainer(c));
  }
  const metadata: JsonObject = { ...pod.metadata };
  delete metadata.creationTimestamp;
  for (const k of ['labels', 'annotations']) {
    const m = metadata[k];
    if (m !== undefined && (m === null || Object.keys(m as JsonObject).length === 0)) delete metadata[k];
  }
  return { metadata, spec };
}

/** What stripping must give: the input, plus the kept labels/annotations with the injected values. */
function expectedStripped(input: PodJson, injected: PodJson): PodJson {
  const labels: Record<string, string> = { ...(input.metadata.labels ?? {}) };
  const annotations: Record<string, string> = { ...(input.metadata.annotations ?? {}) };
  for (const k of KEPT_LABELS) if (injected.metadata.labels?.[k] !== undefined) labels[k] = injected.metadata.labels[k];
  for (const k of KEPT_ANNOTATIONS) if (injected.metadata.annotations?.[k] !== undefined) annotations[k] = injected.metadata.annotations[k];
  return { metadata: { ...input.metadata, labels, annotations }, spec: input.spec };
}

const CASES: [input: string, injected: string][] = [
  ['hello.yaml', 'hello.yaml.injected'],
  ['hello.yaml', 'hello.yaml.cni.injected'],
  ['hello.yaml', 'hello-old-version.yaml.injected'],
  ['hello.yaml', 'hello-cncf-networks.yaml.injected'],
  ['hello-existing-cncf-networks.yaml', 'hello-existing-cncf-networks.yaml.injected'],
  ['hello-probes.yaml', 'hello-probes.yaml.injected'],
  ['hello-probes-with-flag-unset-in-annotation.yaml', 'hello-probes-with-flag-unset-in-annotation.yaml.injected'],
  ['prometheus-scrape.yaml', 'prometheus-scrape.yaml.injected'],
  ['hello-multiport-metrics.yaml', 'hello-multiport-metrics.yaml.injected'],
  ['user-volume.yaml', 'user-volume.yaml.injected'],
  ['multi-init.yaml', 'multi-init.yaml.injected'],
  ['hello-image-pull-secret.yaml', 'hello-image-pull-secret.yaml.injected'],
  ['hello-image-pull-secret.yaml', 'hello-multiple-image-secrets.yaml.injected'],
  ['gateway.yaml', 'gateway.yaml.injected'],
  ['proxy-override.yaml', 'proxy-override.yaml.injected'],
  ['proxy-override-runas.yaml', 'proxy-override-runas.yaml.cni.injected'],
  ['hello-openshift-tproxy.yaml', 'hello-openshift-tproxy.yaml.injected'],
  ['grpc-agent.yaml', 'grpc-agent.yaml.injected'],
  ['tcp-probes.yaml', 'tcp-probes.yaml.injected'],
  ['ready_live.yaml', 'ready_live.yaml.injected'],
  ['status_annotations.yaml', 'status_annotations.yaml.injected'],
];

for (const [input, injected] of CASES) {
  corpusTest(`strip(${injected}) gives back ${input}`, (t) => {
    const inputs = corpusPods(input);
    const outputs = corpusPods(injected);
    t.is(outputs.length, inputs.length);
    outputs.forEach((out, i) => {
      const r = stripInjection(out);
      t.true(r.wasInjected);
      t.deepEqual(semantic(r.pod), semantic(expectedStripped(inputs[i], out)));
      t.is(stripInjection(inputs[i]).pod, inputs[i], 'a pod without status is returned as is');
    });
  });
}

corpusTest('previous probers are returned for re-injection', (t) => {
  const [injected] = corpusPods('hello-probes.yaml.injected');
  const r = stripInjection(injected);
  t.deepEqual(r.previousProbers?.['/app-health/hello/readyz'], { httpGet: { port: 3333 } });
});

const injectedPod = (annotations: Record<string, string>, extra: JsonObject = {}): PodJson =>
  deepFreeze<PodJson>({
    metadata: { annotations: { 'sidecar.istio.io/status': '{"initContainers":["istio-init"],"containers":["istio-proxy"],"volumes":["istio-envoy"],"imagePullSecrets":null}', ...annotations } },
    spec: {
      initContainers: [{ name: 'istio-init' }],
      containers: [
        { name: 'app', readinessProbe: { httpGet: { path: '/app-health/app/readyz', port: 15020, scheme: 'HTTP' }, periodSeconds: 3 } },
        {
          name: 'istio-proxy',
          env: [
            { name: 'ISTIO_META_APP_CONTAINERS', value: 'app' },
            { name: 'ISTIO_KUBE_APP_PROBERS', value: '{"/app-health/app/readyz":{"httpGet":{"path":"/r","port":8443,"scheme":"HTTPS"}}}' },
            { name: 'ENVOY_SECURE_MERGED_METRICS_PORT', value: '15091' },
          ],
        },
      ],
      volumes: [{ name: 'istio-envoy' }, { name: 'data' }],
      ...extra,
    },
  });

test('HTTPS probes come back with their scheme; secure port and merged prometheus annotations are removed', (t) => {
  const r = stripInjection(injectedPod({ 'prometheus.io/port': '15020', 'prometheus.io/path': '/stats/prometheus', 'prometheus.io/scrape': 'true', 'prometheus.istio.io/secure-port': '15091', 'istio.io/rev': 'default' }));
  t.deepEqual(r.pod, {
    metadata: {},
    spec: { containers: [{ name: 'app', readinessProbe: { httpGet: { path: '/r', port: 8443, scheme: 'HTTPS' }, periodSeconds: 3 } }], volumes: [{ name: 'data' }] },
  });
});

test('the user scrape configuration recorded by the agent is put back', (t) => {
  const pod = injectedPod({ 'prometheus.io/port': '15020', 'prometheus.io/path': '/stats/prometheus', 'prometheus.io/scrape': 'true' });
  const proxy = (pod.spec.containers as JsonObject[])[1];
  const withEnv = deepFreeze<PodJson>({
    ...pod,
    spec: { ...pod.spec, containers: [(pod.spec.containers as JsonObject[])[0], { ...proxy, env: [...(proxy.env as JsonObject[]), { name: 'ISTIO_PROMETHEUS_ANNOTATIONS', value: '{"scrape":"true","path":"/m","port":"9090"}' }] }] },
  });
  t.deepEqual(stripInjection(withEnv).pod.metadata.annotations, { 'prometheus.io/scrape': 'true', 'prometheus.io/path': '/m', 'prometheus.io/port': '9090' });
  // A user port that is not the status port means no merge happened: left alone.
  t.deepEqual(stripInjection(injectedPod({ 'prometheus.io/port': '9090' })).pod.metadata.annotations, { 'prometheus.io/port': '9090' });
});

test('a native proxy recorded as an override comes back under containers with image auto', (t) => {
  const pod = deepFreeze<PodJson>({
    metadata: {
      annotations: {
        'sidecar.istio.io/status': '{"initContainers":["istio-init","istio-proxy"],"containers":null,"volumes":null,"imagePullSecrets":null}',
        'proxy.istio.io/overrides': '{"initContainers":[{"name":"istio-proxy","resources":{},"securityContext":{"runAsUser":1234}}]}',
      },
    },
    spec: { initContainers: [{ name: 'istio-init' }, { name: 'istio-proxy', image: 'proxyv2', securityContext: { runAsUser: 1234 } }, { name: 'user-init' }], containers: [{ name: 'app' }] },
  });
  t.deepEqual(stripInjection(pod).pod.spec, {
    initContainers: [{ name: 'user-init' }],
    containers: [{ name: 'app' }, { name: 'istio-proxy', image: 'auto', securityContext: { runAsUser: 1234 } }],
  });
});

test('an app container a template touched is kept even without a recorded override', (t) => {
  const pod = deepFreeze<PodJson>({
    metadata: { annotations: { 'sidecar.istio.io/status': '{"containers":["istio-proxy","app"]}' } },
    spec: { containers: [{ name: 'app', env: [{ name: 'X' }] }, { name: 'istio-proxy', env: [{ name: 'ISTIO_META_APP_CONTAINERS', value: 'app' }] }] },
  });
  t.deepEqual(stripInjection(pod).pod.spec, { containers: [{ name: 'app', env: [{ name: 'X' }] }] });
});

test('CNI annotations: defaults removed, user values kept, status port suffix stripped', (t) => {
  const pod = deepFreeze<PodJson>({
    metadata: {
      annotations: {
        'sidecar.istio.io/status': '{"initContainers":["istio-validation","istio-proxy"]}',
        'sidecar.istio.io/interceptionMode': 'TPROXY',
        'traffic.sidecar.istio.io/includeInboundPorts': '*',
        'traffic.sidecar.istio.io/includeOutboundIPRanges': '10.0.0.0/8',
        'traffic.sidecar.istio.io/excludeInboundPorts': '8080,15020',
        'k8s.v1.cni.cncf.io/networks': '[{"name": "alt"}, {"name": "istio-cni", "namespace": "default"}]',
      },
    },
    spec: { containers: [{ name: 'app' }] },
  });
  t.deepEqual(stripInjection(pod).pod.metadata.annotations, {
    'sidecar.istio.io/interceptionMode': 'TPROXY',
    'traffic.sidecar.istio.io/includeOutboundIPRanges': '10.0.0.0/8',
    'traffic.sidecar.istio.io/excludeInboundPorts': '8080',
    'k8s.v1.cni.cncf.io/networks': '[{"name": "alt"}]',
  });
  const noCni = { ...pod, metadata: { annotations: { ...pod.metadata.annotations, 'sidecar.istio.io/status': '{"initContainers":["istio-init"]}' } } };
  t.is(stripInjection(noCni).pod.metadata.annotations?.['traffic.sidecar.istio.io/includeInboundPorts'], '*');
});

test('unreadable annotations: status only drops the marker, bad overrides are an error', (t) => {
  const pod = deepFreeze<PodJson>({ metadata: { annotations: { 'sidecar.istio.io/status': 'garbage', a: 'b' } }, spec: { containers: [{ name: 'istio-proxy' }] } });
  const r = stripInjection(pod);
  t.true(r.wasInjected);
  t.deepEqual(r.pod, { metadata: { annotations: { a: 'b' } }, spec: { containers: [{ name: 'istio-proxy' }] } });
  const bad = deepFreeze<PodJson>({ metadata: { annotations: { 'sidecar.istio.io/status': '{}', 'proxy.istio.io/overrides': '[1]' } }, spec: {} });
  t.throws(() => stripInjection(bad), { instanceOf: InjectError, message: /proxy\.istio\.io\/overrides/ });
});
