// The one-line summary of a run: counts per reason code, errors first, so a CI log or kpt's stderr
// says at a glance what happened without repeating every result.
import type { Result } from '../process/result.js';
import { isRunNote } from './run-notes.js';

export interface ReasonCount {
  reason: string;
  count: number;
}

/** Counts per reason code (a result without one counts as its severity), in first-seen order; run notes
 * (isRunNote) are not workloads and are not counted. */
export function countReasons(results: readonly Result[]): ReasonCount[] {
  const counts = new Map<string, number>();
  for (const r of results) {
    if (isRunNote(r)) continue;
    const reason = r.tags?.reason ?? r.severity;
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts].map(([reason, count]) => ({ reason, count }));
}

export function countSeverities(results: readonly Result[]): { error: number; warning: number; info: number } {
  const out = { error: 0, warning: 0, info: 0 };
  for (const r of results) if (!isRunNote(r)) out[r.severity] += 1;
  return out;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** e.g. `2 errors, 1 warning; 3 injected, 2 skipped/namespace-not-enabled, 1 error/invalid-annotation`. */
export function summaryLine(results: readonly Result[]): string {
  const s = countSeverities(results);
  const reasons = countReasons(results).map((c) => `${c.count} ${c.reason}`).join(', ');
  return `${plural(s.error, 'error')}, ${plural(s.warning, 'warning')}; ${reasons || 'no workloads'}`;
}
