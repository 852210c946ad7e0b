// `/metrics` of a `--workers N` webhook: the whole server's counters, whichever worker a scrape
// reaches. Each worker keeps its own counters; the worker that takes a scrape asks the primary, which
// collects a fresh snapshot from every live worker and adds what workers that have since exited had
// counted, so the totals never go down when a worker is replaced (a counter reset would read as a
// burst to Prometheus' rate()). Workers also report every few seconds, so a worker that dies loses at
// most the counts since its last report.
import type { Worker } from 'node:cluster';
import { addSnapshots, emptySnapshot, isSnapshot, type MetricsSnapshot } from './metrics.js';

/** IPC messages; the `iis` prefix keeps them apart from anything else on the channel. */
const QUERY = 'iis-metrics-query';
const COLLECT = 'iis-metrics-collect';
const SNAPSHOT = 'iis-metrics-snapshot';
const TOTAL = 'iis-metrics-total';

/** How long the primary waits for a worker's fresh snapshot before using its last report. */
export const COLLECT_TIMEOUT_MS = 1_000;
/** How often a worker reports its counters unasked. */
export const REPORT_EVERY_MS = 5_000;

interface Message {
  t: string;
  id?: number;
  snapshot?: unknown;
}

function isMessage(v: unknown): v is Message {
  return typeof v === 'object' && v !== null && typeof (v as Message).t === 'string' && (v as Message).t.startsWith('iis-metrics-');
}

/** The primary's side: knows every worker's last snapshot and what exited workers counted. */
export class ClusterMetrics {
  private readonly last = new Map<Worker, MetricsSnapshot>();
  private retired = emptySnapshot();
  private nextId = 1;
  /** Collections in progress: the snapshots still awaited, by collection id. */
  private readonly pending = new Map<number, { waiting: Set<Worker>; done: () => void }>();

  constructor(private readonly live: () => Iterable<Worker>) {}

  /** Wires a newly forked worker. */
  attach(worker: Worker): void {
    worker.on('message', (msg: unknown) => {
      if (!isMessage(msg)) return;
      if (msg.t === SNAPSHOT && isSnapshot(msg.snapshot)) {
        this.last.set(worker, msg.snapshot);
        if (msg.id !== undefined) this.received(msg.id, worker);
      } else if (msg.t === QUERY && msg.id !== undefined) {
        const id = msg.id;
        this.collect().then((total) => send(worker, { t: TOTAL, id, snapshot: total }));
      }
    });
  }

  /** A worker exited: what it counted stays in the totals. */
  retire(worker: Worker): void {
    const last = this.last.get(worker);
    if (last) this.retired = addSnapshots(this.retired, last);
    this.last.delete(worker);
    for (const id of [...this.pending.keys()]) this.received(id, worker);
  }

  /** Fresh snapshots of every live worker (the last report of one that does not answer in time), plus the retired. */
  collect(): Promise<MetricsSnapshot> {
    const id = this.nextId++;
    const workers = [...this.live()];
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.pending.delete(id);
        let total = this.retired;
        for (const w of workers) {
          const s = this.last.get(w);
          if (s) total = addSnapshots(total, s);
        }
        resolve(total);
      };
      const timer = setTimeout(finish, COLLECT_TIMEOUT_MS);
      timer.unref();
      this.pending.set(id, { waiting: new Set(workers), done: finish });
      for (const w of workers) if (!send(w, { t: COLLECT, id })) this.received(id, w);
      if (workers.length === 0) finish();
    });
  }

  private received(id: number, worker: Worker): void {
    const p = this.pending.get(id);
    if (!p) return;
    p.waiting.delete(worker);
    if (p.waiting.size === 0) p.done();
  }
}

function send(worker: Worker, msg: Message): boolean {
  if (!worker.isConnected()) return false;
  try {
    worker.send(msg);
    return true;
  } catch {
    return false;
  }
}

/** The channel of a worker to its primary (process.send / process.on('message')). */
export interface PrimaryChannel {
  send(msg: Message): boolean;
  on(event: 'message', listener: (msg: unknown) => void): void;
  off(event: 'message', listener: (msg: unknown) => void): void;
}

/** This process's channel to its cluster primary. */
export function primaryChannel(): PrimaryChannel {
  return {
    send: (msg) => (process.send ? process.send(msg) : false),
    on: (event, listener) => void process.on(event, listener),
    off: (event, listener) => void process.off(event, listener),
  };
}

/**
 * The worker's side: answers the primary's collections, reports every REPORT_EVERY_MS, and returns the
 * whole cluster's snapshot for this worker's `/metrics` (rejecting when the primary does not answer).
 * `stop()` ends the reports.
 */
export function workerMetrics(local: () => MetricsSnapshot, channel: PrimaryChannel, timeoutMs = 2 * COLLECT_TIMEOUT_MS): {
  total(): Promise<MetricsSnapshot>;
  stop(): void;
} {
  let nextId = 1;
  const waiting = new Map<number, (s: MetricsSnapshot) => void>();
  const onMessage = (msg: unknown) => {
    if (!isMessage(msg) || msg.id === undefined) return;
    if (msg.t === COLLECT) channel.send({ t: SNAPSHOT, id: msg.id, snapshot: local() });
    else if (msg.t === TOTAL && isSnapshot(msg.snapshot)) waiting.get(msg.id)?.(msg.snapshot);
  };
  channel.on('message', onMessage);
  const report = setInterval(() => channel.send({ t: SNAPSHOT, snapshot: local() }), REPORT_EVERY_MS);
  report.unref();
  return {
    total() {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error('the webhook primary did not answer with the workers\' metrics'));
        }, timeoutMs);
        waiting.set(id, (s) => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve(s);
        });
        if (!channel.send({ t: QUERY, id })) {
          clearTimeout(timer);
          waiting.delete(id);
          reject(new Error('no channel to the webhook primary'));
        }
      });
    },
    stop() {
      clearInterval(report);
      channel.off('message', onMessage);
    },
  };
}
