// Noticing that mounted files changed. fs.watch alone is not enough: Kubernetes replaces Secret
// and ConfigMap mounts by swapping a `..data` symlink (events arrive on the directory, not the
// file), some filesystems send no events at all, and writers produce bursts. So: watch the
// directories, poll as a fallback, debounce each file on its own, and let the caller compare contents.
//
// The debounce of a file is bounded: however often it (or anything else) keeps changing, it is
// reported at most `maxDelayMs` after its first unreported event. Events naming other files in the
// directory are ignored, so a busy neighbour (a log, a lock file) cannot hold back a certificate.
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

export interface WatchOptions {
  /** Quiet time after the last event on a file before it is reported (default 100 ms). */
  debounceMs?: number;
  /** Longest a file's report may be postponed by further events (default 1 s). */
  maxDelayMs?: number;
  /** Every file is reported this often whatever the events say (default 1.5 s). */
  pollMs?: number;
  /** How long a changed file must read the same before it is used (see ReloadingSource; default 100 ms). */
  settleMs?: number;
}

export const DEFAULT_WATCH = { debounceMs: 100, maxDelayMs: 1_000, pollMs: 1_500, settleMs: 100 } as const;

export interface FileWatch {
  close(): void;
}

/** Calls `onChange(path)` (debounced per file, never later than maxDelayMs) whenever a file may have changed. */
export function watchFiles(paths: readonly string[], onChange: (path: string) => void, options: WatchOptions = {}): FileWatch {
  const debounceMs = options.debounceMs ?? DEFAULT_WATCH.debounceMs;
  const maxDelayMs = Math.max(options.maxDelayMs ?? DEFAULT_WATCH.maxDelayMs, debounceMs);
  const pollMs = options.pollMs ?? DEFAULT_WATCH.pollMs;
  let closed = false;
  const pending = new Map<string, { firstEventAt: number; timer: NodeJS.Timeout }>();
  const report = (path: string) => {
    pending.delete(path);
    if (!closed) onChange(path);
  };
  const trigger = (path: string) => {
    if (closed) return;
    const now = Date.now();
    const state = pending.get(path);
    const firstEventAt = state?.firstEventAt ?? now;
    if (state) clearTimeout(state.timer);
    const delay = Math.max(0, Math.min(debounceMs, firstEventAt + maxDelayMs - now));
    pending.set(path, { firstEventAt, timer: setTimeout(() => report(path), delay) });
  };

  const byDir = new Map<string, string[]>();
  for (const p of new Set(paths)) byDir.set(dirname(p), [...(byDir.get(dirname(p)) ?? []), p]);
  const watchers: FSWatcher[] = [];
  for (const [dir, files] of byDir) {
    const onEvent = (_event: string, filename: string | Buffer | null) => {
      const name = filename === null ? undefined : String(filename);
      // No name, or kubelet's `..data`/`..<timestamp>` swap: any file of the directory may have changed.
      if (name === undefined || name.startsWith('..')) for (const f of files) trigger(f);
      else for (const f of files) if (basename(f) === name) trigger(f);
    };
    try {
      const w = watch(dir, { persistent: false }, onEvent);
      // A vanished or unwatchable directory is covered by polling.
      w.on('error', () => w.close());
      watchers.push(w);
    } catch {
      // Polling still runs.
    }
  }
  const poll = setInterval(() => {
    for (const p of new Set(paths)) if (!pending.has(p)) report(p);
  }, pollMs);
  poll.unref();
  return {
    close() {
      closed = true;
      for (const { timer } of pending.values()) clearTimeout(timer);
      pending.clear();
      clearInterval(poll);
      for (const w of watchers) w.close();
    },
  };
}
