// Hostile but well-formed admissions through the real server and core (issue 9, findings 4 and 5):
// resource quantities whose exponents would make exact arithmetic explode, and annotation or label
// names that are also Object.prototype members. Each must be answered correctly, never with a 500.
import test from 'ava';
import fastJsonPatch from 'fast-json-patch';
import { buildSettings } from '../../src/config/index.js';
import { coreEngine } from '../../src/webhook/engine.js';
import { createWebhookServer } from '../../src/webhook/server.js';
import { makeCert, postReview, review, simplePod } from './helpers.js';
import { startWebhookProcess } from './webhook-process.js';

const cert = makeCert();
const settings = buildSettings({ revision: 'default' });

async function start() {
  const webhook = createWebhookServer({ tls: cert, settings: () => settings, engine: coreEngine });
  const { port } = await webhook.listen(0, '127.0.0.1');
  return { webhook, port };
}

/** Applies a review's JSON patch; keys such as `__proto__` stay plain own properties (JSON semantics). */
function applyPatch(pod: unknown, response: { patch?: string }): any {
  const doc = JSON.parse(JSON.stringify(pod));
  if (!response.patch) return doc;
  const ops = JSON.parse(Buffer.from(response.patch, 'base64').toString('utf8'));
  return fastJsonPatch.applyPatch(doc, ops, true, true, false).newDocument;
}

const proxyOf = (pod: any) => [...(pod.spec.initContainers ?? []), ...pod.spec.containers].find((c: any) => c.name === 'istio-proxy');

/** Object.prototype's own names, `__proto__` included: every one is a legal annotation and label name. */
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);

test('Object.prototype member names as annotation and label keys are injected like any other key', async (t) => {
  t.true(PROTOTYPE_NAMES.includes('__proto__') && PROTOTYPE_NAMES.includes('constructor'));
  const s = await start();
  for (const name of PROTOTYPE_NAMES) {
    // JSON.parse makes `__proto__` an own key, as it is in the request body.
    const meta = JSON.parse(`{"annotations": {${JSON.stringify(name)}: "x"}, "labels": {${JSON.stringify(name)}: "y", "app": "demo"}}`);
    const pod = simplePod({ metadata: { name: 'app', namespace: 'default', ...meta } });
    const body = JSON.stringify(review(pod, { uid: `uid-${name}` }));
    t.true(body.includes(`"${name}":"x"`), name);
    const reply = await postReview(s.port, body, { ca: cert.cert });
    t.is(reply.status, 200, name);
    const response = reply.json().response;
    t.true(response.allowed, `${name}: ${JSON.stringify(response.status)}`);
    t.is(response.status, undefined, name);
    const patched = applyPatch(pod, response);
    t.truthy(proxyOf(patched), `${name}: injected`);
    t.true(Object.prototype.hasOwnProperty.call(patched.metadata.annotations, name), name);
    t.is(patched.metadata.annotations[name], 'x', name);
    t.is(patched.metadata.labels[name], 'y', name);
    t.truthy(patched.metadata.annotations['sidecar.istio.io/status'], name);
  }
  await s.webhook.shutdown();
});

test('an istio-proxy override with an exponent of -2e9 is canonicalised to 1e-9, as Kubernetes rounds it', async (t) => {
  const s = await start();
  const pod = simplePod({
    spec: {
      containers: [
        { name: 'app', image: 'demo:1' },
        { name: 'istio-proxy', image: 'auto', resources: { requests: { cpu: '1e-2000000000', memory: `0.${'0'.repeat(100_000)}1Mi` }, limits: { cpu: '1e2000000001' } } },
      ],
    },
    metadata: { name: 'app', namespace: 'default', annotations: { 'sidecar.istio.io/proxyCPU': '1e-2000000000' } },
  });
  const reply = await postReview(s.port, review(pod), { ca: cert.cert });
  t.is(reply.status, 200);
  const response = reply.json().response;
  t.true(response.allowed, JSON.stringify(response.status));
  const proxy = proxyOf(applyPatch(pod, response));
  t.deepEqual(proxy.resources, { requests: { cpu: '1e-9', memory: '1n' }, limits: { cpu: '1e2000000001' } });
  await s.webhook.shutdown();
});

test('a webhook process with a 64 MB heap answers hostile quantities and keeps serving', async (t) => {
  // Memory is what the old arithmetic ran out of (838 MB for 1e-300000000), so a small heap makes
  // the regression observable without timing anything.
  const proc = await startWebhookProcess(['--tls-cert-file', cert.certFile, '--tls-key-file', cert.keyFile], ['--max-old-space-size=64']);
  try {
    const hostile = simplePod({
      spec: { containers: [{ name: 'app', image: 'demo:1' }, { name: 'istio-proxy', image: 'auto', resources: { requests: { cpu: '1e-300000000' }, limits: { cpu: '1e-100000000' } } }] },
    });
    const replies = await Promise.all([
      postReview(proc.port, review(hostile, { uid: 'hostile' }), { ca: cert.cert, agent: false }),
      postReview(proc.port, review(simplePod(), { uid: 'plain' }), { ca: cert.cert, agent: false }),
    ]);
    for (const reply of replies) {
      t.is(reply.status, 200);
      t.true(reply.json().response.allowed);
    }
    const resources = proxyOf(applyPatch(hostile, replies[0]!.json().response)).resources;
    t.is(resources.requests.cpu, '1e-9');
    t.is(resources.limits.cpu, '1e-9');
    t.is((await postReview(proc.port, review(simplePod(), { uid: 'after' }), { ca: cert.cert, agent: false })).status, 200);
  } finally {
    proc.stop();
    await proc.exited;
  }
});
