// SIGTERM under load (issue 9, finding 11): every request that reaches the webhook after the signal
// is answered, on keep-alive connections too, with `Connection: close` so clients move on; then the
// process exits 0.
import test from 'ava';
import { createWebhookServer } from '../../src/webhook/server.js';
import { fakeEngine, fakeSettings, makeCert, request, review, simplePod, sleep } from './helpers.js';
import { RawConnection, type RawReply } from './raw-connection.js';
import { startWebhookProcess } from './webhook-process.js';

const cert = makeCert();

const body = (uid: string) => JSON.stringify(review(simplePod(), { uid }));

function assertAdmitted(t: import('ava').ExecutionContext, reply: RawReply, uid: string): void {
  t.is(reply.status, 200, uid);
  const json = JSON.parse(reply.body);
  t.is(json.response.uid, uid);
  t.true(json.response.allowed, uid);
}

test('requests on keep-alive connections just after SIGTERM are all answered with Connection: close, then exit 0', async (t) => {
  const proc = await startWebhookProcess(['--tls-cert-file', cert.certFile, '--tls-key-file', cert.keyFile]);
  const connections = await Promise.all(Array.from({ length: 32 }, () => RawConnection.open(proc.port, { ca: cert.cert })));
  // Each connection served one request and is now idle, kept alive.
  const before = await Promise.all(connections.map((c, i) => c.request('/inject', body(`before-${i}`))));
  before.forEach((reply, i) => {
    assertAdmitted(t, reply, `before-${i}`);
    t.not(reply.headers.connection, 'close');
  });
  // One request is in flight (half its body sent) when the signal comes.
  const inFlight = await RawConnection.open(proc.port, { ca: cert.cert });
  const pending = inFlight.start('/inject', body('in-flight'), 30);
  await sleep(100);

  proc.child.kill('SIGTERM');
  await sleep(150);
  const after = await Promise.allSettled(connections.map((c, i) => c.request('/inject', body(`after-${i}`))));
  pending.finish();
  const failed = after.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason));
  t.deepEqual(failed, [], `${failed.length} of ${after.length} requests after SIGTERM failed`);
  after.forEach((r, i) => {
    if (r.status !== 'fulfilled') return;
    assertAdmitted(t, r.value, `after-${i}`);
    t.is(r.value.headers.connection, 'close');
  });
  const last = await pending.reply;
  assertAdmitted(t, last, 'in-flight');
  t.is(last.headers.connection, 'close');
  // The server closes each connection after that answer, and the process exits cleanly.
  await Promise.all([...connections, inFlight].map((c) => c.closed));
  t.is(await proc.exited, 0);
  const lines = proc.stderr().trim().split('\n').map((l) => JSON.parse(l));
  t.is(lines.filter((l) => l.msg === 'admission' && String(l.uid).startsWith('after-')).length, 32);
  t.true(lines.some((l) => l.msg === 'webhook stopped'));
});

test('during the drain new connections are answered, readiness fails; afterwards the listener is closed', async (t) => {
  const webhook = createWebhookServer({ tls: cert, settings: () => fakeSettings, engine: fakeEngine });
  const { port } = await webhook.listen(0, '127.0.0.1');
  const kept = await RawConnection.open(port, { ca: cert.cert });
  assertAdmitted(t, await kept.request('/inject', body('first')), 'first');
  const stopped = webhook.shutdown(5000, 400);
  let done = false;
  void stopped.then(() => { done = true; });
  await sleep(100);
  t.false(done);
  t.is((await request(port, '/ready', { ca: cert.cert, agent: false })).status, 503);
  const fresh = await RawConnection.open(port, { ca: cert.cert });
  const reply = await fresh.request('/inject', body('fresh'));
  assertAdmitted(t, reply, 'fresh');
  t.is(reply.headers.connection, 'close');
  const again = await kept.request('/inject', body('again'));
  assertAdmitted(t, again, 'again');
  t.is(again.headers.connection, 'close');
  await Promise.all([kept.closed, fresh.closed]);
  await stopped;
  await t.throwsAsync(RawConnection.open(port, { ca: cert.cert }), { code: 'ECONNREFUSED' });
});
