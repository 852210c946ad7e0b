// Informational results about the run itself (which Istio was emulated, where the config came from,
// that the cluster's webhooks decided selection) rather than about a workload. The text report shows
// them; summary counts and the per-workload records of the machine reports leave them out, so a count
// of reasons is a count of workloads and every JSON/JUnit record is a workload or a real problem.
import type { Result } from '../process/result.js';

export function isRunNote(r: Result): boolean {
  return r.severity === 'info' && r.resourceRef === undefined;
}

/** The results that describe workloads or problems (what summaries count and machine reports list). */
export function withoutRunNotes(results: readonly Result[]): Result[] {
  return results.filter((r) => !isRunNote(r));
}
