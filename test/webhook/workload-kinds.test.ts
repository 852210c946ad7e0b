// The real engine behind the HTTPS server: a pod of every workload kind, as its controller would
// create it, in both AdmissionReview versions; policy skips; injection errors.
import test from 'ava';
import { buildSettings } from '../../src/config/index.js';
import { coreEngine } from '../../src/webhook/engine.js';
import { createWebhookServer } from '../../src/webhook/server.js';
import { applyReviewPatch, makeCert, postReview, request, review } from './helpers.js';

const cert = makeCert();
const settings = buildSettings({ revision: 'default' });
const webhook = createWebhookServer({ tls: cert, settings: () => settings, engine: coreEngine });
const listening = webhook.listen(0, '127.0.0.1');
test.after.always(() => webhook.shutdown(1000));

const owned = (generateName: string, apiVersion: string, kind: string, name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { generateName, namespace: 'shop', labels: { app: 'web', ...labels }, ownerReferences: [{ apiVersion, kind, name, uid: 'u-1', controller: true }] },
  spec: { containers: [{ name: 'web', image: 'example/web:1', ports: [{ containerPort: 8080 }], readinessProbe: { httpGet: { path: '/ready', port: 8080 } } }] },
});

const kinds: [string, any, string][] = [
  ['Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'solo', namespace: 'shop', labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'example/web:1' }] } }, 'kubernetes://apis/v1/namespaces/shop/pods/solo'],
  ['Deployment', owned('web-6d5f-', 'apps/v1', 'ReplicaSet', 'web-6d5f', { 'pod-template-hash': '6d5f' }), 'kubernetes://apis/apps/v1/namespaces/shop/deployments/web'],
  ['ReplicaSet', owned('rs-', 'apps/v1', 'ReplicaSet', 'rs'), 'kubernetes://apis/apps/v1/namespaces/shop/replicasets/rs'],
  ['DaemonSet', owned('agent-', 'apps/v1', 'DaemonSet', 'agent'), 'kubernetes://apis/apps/v1/namespaces/shop/daemonsets/agent'],
  ['StatefulSet', owned('db-', 'apps/v1', 'StatefulSet', 'db'), 'kubernetes://apis/apps/v1/namespaces/shop/statefulsets/db'],
  ['Job', owned('migrate-', 'batch/v1', 'Job', 'migrate'), 'kubernetes://apis/batch/v1/namespaces/shop/jobs/migrate'],
  ['CronJob', owned('backup-28391920-', 'batch/v1', 'Job', 'backup-28391920'), 'kubernetes://apis/batch/v1/namespaces/shop/cronjobs/backup'],
  ['ReplicationController', owned('rc-', 'v1', 'ReplicationController', 'rc'), 'kubernetes://apis/v1/namespaces/shop/replicationcontrollers/rc'],
  ['DeploymentConfig', owned('dc-1-', 'v1', 'ReplicationController', 'dc-1', { deploymentconfig: 'dc' }), 'kubernetes://apis/v1/namespaces/shop/deploymentconfigs/dc'],
];

const proxyOf = (pod: any) => [...(pod.spec.initContainers ?? []), ...pod.spec.containers].find((c: any) => c.name === 'istio-proxy');
const envOf = (c: any, name: string) => c.env.find((e: any) => e.name === name)?.value;

for (const [kind, pod, owner] of kinds) {
  test(`${kind} pod: v1 and v1beta1 inject the same sidecar with the workload's identity`, async (t) => {
    const { port } = await listening;
    const out = [];
    for (const version of ['v1', 'v1beta1'] as const) {
      const reply = await postReview(port, review(pod, { version, namespace: 'shop' }), { ca: cert.cert });
      t.is(reply.status, 200);
      const body = reply.json();
      t.is(body.apiVersion, `admission.k8s.io/${version}`);
      t.true(body.response.allowed);
      t.is(body.response.patchType, 'JSONPatch');
      out.push(await applyReviewPatch(pod, body.response));
    }
    t.deepEqual(out[0], out[1]);
    const proxy = proxyOf(out[0]);
    t.truthy(proxy, 'istio-proxy injected');
    t.is(envOf(proxy, 'ISTIO_META_OWNER'), owner);
    t.truthy(out[0].metadata.annotations['sidecar.istio.io/status']);
    t.deepEqual(out[0].metadata.ownerReferences, pod.metadata.ownerReferences);
  });
}

test('hostNetwork, opt-out label and ignored namespaces are allowed without a patch and counted as skips', async (t) => {
  const { port } = await listening;
  const base = kinds[0][1];
  const hostNet = { ...base, spec: { ...base.spec, hostNetwork: true } };
  const optOut = { ...base, metadata: { ...base.metadata, labels: { 'sidecar.istio.io/inject': 'false' } } };
  const system = { ...base, metadata: { name: 'sys', labels: {} } };
  for (const [pod, ns] of [[hostNet, 'shop'], [optOut, 'shop'], [system, 'kube-system']] as const) {
    const body = (await postReview(port, review(pod, { namespace: ns }), { ca: cert.cert })).json();
    t.deepEqual(body.response, { uid: 'uid-1', allowed: true });
  }
  const metrics = (await request(port, '/metrics', { ca: cert.cert })).body;
  t.regex(metrics, /sidecar_injection_skip_total\{reason="skipped\/host-network"\} 1/);
  t.regex(metrics, /sidecar_injection_skip_total\{reason="skipped\/pod-opt-out"\} 1/);
  t.regex(metrics, /sidecar_injection_skip_total\{reason="skipped\/ignored-namespace"\} 1/);
});

test('an invalid annotation denies the pod with a message naming it', async (t) => {
  const { port } = await listening;
  const base = kinds[0][1];
  const pod = { ...base, metadata: { ...base.metadata, annotations: { 'traffic.sidecar.istio.io/includeInboundPorts': 'not-a-port' } } };
  const body = (await postReview(port, review(pod), { ca: cert.cert })).json();
  t.false(body.response.allowed);
  t.regex(body.response.status.message, /traffic.sidecar.istio.io\/includeInboundPorts/);
});

test('cluster and network from the path end up last in the proxy env, sorted (before probe rewriting adds its own)', async (t) => {
  const { port } = await listening;
  const pod = kinds[0][1]; // no probes, so ISTIO_KUBE_APP_PROBERS is not appended after them
  const body = (await postReview(port, review(pod), { ca: cert.cert, path: '/inject/net/n1/cluster/c1' })).json();
  const proxy = proxyOf(await applyReviewPatch(pod, body.response));
  t.deepEqual(proxy.env.slice(-2), [{ name: 'ISTIO_META_CLUSTER_ID', value: 'c1' }, { name: 'ISTIO_META_NETWORK', value: 'n1' }]);
});

test('the log line explains the decision, including warnings about unrecognised opt-in values', async (t) => {
  const logs: Record<string, unknown>[] = [];
  const own = createWebhookServer({ tls: cert, settings: () => settings, engine: coreEngine, log: (e) => logs.push(e) });
  const { port } = await own.listen(0, '127.0.0.1');
  const base = kinds[0][1];
  const pod = { ...base, metadata: { ...base.metadata, labels: { 'sidecar.istio.io/inject': 'yes' } } };
  const body = (await postReview(port, review(pod, { uid: 'w-1' }), { ca: cert.cert })).json();
  t.true(body.response.allowed);
  const line = logs.find((e) => e.uid === 'w-1')!;
  t.is(line.decision, 'injected');
  t.regex(String(line.message), /policy|enabled/);
  t.regex(JSON.stringify(line.warnings), /unrecognised value \\"yes\\"/);
  await own.shutdown(1000);
});

test('deeply nested JSON does not crash the server', async (t) => {
  const { port } = await listening;
  const deep = '{"a":'.repeat(100000) + '1' + '}'.repeat(100000);
  const text = `{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"d","object":{"metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"x","x":${deep}}]}}}}`;
  const reply = await postReview(port, text, { ca: cert.cert });
  t.true(reply.status === 200 || reply.status === 500, `status ${reply.status}`);
  t.is((await request(port, '/healthz', { ca: cert.cert })).status, 200);
});
