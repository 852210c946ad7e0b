// The HTTPS server over real TLS on loopback: routes, versions, limits, bad input, timeouts,
// metrics, logs and graceful shutdown. The core is replaced by a fake engine here.
import test from 'ava';
import net from 'node:net';
import tls from 'node:tls';
import https from 'node:https';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createWebhookServer, type LogEntry, type ServerLimits } from '../../src/webhook/server.js';
import { applyReviewPatch, fakeEngine, fakeSettings, makeCert, postReview, request, review, simplePod } from './helpers.js';

const cert = makeCert();
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

async function start(limits: Partial<ServerLimits> = {}) {
  const logs: LogEntry[] = [];
  const webhook = createWebhookServer({ tls: cert, settings: () => fakeSettings, engine: fakeEngine, log: (e) => logs.push(e), limits });
  const { port } = await webhook.listen(0, '127.0.0.1');
  return { webhook, port, logs, ca: cert.cert };
}

test('POST /inject over TLS answers v1 and v1beta1 reviews in kind', async (t) => {
  const s = await start();
  for (const version of ['v1', 'v1beta1'] as const) {
    const pod = simplePod();
    const reply = await postReview(s.port, review(pod, { version, uid: `u-${version}` }), { ca: s.ca });
    t.is(reply.status, 200);
    t.is(reply.headers['content-type'], 'application/json');
    const body = reply.json();
    t.is(body.apiVersion, `admission.k8s.io/${version}`);
    t.is(body.response.uid, `u-${version}`);
    const patched = await applyReviewPatch(pod, body.response);
    t.is(patched.spec.containers.at(-1).name, 'istio-proxy');
  }
  await s.webhook.shutdown();
});

test('path parameters become proxy env', async (t) => {
  const s = await start();
  const pod = simplePod();
  const reply = await postReview(s.port, review(pod), { ca: s.ca, path: '/inject/cluster/c9/net/n2?timeout=10s' });
  const patched = await applyReviewPatch(pod, reply.json().response);
  t.deepEqual(patched.spec.containers.at(-1).env, [
    { name: 'ISTIO_META_CLUSTER_ID', value: 'c9' },
    { name: 'ISTIO_META_NETWORK', value: 'n2' },
  ]);
  await s.webhook.shutdown();
});

test('health, readiness and 404/405', async (t) => {
  const s = await start();
  t.is((await request(s.port, '/ready', { ca: s.ca })).status, 200);
  t.is((await request(s.port, '/healthz', { ca: s.ca })).status, 200);
  t.is((await request(s.port, '/nope', { ca: s.ca })).status, 404);
  const get = await request(s.port, '/inject', { ca: s.ca });
  t.is(get.status, 405);
  t.is(get.headers.allow, 'POST');
  t.is((await request(s.port, '/metrics', { method: 'POST', ca: s.ca, body: 'x' })).status, 405);
  await s.webhook.shutdown();
});

test('metrics count requests, successes, skips and failures with reasons', async (t) => {
  const s = await start();
  await postReview(s.port, review(simplePod()), { ca: s.ca });
  await postReview(s.port, review(simplePod({ metadata: { name: 'p', labels: { skip: 'true' } } })), { ca: s.ca });
  await postReview(s.port, review(simplePod({ metadata: { name: 'p', annotations: { fail: 'x' } } })), { ca: s.ca });
  await postReview(s.port, '{bad', { ca: s.ca });
  await postReview(s.port, review(simplePod()), { ca: s.ca, headers: { 'Content-Type': 'text/plain' } });
  const text = (await request(s.port, '/metrics', { ca: s.ca })).body;
  t.regex(text, /^sidecar_injection_requests_total 5$/m);
  t.regex(text, /^sidecar_injection_success_total 4$/m);
  t.regex(text, /^sidecar_injection_skip_total\{reason="skipped\/pod-opt-out"\} 1$/m);
  t.regex(text, /^sidecar_injection_failure_total\{reason="error\/invalid-annotation"\} 1$/m);
  t.regex(text, /^sidecar_injection_failure_total\{reason="decode"\} 1$/m);
  t.regex(text, /^sidecar_injection_failure_total\{reason="content-type"\} 1$/m);
  t.regex(text, /^sidecar_injection_time_seconds_count 5$/m);
  t.regex(text, /^sidecar_injection_time_seconds_bucket\{le="\+Inf"\} 5$/m);
  t.regex(text, /^# TYPE sidecar_injection_time_seconds histogram$/m);
  await s.webhook.shutdown();
});

test('one structured log line per admission request', async (t) => {
  const s = await start();
  await postReview(s.port, review(simplePod(), { uid: 'log-uid', namespace: 'shop' }), { ca: s.ca });
  const entries = s.logs.filter((e) => e.msg === 'admission');
  t.is(entries.length, 1);
  const e = entries[0];
  t.is(e.uid, 'log-uid');
  t.is(e.namespace, 'default'); // the pod's own namespace wins over the request's
  t.is(e.pod, 'app');
  t.is(e.decision, 'injected');
  t.is(typeof e.duration_ms, 'number');
  await s.webhook.shutdown();
});

test('wrong content type is 415', async (t) => {
  const s = await start();
  for (const type of ['text/plain', 'application/yaml', 'application/json; charset=latin1']) {
    const reply = await postReview(s.port, review(simplePod()), { ca: s.ca, headers: { 'Content-Type': type } });
    t.is(reply.status, 415, type);
    t.regex(reply.body, /invalid Content-Type .*want `application\/json`/);
  }
  const ok = await postReview(s.port, review(simplePod()), { ca: s.ca, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
  t.is(ok.status, 200);
  await s.webhook.shutdown();
});

test('empty body is 400 no body found', async (t) => {
  const s = await start();
  const reply = await postReview(s.port, '', { ca: s.ca });
  t.is(reply.status, 400);
  t.regex(reply.body, /no body found/);
  await s.webhook.shutdown();
});

test('malformed JSON and a review without request are 400 AdmissionReview-shaped', async (t) => {
  const s = await start();
  const bad = await postReview(s.port, '{"kind": ', { ca: s.ca });
  t.is(bad.status, 400);
  t.false(bad.json().response.allowed);
  t.regex(bad.json().response.status.message, /not valid JSON/);
  const noRequest = await postReview(s.port, { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' }, { ca: s.ca });
  t.is(noRequest.status, 400);
  t.is(noRequest.json().apiVersion, 'admission.k8s.io/v1');
  t.regex(noRequest.json().response.status.message, /has no request/);
  await s.webhook.shutdown();
});

test('body over the limit is 413 (declared length and streamed chunks) and the server keeps serving', async (t) => {
  const s = await start({ maxBodyBytes: 1024 });
  const big = JSON.stringify(review(simplePod({ pad: 'x'.repeat(2000) })));
  const declared = await postReview(s.port, big, { ca: s.ca });
  t.is(declared.status, 413);
  t.regex(declared.body, /request entity too large: the limit is 1024 bytes/);
  // Chunked upload without a Content-Length.
  const streamed = await new Promise<number>((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port: s.port, path: '/inject', method: 'POST', ca: s.ca, servername: 'localhost',
      headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } }, (res) => { res.resume(); resolve(res.statusCode!); });
    req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' || (e as NodeJS.ErrnoException).code === 'EPIPE' ? resolve(-1) : reject(e)));
    for (let i = 0; i < 10; i++) req.write('x'.repeat(500));
    req.end();
  });
  t.true(streamed === 413 || streamed === -1, `status ${streamed}`);
  t.is((await postReview(s.port, review(simplePod()), { ca: s.ca })).status, 200);
  t.regex((await request(s.port, '/metrics', { ca: s.ca })).body, /sidecar_injection_failure_total\{reason="body-too-large"\} 2/);
  await s.webhook.shutdown();
});

test('the default body limit is 6 MiB', async (t) => {
  const s = await start();
  const pod = simplePod();
  (pod.metadata as any).annotations = { pad: 'x'.repeat(6 * 1024 * 1024) };
  const reply = await postReview(s.port, review(pod), { ca: s.ca });
  t.is(reply.status, 413);
  t.regex(reply.body, /limit is 6291456 bytes/);
  (pod.metadata as any).annotations = { pad: 'x'.repeat(5 * 1024 * 1024) };
  t.is((await postReview(s.port, review(pod), { ca: s.ca })).status, 200);
  await s.webhook.shutdown();
});

test.serial('slow headers are cut off by the headers timeout', async (t) => {
  const s = await start({ headersTimeoutMs: 300, requestTimeoutMs: 600, timeoutCheckIntervalMs: 100 });
  const socket = tls.connect({ host: '127.0.0.1', port: s.port, ca: s.ca, servername: 'localhost' });
  await new Promise((r) => socket.once('secureConnect', r));
  socket.write('POST /inject HTTP/1.1\r\nHost: x\r\n'); // never finishes the headers
  const started = Date.now();
  const received = await new Promise<string>((resolve) => {
    let data = '';
    socket.on('data', (d) => (data += d));
    socket.on('close', () => resolve(data));
    socket.on('error', () => {});
  });
  t.true(Date.now() - started < 3000);
  t.regex(received, /^HTTP\/1.1 408/);
  await s.webhook.shutdown();
});

test.serial('a slow body is cut off by the request timeout', async (t) => {
  const s = await start({ headersTimeoutMs: 300, requestTimeoutMs: 600, timeoutCheckIntervalMs: 100 });
  const socket = tls.connect({ host: '127.0.0.1', port: s.port, ca: s.ca, servername: 'localhost' });
  await new Promise((r) => socket.once('secureConnect', r));
  socket.write('POST /inject HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{');
  const closed = await new Promise<boolean>((resolve) => {
    socket.resume();
    socket.on('close', () => resolve(true));
    socket.on('error', () => {});
    setTimeout(() => resolve(false), 8000);
  });
  t.true(closed);
  t.is((await postReview(s.port, review(simplePod()), { ca: s.ca })).status, 200);
  await s.webhook.shutdown();
});

test('a client that disconnects mid-body does not disturb the server', async (t) => {
  const s = await start();
  for (let i = 0; i < 20; i++) {
    const socket = tls.connect({ host: '127.0.0.1', port: s.port, ca: s.ca, servername: 'localhost' });
    await new Promise((r) => socket.once('secureConnect', r));
    socket.write('POST /inject HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"a":');
    socket.destroy();
  }
  t.is((await postReview(s.port, review(simplePod()), { ca: s.ca })).status, 200);
  await new Promise((r) => setTimeout(r, 50));
  t.is(s.webhook.inFlight(), 0);
  await s.webhook.shutdown();
});

test('TLS below 1.2 is refused', async (t) => {
  const s = await start();
  const err = await new Promise<Error | undefined>((resolve) => {
    const socket = tls.connect({ host: '127.0.0.1', port: s.port, ca: s.ca, servername: 'localhost', minVersion: 'TLSv1', maxVersion: 'TLSv1.1' }, () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.on('error', resolve);
  });
  t.truthy(err, 'a TLS 1.1 handshake must fail');
  const ok = await new Promise<string>((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port: s.port, ca: s.ca, servername: 'localhost', maxVersion: 'TLSv1.2' }, () => {
      resolve(socket.getProtocol() ?? '');
      socket.destroy();
    });
    socket.on('error', reject);
  });
  t.is(ok, 'TLSv1.2');
  await s.webhook.shutdown();
});

test('garbage instead of a TLS handshake does not crash the server', async (t) => {
  const s = await start();
  const socket = net.connect(s.port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  socket.write('GET / HTTP/1.1\r\n\r\n' + '\x00'.repeat(1000));
  await new Promise((r) => { socket.on('close', r); socket.on('error', r); });
  t.is((await postReview(s.port, review(simplePod()), { ca: s.ca })).status, 200);
  await s.webhook.shutdown();
});

test('many bad requests do not grow memory', async (t) => {
  const s = await start({ maxBodyBytes: 64 * 1024 });
  const agent = new https.Agent({ keepAlive: true, maxSockets: 8, ca: s.ca });
  const junk = ['{bad', '[]', JSON.stringify(review('x')), JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' }), 'x'.repeat(70 * 1024)];
  const round = async () => {
    await Promise.all(Array.from({ length: 200 }, (_, i) => postReview(s.port, junk[i % junk.length], { agent, ca: s.ca }).catch(() => undefined)));
  };
  await round();
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 5; i++) await round();
  gc();
  const after = process.memoryUsage().heapUsed;
  // 1000 requests with up to 70 KiB each: a leak of the bodies would be tens of MiB.
  t.true(after - before < 20 * 1024 * 1024, `heap grew by ${(after - before) / 1024 / 1024} MiB`);
  t.is(s.webhook.inFlight(), 0);
  agent.destroy();
  await s.webhook.shutdown();
});

test.serial('shutdown finishes in-flight requests, refuses new connections', async (t) => {
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => (release = r));
  const slowEngine = { ...fakeEngine };
  const logs: LogEntry[] = [];
  const webhook = createWebhookServer({ tls: cert, settings: () => fakeSettings, engine: slowEngine, log: (e) => logs.push(e) });
  const { port } = await webhook.listen(0, '127.0.0.1');
  // Start a request whose body arrives late, so it is in flight when shutdown begins.
  const body = JSON.stringify(review(simplePod()));
  const inFlight = new Promise<number>((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port, path: '/inject', method: 'POST', ca: cert.cert, servername: 'localhost',
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode!)); });
    req.on('error', reject);
    req.write(body.slice(0, 10));
    gate.then(() => req.end(body.slice(10)));
  });
  for (let i = 0; i < 100 && webhook.inFlight() === 0; i++) await new Promise((r) => setTimeout(r, 20));
  t.is(webhook.inFlight(), 1);
  const down = webhook.shutdown(5000);
  await new Promise((r) => setTimeout(r, 50));
  await t.throwsAsync(request(port, '/ready', { ca: cert.cert }));
  release();
  t.is(await inFlight, 200);
  await down;
  t.false(webhook.server.listening);
});

test('a non-JSON log-safe 500 when the handler itself throws', async (t) => {
  const logs: LogEntry[] = [];
  const webhook = createWebhookServer({ tls: cert, settings: () => { throw new Error('settings exploded'); }, engine: fakeEngine, log: (e) => logs.push(e) });
  const { port } = await webhook.listen(0, '127.0.0.1');
  const reply = await postReview(port, review(simplePod()), { ca: cert.cert });
  t.is(reply.status, 500);
  t.true(logs.some((e) => e.level === 'error' && String(e.error).includes('settings exploded')));
  t.is((await request(port, '/healthz', { ca: cert.cert })).status, 200);
  await webhook.shutdown();
});

test('plain HTTP mode behind a TLS terminator', async (t) => {
  const webhook = createWebhookServer({ settings: () => fakeSettings, engine: fakeEngine });
  const { port } = await webhook.listen(0, '127.0.0.1');
  const reply = await postReview(port, review(simplePod()), { insecure: true });
  t.is(reply.status, 200);
  t.throws(() => webhook.setCertificate(cert), { message: /without TLS/ });
  await webhook.shutdown();
});

test.serial('connections that never send a request, or never finish the TLS handshake, are closed', async (t) => {
  const s = await start({ headersTimeoutMs: 300, requestTimeoutMs: 600, timeoutCheckIntervalMs: 100, handshakeTimeoutMs: 500 });
  const closedWithin = (socket: net.Socket, ms: number) => new Promise<boolean>((resolve) => {
    socket.resume();
    socket.on('error', () => {});
    socket.on('close', () => resolve(true));
    setTimeout(() => resolve(false), ms);
  });
  const idle = tls.connect({ host: '127.0.0.1', port: s.port, ca: s.ca, servername: 'localhost' });
  const silent = net.connect(s.port, '127.0.0.1');
  const [a, b] = await Promise.all([closedWithin(idle, 5000), closedWithin(silent, 5000)]);
  t.true(a, 'idle TLS connection closed');
  t.true(b, 'connection without a handshake closed');
  await s.webhook.shutdown();
});
