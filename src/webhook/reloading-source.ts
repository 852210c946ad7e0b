// A value built from files that is rebuilt when their contents change, keeping the last good value
// when a new one cannot be built (half-written file, bad config): serving never stops for a typo.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { watchFiles, type FileWatch, type WatchOptions } from './watch-files.js';

export interface ReloadEvents<T> {
  onReload?: (value: T) => void;
  onReject?: (error: Error) => void;
}

export class ReloadingSource<T> {
  private value: T;
  private fingerprint: string;
  private watch: FileWatch | undefined;

  /** Builds the first value now; an error here is the caller's to report (startup fails). */
  constructor(
    private readonly paths: readonly string[],
    private readonly build: (contents: Map<string, string>) => T,
    private readonly events: ReloadEvents<T> = {},
  ) {
    const contents = readAll(paths);
    this.value = build(contents);
    this.fingerprint = fingerprintOf(contents);
  }

  get current(): T {
    return this.value;
  }

  start(options?: WatchOptions): this {
    if (this.paths.length > 0) this.watch ??= watchFiles(this.paths, () => this.check(), options);
    return this;
  }

  stop(): void {
    this.watch?.close();
    this.watch = undefined;
  }

  /** Re-reads the files; rebuilds only when their bytes changed. Returns whether the value was replaced. */
  check(): boolean {
    let contents: Map<string, string>;
    try {
      contents = readAll(this.paths);
    } catch (err) {
      this.events.onReject?.(err as Error);
      return false;
    }
    const fp = fingerprintOf(contents);
    if (fp === this.fingerprint) return false;
    let next: T;
    try {
      next = this.build(contents);
    } catch (err) {
      // Remember the rejected bytes so the same bad file is reported once, not on every poll.
      this.fingerprint = fp;
      this.events.onReject?.(err as Error);
      return false;
    }
    this.fingerprint = fp;
    this.value = next;
    this.events.onReload?.(next);
    return true;
  }
}

function readAll(paths: readonly string[]): Map<string, string> {
  const contents = new Map<string, string>();
  for (const p of paths) {
    try {
      contents.set(p, readFileSync(p, 'utf8'));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new Error(`cannot read ${p}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
    }
  }
  return contents;
}

function fingerprintOf(contents: Map<string, string>): string {
  const h = createHash('sha256');
  for (const [p, text] of contents) h.update(p).update('\0').update(text).update('\0');
  return h.digest('hex');
}
