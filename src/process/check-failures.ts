// Check mode (`check` command, `mode: check` in the function config): nothing is written, and every
// workload whose manifest is not what `inject` would leave becomes an error result with one of three
// reason codes, so CI, pre-commit and kpt validators fail:
//   missing    — it would be injected and carries no sidecar
//   stale      — it carries a sidecar built from another configuration
//   unexpected — it carries a sidecar but would not be injected (allowUnexpected makes this a warning)
import type { Result } from './result.js';

export type CheckReason = 'missing' | 'stale' | 'unexpected';

export interface CheckRules {
  /** An injected workload that would not be injected is a warning, not a failure. */
  allowUnexpected?: boolean;
}

/** The tag processDocuments puts on a skipped workload that still carries an injection. */
export const CARRIES_SIDECAR_TAG = 'sidecar';

const RENAMED = new Map<string, CheckReason>([
  ['injected', 'missing'],
  ['reinjected', 'stale'],
]);

/** The check reason of a result, if it is a check failure (or an allowed unexpected sidecar). */
export function checkReason(result: Result): CheckReason | undefined {
  const reason = result.tags?.reason ?? '';
  if (reason === 'missing' || reason === 'stale' || reason === 'unexpected') return reason;
  return undefined;
}

/**
 * The results with each out-of-date workload renamed to its check reason and raised to an error that
 * says how to fix it; `fix` is how the user fixes a missing/stale (resp. unexpected) sidecar.
 */
export function withCheckFailures(
  results: readonly Result[],
  rules: CheckRules = {},
  fix: { inject: string; uninject: string } = {
    inject: "run 'inject-istio-sidecar inject' (or the function in inject mode)",
    uninject: "run 'inject-istio-sidecar uninject', or enable injection for it",
  },
): Result[] {
  return results.map((r) => {
    const reason = r.tags?.reason ?? '';
    const renamed = RENAMED.get(reason);
    if (renamed) return { ...r, severity: 'error', message: `${r.message} -- ${fix.inject} to fix`, tags: { ...r.tags, reason: renamed } };
    if (r.tags?.[CARRIES_SIDECAR_TAG] === 'present' && reason.startsWith('skipped/')) {
      const severity = rules.allowUnexpected ? 'warning' : 'error';
      return { ...r, severity, message: `${r.message} -- ${fix.uninject}`, tags: { ...r.tags, reason: 'unexpected', decision: reason } };
    }
    return r;
  });
}
