// Remembered answers for repeated admissions. The pods one ReplicaSet, Job or DaemonSet creates
// reach the webhook as the same AdmissionReview apart from `request.uid` (names are generated after
// mutating admission), so a scale-up to N replicas asks the same question N times. The answer is a
// pure function of the review, the Settings and the path parameters, so it can be reused with the
// new uid put in; everything else (logs, metrics) still happens per request.
//
// Key: the request body with its single occurrence of the uid replaced by NUL. A valid JSON text
// has no raw NUL, so two keys are equal only when the bodies are equal outside that one spot; if
// the spot is the request uid the bodies differ only there, and if it is somewhere else the request
// uid's own text is shared, so the bodies are identical. A body whose uid text occurs zero or
// several times (escaped, or repeated inside the pod) is simply not remembered.
import type { Settings } from '../config/types.js';

export interface MemoLimits {
  /** Answers kept (least recently used go first); 0 turns the memo off. */
  maxEntries: number;
  /** Larger bodies are never remembered: the key is the body itself. */
  maxBodyBytes: number;
}

export const DEFAULT_MEMO_LIMITS: MemoLimits = { maxEntries: 256, maxBodyBytes: 64 * 1024 };

export class AdmissionMemo<T> {
  private readonly entries = new Map<string, T>();
  private settings: Settings | undefined;
  hits = 0;

  constructor(readonly limits: MemoLimits = DEFAULT_MEMO_LIMITS) {}

  /** The key of this review, or undefined when it must not be remembered. `context`: what else the answer depends on. */
  keyOf(body: string, uid: string, context: string): string | undefined {
    if (this.limits.maxEntries <= 0 || uid === '' || body.length > this.limits.maxBodyBytes) return undefined;
    const at = body.indexOf(uid);
    if (at < 0 || body.indexOf(uid, at + 1) >= 0) return undefined;
    return `${context}\u0000${body.slice(0, at)}\u0000${body.slice(at + uid.length)}`;
  }

  get(settings: Settings, key: string): T | undefined {
    if (settings !== this.settings) return undefined;
    const found = this.entries.get(key);
    if (found === undefined) return undefined;
    // Most recently used last, so eviction takes the first.
    this.entries.delete(key);
    this.entries.set(key, found);
    this.hits++;
    return found;
  }

  set(settings: Settings, key: string, value: T): void {
    if (settings !== this.settings) {
      // A reload: every remembered answer was computed from the old configuration.
      this.entries.clear();
      this.settings = settings;
    }
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.limits.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}
