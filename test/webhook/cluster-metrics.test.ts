// Metrics across --workers: the primary's ClusterMetrics and each worker's workerMetrics, wired
// through in-memory channels that stand for cluster IPC (the real processes: workers.test.ts).
import test from 'ava';
import { EventEmitter } from 'node:events';
import type { Worker } from 'node:cluster';
import { ClusterMetrics, COLLECT_TIMEOUT_MS, workerMetrics, type PrimaryChannel } from '../../src/webhook/cluster-metrics.js';
import { addSnapshots, emptySnapshot, renderMetrics, WebhookMetrics, type MetricsSnapshot } from '../../src/webhook/metrics.js';

/** A fake worker: the primary's Worker handle and the worker's channel, joined like cluster IPC (asynchronously). */
function fakeWorker(answers = true): { handle: Worker; channel: PrimaryChannel; metrics: WebhookMetrics; connected: boolean } {
  const toPrimary = new EventEmitter();
  const toWorker = new EventEmitter();
  const w = {
    connected: true,
    metrics: new WebhookMetrics(),
    handle: Object.assign(toPrimary, {
      isConnected: () => w.connected,
      send: (msg: unknown) => { if (answers) setImmediate(() => toWorker.emit('message', structuredClone(msg))); return true; },
    }) as unknown as Worker,
    channel: {
      send: (msg: unknown) => { setImmediate(() => toPrimary.emit('message', structuredClone(msg))); return true; },
      on: (e: 'message', l: (m: unknown) => void) => void toWorker.on(e, l),
      off: (e: 'message', l: (m: unknown) => void) => void toWorker.off(e, l),
    } satisfies PrimaryChannel,
  };
  return w;
}

type FakeWorker = ReturnType<typeof fakeWorker>;

/** A primary over `workers` (all live), each with its worker-side view of the cluster's metrics. */
function wire(...workers: FakeWorker[]) {
  const live = new Set(workers.map((w) => w.handle));
  const primary = new ClusterMetrics(() => live);
  const join = (w: FakeWorker) => {
    live.add(w.handle);
    primary.attach(w.handle);
    return workerMetrics(() => w.metrics.snapshot(), w.channel);
  };
  const views = workers.map(join);
  return { live, primary, views, join, stop: () => views.forEach((v) => v.stop()) };
}

function count(m: WebhookMetrics, n: number, skipReason?: string): void {
  for (let i = 0; i < n; i++) {
    m.countRequest();
    if (skipReason) m.countSkip(skipReason);
    m.countSuccess();
    m.observeSeconds(0.002);
  }
}

test('a scrape on any worker reports the sum of every worker', async (t) => {
  const a = fakeWorker();
  const b = fakeWorker();
  const cluster = wire(a, b);
  const [wa, wb] = cluster.views as [ReturnType<typeof workerMetrics>, ReturnType<typeof workerMetrics>];
  try {
    count(a.metrics, 3);
    count(b.metrics, 5, 'namespace-not-enabled');
    const expected = addSnapshots(a.metrics.snapshot(), b.metrics.snapshot());
    t.deepEqual(await wa.total(), expected);
    t.deepEqual(await wb.total(), expected);
    const text = renderMetrics(await wb.total());
    t.regex(text, /^sidecar_injection_requests_total 8$/m);
    t.regex(text, /^sidecar_injection_skip_total\{reason="namespace-not-enabled"\} 5$/m);
    t.regex(text, /^sidecar_injection_time_seconds_count 8$/m);
    t.regex(text, /^sidecar_injection_time_seconds_bucket\{le="0.0025"\} 8$/m);
  } finally {
    cluster.stop();
  }
});

test('what an exited worker counted stays in the totals (no counter reset when a worker is replaced)', async (t) => {
  const a = fakeWorker();
  const b = fakeWorker();
  const cluster = wire(a, b);
  const [wa, wb] = cluster.views as [ReturnType<typeof workerMetrics>, ReturnType<typeof workerMetrics>];
  try {
    count(a.metrics, 2);
    count(b.metrics, 7);
    t.is((await wa.total()).requests, 9);
    // b dies; a replacement c starts from zero.
    wb.stop();
    b.connected = false;
    cluster.live.delete(b.handle);
    cluster.primary.retire(b.handle);
    const c = fakeWorker();
    const wc = cluster.join(c);
    count(c.metrics, 1);
    t.is((await wc.total()).requests, 10);
    t.is((await wa.total()).requests, 10);
    wc.stop();
  } finally {
    cluster.stop();
  }
});

test('a worker that does not answer is counted with its last report, after the collection timeout', async (t) => {
  const a = fakeWorker();
  const mute = fakeWorker(false);
  const cluster = wire(a, mute);
  const wa = cluster.views[0]!;
  try {
    count(a.metrics, 1);
    const reported: MetricsSnapshot = { ...emptySnapshot(), requests: 4 };
    mute.channel.send({ t: 'iis-metrics-snapshot', snapshot: reported });
    const started = Date.now();
    t.is((await wa.total()).requests, 5);
    t.true(Date.now() - started >= COLLECT_TIMEOUT_MS - 50);
  } finally {
    cluster.stop();
  }
});

test('a worker whose primary does not answer rejects, so /metrics answers 503 instead of partial counts', async (t) => {
  const channel: PrimaryChannel = { send: () => true, on: () => {}, off: () => {} };
  const w = workerMetrics(() => emptySnapshot(), channel, 50);
  await t.throwsAsync(w.total(), { message: /did not answer/ });
  w.stop();
  const none = workerMetrics(() => emptySnapshot(), { ...channel, send: () => false });
  await t.throwsAsync(none.total(), { message: /no channel/ });
  none.stop();
});

test('messages that are not well-formed snapshots are ignored', async (t) => {
  const a = fakeWorker();
  const cluster = wire(a);
  const wa = cluster.views[0]!;
  try {
    count(a.metrics, 2);
    for (const bad of [{ t: 'iis-metrics-snapshot', snapshot: { requests: 'x' } }, { t: 'iis-metrics-snapshot', snapshot: { ...emptySnapshot(), buckets: [1] } }, 'text', null]) {
      a.channel.send(bad as never);
    }
    t.is((await wa.total()).requests, 2);
  } finally {
    cluster.stop();
  }
});
