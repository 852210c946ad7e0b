// `webhook --workers N`: a node:cluster primary that forks N copies of the single-process webhook,
// all accepting on one listening port. It serves nothing itself: it forwards SIGTERM/SIGINT (the
// workers drain as one process would), restarts a worker that dies, adds up the workers' metrics for
// whichever worker a scrape reaches, and exits when they are gone.
import cluster, { type Worker } from 'node:cluster';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClusterMetrics } from './cluster-metrics.js';

/** Set in a worker's environment; the `webhook` command then serves instead of forking again. */
export const WORKER_ENV = 'INJECT_ISTIO_SIDECAR_WEBHOOK_WORKER';

export function isWebhookWorker(): boolean {
  return cluster.isWorker && process.env[WORKER_ENV] === '1';
}

export interface RestartLimit {
  /** At most this many restarts ... */
  restarts: number;
  /** ... within this window; one more and the primary gives up (the kubelet restarts the pod). */
  windowMs: number;
}

export interface ClusterOptions {
  workers: number;
  /** The `webhook` command's arguments, given to each worker. */
  args: string[];
  cwd: string;
  /** The workers' drain; the primary waits that long plus `graceMs` before killing one that hangs. */
  drainMs: number;
  graceMs?: number;
  restartLimit?: RestartLimit;
  log: (entry: Record<string, unknown>) => void;
  /** The program a worker runs (default: this package's bin/inject-istio-sidecar.js). */
  exec?: string;
}

export const DEFAULT_RESTART_LIMIT: RestartLimit = { restarts: 10, windowMs: 60_000 };

/** Resolves with the exit code: 0 after a signalled, drained stop; 1 when start-up or restarts fail. */
export function runClusterPrimary(options: ClusterOptions): Promise<number> {
  const { log } = options;
  const limit = options.restartLimit ?? DEFAULT_RESTART_LIMIT;
  const graceMs = options.graceMs ?? 25_000;
  cluster.setupPrimary({ exec: options.exec ?? programPath(), args: ['webhook', ...options.args], cwd: options.cwd, execArgv: workerExecArgv() });

  return new Promise((resolve) => {
    const live = new Set<Worker>();
    // /metrics of any worker reports every worker's counts (cluster-metrics.ts).
    const metrics = new ClusterMetrics(() => live);
    const listening = new Set<Worker>();
    const restarts: number[] = [];
    let started = false;
    let stopping: string | undefined;
    let exitCode = 0;

    const fork = () => {
      const worker = cluster.fork({ [WORKER_ENV]: '1' });
      live.add(worker);
      metrics.attach(worker);
      worker.on('listening', (address) => {
        listening.add(worker);
        if (!started && listening.size === options.workers) {
          started = true;
          log({ level: 'info', msg: 'webhook workers listening', workers: options.workers, port: address.port });
        }
      });
      worker.on('exit', (code, signal) => onExit(worker, code, signal));
    };

    const stopAll = (signal: NodeJS.Signals) => {
      for (const w of live) w.process.kill(signal);
      // A worker that outlives its drain and grace is stuck; the pod's own grace would end it anyway.
      setTimeout(() => { for (const w of live) w.process.kill('SIGKILL'); }, options.drainMs + graceMs + 1_000).unref();
    };

    const finish = () => {
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      resolve(exitCode);
    };

    const onExit = (worker: Worker, code: number | null, signal: string | null) => {
      live.delete(worker);
      metrics.retire(worker);
      const wasListening = listening.delete(worker);
      if (stopping !== undefined) {
        // A worker still starting when the signal came dies of it before installing its handler;
        // it had nothing to drain, so that is a clean stop too.
        if (code !== 0 && !(signal === stopping && !wasListening)) exitCode = 1;
        if (live.size === 0) finish();
        return;
      }
      log({ level: 'error', msg: 'webhook worker exited', worker: worker.id, pid: worker.process.pid, code, signal });
      if (!started) {
        // A worker that cannot start (port taken, ...) means none can: stop, like one process would.
        stopping = 'start-up failure';
        exitCode = 1;
        stopAll('SIGTERM');
        if (live.size === 0) finish();
        return;
      }
      const now = Date.now();
      while (restarts.length > 0 && restarts[0]! <= now - limit.windowMs) restarts.shift();
      if (restarts.length >= limit.restarts) {
        log({ level: 'error', msg: 'webhook workers keep crashing; stopping', restarts: restarts.length, window_ms: limit.windowMs });
        stopping = 'restart limit';
        exitCode = 1;
        stopAll('SIGTERM');
        if (live.size === 0) finish();
        return;
      }
      restarts.push(now);
      fork();
    };

    const stop = (signal: NodeJS.Signals) => {
      if (stopping !== undefined) return;
      stopping = signal;
      log({ level: 'info', msg: 'shutting down', signal, workers: live.size, drain_ms: options.drainMs });
      stopAll(signal);
    };
    const onTerm = () => stop('SIGTERM');
    const onInt = () => stop('SIGINT');
    process.on('SIGTERM', onTerm);
    process.on('SIGINT', onInt);
    for (let i = 0; i < options.workers; i++) fork();
  });
}

/**
 * The package's bin script, found from this module's place in the package (dist/src/webhook/ or
 * the bundle in dist/bundle/): the primary may itself run under `node -e` or a test runner.
 */
function programPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'bin', 'inject-istio-sidecar.js');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`cannot find bin/inject-istio-sidecar.js above ${fileURLToPath(import.meta.url)} to start webhook workers`);
}

/** The primary's Node flags (heap size, --cpu-prof, ...) minus an `-e`/`-p` script and its input type. */
function workerExecArgv(): string[] {
  const out: string[] = [];
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-e' || a === '--eval' || a === '-p' || a === '--print' || a === '--input-type') { i++; continue; }
    if (a.startsWith('--eval=') || a.startsWith('--print=') || a.startsWith('--input-type=')) continue;
    out.push(a);
  }
  return out;
}
