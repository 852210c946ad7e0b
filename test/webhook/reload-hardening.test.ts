// Hot reload under hostile timing (issue 9, finding 6): a neighbour file changing every few
// milliseconds must not postpone a reload, a file rewritten in place must never be served
// half-written, and an empty file keeps the last good configuration with a log line saying why.
import test from 'ava';
import { closeSync, mkdtempSync, openSync, writeFileSync, writeSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coreEngine } from '../../src/webhook/engine.js';
import { startWebhook } from '../../src/webhook/start-webhook.js';
import { watchFiles } from '../../src/webhook/watch-files.js';
import type { LogEntry } from '../../src/webhook/server.js';
import { applyReviewPatch, makeCert, postReview, review, simplePod, sleep, until as pollUntil } from './helpers.js';

const until = (cond: () => boolean | Promise<boolean>, ms = 8000) => pollUntil(cond, ms);

/** Rewrites `file` every `everyMs` until stopped. */
function noise(file: string, everyMs: number): () => void {
  let n = 0;
  const timer = setInterval(() => writeFileSync(file, `tick ${n++}\n`), everyMs);
  return () => clearInterval(timer);
}

const values = (hub: string) => `global:\n  tag: "1.0"\n  hub: ${hub}\n`;

async function startIn(dir: string, cert: { certFile: string; keyFile: string }, logs: LogEntry[], watch: Parameters<typeof startWebhook>[0]['watch']) {
  const running = await startWebhook({
    port: 0, host: '127.0.0.1', tlsCertFile: cert.certFile, tlsKeyFile: cert.keyFile,
    configFiles: { valuesFile: join(dir, 'values') }, settingsFlags: { revision: 'default' },
    engine: coreEngine, log: (e) => logs.push(e), watch,
  });
  return running;
}

function proxyImageVia(port: number, ca: string[] | string, agent: https.Agent | false) {
  return async () => {
    const pod = simplePod();
    const reply = await postReview(port, review(pod), { ca, agent });
    if (reply.status !== 200 || !reply.json().response.allowed) throw new Error(`request failed: ${reply.status} ${reply.body}`);
    const patched = await applyReviewPatch(pod, reply.json().response);
    return [...(patched.spec.initContainers ?? []), ...patched.spec.containers].find((c: any) => c.name === 'istio-proxy').image as string;
  };
}

test('watchFiles reports a file within maxDelayMs even while events keep coming, and ignores other files', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'watch-'));
  const file = join(dir, 'tls.crt');
  writeFileSync(file, 'a');
  const seen: string[] = [];
  const w = watchFiles([file], (p) => seen.push(p), { debounceMs: 100, maxDelayMs: 300, pollMs: 60_000 });
  await sleep(50);
  // A neighbour changing every 10 ms is not a change of tls.crt.
  const stopNeighbour = noise(join(dir, 'access.log'), 10);
  await sleep(600);
  t.deepEqual(seen, []);
  // The watched file itself (or a `..data` swap) changing every 10 ms is still reported, bounded by maxDelayMs.
  const stopSelf = noise(file, 10);
  const stopSwap = noise(join(dir, '..data_tmp'), 10);
  const reported = await until(() => seen.length >= 2, 5000);
  stopSelf();
  stopSwap();
  stopNeighbour();
  w.close();
  t.true(reported, `reports while the file kept changing: ${seen.length}`);
  t.true(seen.every((p) => p === file));
});

test.serial('a neighbour file rewritten every 20 ms postpones neither a configuration nor a certificate reload', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'noisy-mount-'));
  const certs = [makeCert('first', mkdtempSync(join(tmpdir(), 'c1-'))), makeCert('second', mkdtempSync(join(tmpdir(), 'c2-')))];
  const cert = { certFile: join(dir, 'tls.crt'), keyFile: join(dir, 'tls.key') };
  writeFileSync(cert.certFile, certs[0]!.cert);
  writeFileSync(cert.keyFile, certs[0]!.key);
  writeFileSync(join(dir, 'values'), values('registry.example/one'));
  const logs: LogEntry[] = [];
  // No polling to fall back on: only events and the bounded debounce.
  const running = await startIn(dir, cert, logs, { debounceMs: 100, maxDelayMs: 500, pollMs: 600_000, settleMs: 50 });
  const ca = [certs[0]!.cert, certs[1]!.cert];
  const image = proxyImageVia(running.address.port, ca, false);
  t.is(await image(), 'registry.example/one/proxyv2:1.0');
  const stopNoise = [noise(join(dir, 'noise'), 20), noise(join(dir, '..noise'), 20)];
  try {
    await sleep(300);
    writeFileSync(join(dir, 'values'), values('registry.example/two'));
    writeFileSync(cert.keyFile, certs[1]!.key);
    writeFileSync(cert.certFile, certs[1]!.cert);
    t.true(await until(async () => (await image()) === 'registry.example/two/proxyv2:1.0'), 'configuration reloaded while the neighbour kept changing');
    t.true(await until(() => logs.some((e) => e.msg === 'TLS certificate reloaded')), 'certificate reloaded while the neighbour kept changing');
    const reply = await postReview(running.address.port, review(simplePod()), { ca: certs[1]!.cert, agent: false });
    t.is(reply.status, 200);
  } finally {
    for (const stop of stopNoise) stop();
    await running.shutdown(1000);
  }
});

test.serial('a values file rewritten in place is never served half-written; an empty one keeps the last good configuration', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'inplace-'));
  const cert = makeCert();
  const file = join(dir, 'values');
  writeFileSync(file, values('registry.example/one'));
  const logs: LogEntry[] = [];
  // The old watcher read 20 ms after the last event, in the writer's pause between its two writes.
  const running = await startIn(dir, cert, logs, { debounceMs: 20, maxDelayMs: 500, pollMs: 200, settleMs: 250 });
  const agent = new https.Agent({ keepAlive: true, maxSockets: 4 });
  const image = proxyImageVia(running.address.port, cert.cert, agent);
  const images = new Map<string, number>();
  let done = false;
  const worker = async () => {
    while (!done) {
      const i = await image();
      images.set(i, (images.get(i) ?? 0) + 1);
    }
  };
  const workers = Array.from({ length: 3 }, worker);
  // In place, like `>` in a shell: truncate, a first part that is valid YAML on its own (hub
  // missing, so Istio's default hub), a pause, then the rest.
  for (let round = 0; round < 6; round++) {
    const text = values(round % 2 === 0 ? 'registry.example/two' : 'registry.example/one');
    const cut = text.indexOf('  hub:');
    const fd = openSync(file, 'w');
    await sleep(30);
    writeSync(fd, text.slice(0, cut));
    await sleep(40);
    writeSync(fd, text.slice(cut));
    closeSync(fd);
    await sleep(400);
  }
  t.true(await until(() => images.has('registry.example/two/proxyv2:1.0')));
  done = true;
  await Promise.all(workers);
  t.deepEqual([...images.keys()].filter((i) => !i.startsWith('registry.example/')), [], JSON.stringify([...images]));
  t.true(logs.filter((e) => e.msg === 'configuration reloaded').length >= 2);

  // Emptied and left empty: refused with the reason, the last good configuration stays.
  const last = await image();
  writeFileSync(file, '');
  t.true(await until(() => logs.some((e) => e.msg === 'configuration change rejected; keeping the last good configuration' && /values: the file is empty/.test(String(e.error)))));
  t.is(await image(), last);
  agent.destroy();
  await running.shutdown(1000);
});
