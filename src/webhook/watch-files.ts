// Noticing that mounted files changed. fs.watch alone is not enough: Kubernetes replaces Secret
// and ConfigMap mounts by swapping a `..data` symlink (events arrive on the directory, not the
// file), some filesystems send no events at all, and writers produce bursts. So: watch the
// directories, poll as a fallback, debounce, and let the caller compare contents.
import { watch, type FSWatcher } from 'node:fs';
import { dirname } from 'node:path';

export interface WatchOptions {
  debounceMs?: number;
  pollMs?: number;
}

export interface FileWatch {
  close(): void;
}

/** Calls `onChange` (debounced) whenever something in the files' directories may have changed. */
export function watchFiles(paths: readonly string[], onChange: () => void, options: WatchOptions = {}): FileWatch {
  const debounceMs = options.debounceMs ?? 100;
  const pollMs = options.pollMs ?? 2_000;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const trigger = () => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (!closed) onChange();
    }, debounceMs);
  };
  const watchers: FSWatcher[] = [];
  for (const dir of new Set(paths.map((p) => dirname(p)))) {
    try {
      const w = watch(dir, { persistent: false }, trigger);
      // A vanished or unwatchable directory is covered by polling.
      w.on('error', () => w.close());
      watchers.push(w);
    } catch {
      // Polling still runs.
    }
  }
  const poll = setInterval(trigger, pollMs);
  poll.unref();
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      clearInterval(poll);
      for (const w of watchers) w.close();
    },
  };
}
