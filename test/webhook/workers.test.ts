// `webhook --workers 2` as a real process: a cluster primary and two workers sharing the port.
// Admissions are answered by both, a killed worker is replaced, a changed values file is reloaded
// in every worker, and SIGTERM drains keep-alive connections with `Connection: close`.
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyReviewPatch, makeCert, postReview, request, review, simplePod, sleep, until as pollUntil } from './helpers.js';
import { RawConnection } from './raw-connection.js';
import { startWebhookProcess, type WebhookProcess } from './webhook-process.js';

const cert = makeCert();
const until = (cond: () => boolean | Promise<boolean>, ms = 15_000) => pollUntil(cond, ms, 50);

function logLines(proc: WebhookProcess): Record<string, any>[] {
  return proc.stderr().trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

/** The pids of workers that have logged `webhook listening`, in order. */
function listeningPids(proc: WebhookProcess): number[] {
  return logLines(proc).filter((l) => l.msg === 'webhook listening').map((l) => l.pid as number);
}

async function startTwo(extra: string[] = []): Promise<WebhookProcess> {
  const proc = await startWebhookProcess(['--workers', '2', '--tls-cert-file', cert.certFile, '--tls-key-file', cert.keyFile, ...extra]);
  if (!(await until(() => listeningPids(proc).length >= 2))) throw new Error(`two workers did not start: ${proc.stderr()}`);
  return proc;
}

/** Sends `n` admissions, each on a fresh connection; returns the pid that logged each uid. */
async function admit(proc: WebhookProcess, prefix: string, n: number): Promise<Map<string, number>> {
  for (let i = 0; i < n; i++) {
    const reply = await postReview(proc.port, review(simplePod(), { uid: `${prefix}-${i}` }), { ca: cert.cert, agent: false });
    if (reply.status !== 200 || reply.json().response.allowed !== true) throw new Error(`${prefix}-${i}: ${reply.status} ${reply.body}`);
  }
  await until(() => logLines(proc).filter((l) => l.msg === 'admission' && String(l.uid).startsWith(`${prefix}-`)).length === n, 5000);
  return new Map(logLines(proc).filter((l) => l.msg === 'admission' && String(l.uid).startsWith(`${prefix}-`)).map((l) => [l.uid, l.pid]));
}

test('both workers answer admissions; a killed worker is replaced and serving continues', async (t) => {
  const proc = await startTwo();
  try {
    const [first, second] = listeningPids(proc);
    t.not(first, second);
    const served = await admit(proc, 'a', 8);
    t.is(served.size, 8);
    t.deepEqual([...new Set(served.values())].sort(), [first!, second!].sort(), 'fresh connections are spread over both workers');

    process.kill(first!, 'SIGKILL');
    t.true(await until(() => listeningPids(proc).length === 3), 'a replacement worker starts');
    const replacement = listeningPids(proc)[2]!;
    t.false([first, second].includes(replacement));
    const exitLog = logLines(proc).find((l) => l.msg === 'webhook worker exited');
    t.is(exitLog?.pid, first);
    t.is(exitLog?.signal, 'SIGKILL');
    const after = await admit(proc, 'b', 8);
    t.is(after.size, 8);
    t.deepEqual([...new Set(after.values())].sort(), [second!, replacement].sort());
    const patched = await postReview(proc.port, review(simplePod(), { uid: 'c' }), { ca: cert.cert, agent: false });
    const pod = await applyReviewPatch(simplePod(), patched.json().response);
    t.true(pod.spec.initContainers.some((c: { name: string }) => c.name === 'istio-proxy') || pod.spec.containers.some((c: { name: string }) => c.name === 'istio-proxy'));
  } finally {
    proc.stop();
  }
});

test('a changed values file is reloaded in every worker', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'workers-values-'));
  const valuesFile = join(dir, 'values.json');
  const values = (hub: string) => JSON.stringify({ global: { hub, tag: '1.0' } });
  writeFileSync(valuesFile, values('registry.example/one'));
  const proc = await startTwo(['--valuesFile', valuesFile]);
  try {
    const proxyImages = async (n: number) => {
      const images = new Set<string>();
      for (let i = 0; i < n; i++) {
        const reply = await postReview(proc.port, review(simplePod(), { uid: `img-${i}` }), { ca: cert.cert, agent: false });
        const pod = await applyReviewPatch(simplePod(), reply.json().response);
        const all = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
        images.add(all.find((c: { name: string }) => c.name === 'istio-proxy').image);
      }
      return images;
    };
    t.deepEqual(await proxyImages(6), new Set(['registry.example/one/proxyv2:1.0']));
    writeFileSync(valuesFile, values('registry.example/two'));
    const reloads = () => new Set(logLines(proc).filter((l) => l.msg === 'configuration reloaded').map((l) => l.pid));
    t.true(await until(() => reloads().size === 2), `both workers log the reload: ${proc.stderr()}`);
    t.deepEqual([...reloads()].sort(), listeningPids(proc).sort());
    t.deepEqual(await proxyImages(8), new Set(['registry.example/two/proxyv2:1.0']));
  } finally {
    proc.stop();
  }
});

test('SIGTERM: every worker drains keep-alive connections with Connection: close, then the primary exits 0', async (t) => {
  const proc = await startTwo(['--drain-seconds', '1']);
  const body = (uid: string) => JSON.stringify(review(simplePod(), { uid }));
  const connections = await Promise.all(Array.from({ length: 8 }, () => RawConnection.open(proc.port, { ca: cert.cert })));
  const before = await Promise.all(connections.map((c, i) => c.request('/inject', body(`before-${i}`))));
  for (const reply of before) {
    t.is(reply.status, 200);
    t.not(reply.headers.connection, 'close');
  }
  const beforePids = new Set(logLines(proc).filter((l) => l.msg === 'admission').map((l) => l.pid));
  t.is(beforePids.size, 2, 'the kept-alive connections are held by both workers');

  proc.child.kill('SIGTERM');
  await sleep(200);
  const after = await Promise.all(connections.map((c, i) => c.request('/inject', body(`after-${i}`))));
  after.forEach((reply, i) => {
    t.is(reply.status, 200);
    t.is(JSON.parse(reply.body).response.uid, `after-${i}`);
    t.is(reply.headers.connection, 'close');
  });
  await Promise.all(connections.map((c) => c.closed));
  t.is(await proc.exited, 0);
  const lines = logLines(proc);
  t.is(lines.filter((l) => l.msg === 'webhook stopped').length, 2);
  t.true(lines.some((l) => l.msg === 'shutting down' && l.workers === 2 && l.pid === undefined), 'the primary forwards the signal');
  t.false(lines.some((l) => l.msg === 'webhook worker exited'), 'no worker counts as crashed during the stop');
});

test('/metrics reports every worker\'s admissions, whichever worker takes the scrape, and keeps them when a worker is replaced', async (t) => {
  const proc = await startTwo();
  try {
    const served = await admit(proc, 'm', 8);
    t.is(new Set(served.values()).size, 2, 'the admissions went to both workers');
    const scrape = async () => {
      const reply = await request(proc.port, '/metrics', { ca: cert.cert, agent: false });
      t.is(reply.status, 200);
      return Number(/^sidecar_injection_requests_total (\d+)$/m.exec(reply.body)?.[1]);
    };
    // Fresh connections alternate between the workers.
    for (let i = 0; i < 4; i++) t.is(await scrape(), 8);
    const [first] = listeningPids(proc);
    process.kill(first!, 'SIGKILL');
    t.true(await until(() => listeningPids(proc).length === 3), 'a replacement worker starts');
    for (let i = 0; i < 4; i++) t.is(await scrape(), 8);
    await admit(proc, 'n', 2);
    t.is(await scrape(), 10);
  } finally {
    proc.stop();
  }
});
