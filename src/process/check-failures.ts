// Check mode (`check` command, `mode: check` in the function config): nothing is written, and every
// workload that `inject` would change becomes an error result, so CI, pre-commit and kpt validators fail.
import type { Result } from './result.js';

const WOULD_CHANGE = new Set(['injected', 'reinjected']);

export function isStale(result: Result): boolean {
  return WOULD_CHANGE.has(result.tags?.reason ?? '');
}

/** The results with each stale workload raised to an error that says how to fix it. */
export function withCheckFailures(results: readonly Result[]): Result[] {
  return results.map((r) =>
    isStale(r) ? { ...r, severity: 'error', message: `${r.message} -- run 'inject-istio-sidecar inject' (or the function in inject mode) to fix` } : r,
  );
}
