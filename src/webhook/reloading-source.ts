// A value built from files that is rebuilt when their contents change, keeping the last good value
// when a new one cannot be built (half-written file, bad config): serving never stops for a typo.
// New bytes are used only once they have read the same twice, `settleMs` apart, so a file caught
// while it is being rewritten in place (empty, or cut after a line) is never served.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DEFAULT_WATCH, watchFiles, type FileWatch, type WatchOptions } from './watch-files.js';

export interface ReloadEvents<T> {
  onReload?: (value: T) => void;
  onReject?: (error: Error) => void;
  /** How long changed bytes must read the same before use, until start() sets it from its options. */
  settleMs?: number;
}

export class ReloadingSource<T> {
  private value: T;
  private fingerprint: string;
  private watch: FileWatch | undefined;
  /** Changed bytes seen once, waiting for a second identical read. */
  private candidate: { fingerprint: string; at: number } | undefined;
  private settleMs: number = DEFAULT_WATCH.settleMs;
  private confirmTimer: NodeJS.Timeout | undefined;

  /** Builds the first value now; an error here is the caller's to report (startup fails). */
  constructor(
    private readonly paths: readonly string[],
    private readonly build: (contents: Map<string, string>) => T,
    private readonly events: ReloadEvents<T> = {},
  ) {
    const contents = readAll(paths);
    this.value = build(contents);
    this.fingerprint = fingerprintOf(contents);
    this.settleMs = events.settleMs ?? DEFAULT_WATCH.settleMs;
  }

  get current(): T {
    return this.value;
  }

  start(options: WatchOptions = {}): this {
    this.settleMs = options.settleMs ?? this.settleMs;
    if (this.paths.length > 0) this.watch ??= watchFiles(this.paths, () => this.check(), options);
    return this;
  }

  stop(): void {
    this.watch?.close();
    this.watch = undefined;
    clearTimeout(this.confirmTimer);
    this.confirmTimer = undefined;
  }

  /**
   * Re-reads the files. Bytes that differ from the value's become a candidate; a later check at
   * least `settleMs` after it that reads the same bytes rebuilds the value (once started, that
   * check is scheduled here). Returns whether the value was replaced.
   */
  check(): boolean {
    let contents: Map<string, string>;
    try {
      contents = readAll(this.paths);
    } catch (err) {
      this.candidate = undefined;
      this.events.onReject?.(err as Error);
      return false;
    }
    const fp = fingerprintOf(contents);
    if (fp === this.fingerprint) {
      this.candidate = undefined;
      return false;
    }
    const now = Date.now();
    if (this.candidate?.fingerprint !== fp) {
      this.candidate = { fingerprint: fp, at: now };
      this.confirmLater(this.settleMs);
      return false;
    }
    if (now - this.candidate.at < this.settleMs) {
      this.confirmLater(this.candidate.at + this.settleMs - now);
      return false;
    }
    this.candidate = undefined;
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

  private confirmLater(ms: number): void {
    if (!this.watch || this.confirmTimer) return;
    this.confirmTimer = setTimeout(() => {
      this.confirmTimer = undefined;
      this.check();
    }, ms);
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
