// `--report json`: the records and the counts, for scripts (like `istioctl analyze -o json`).
import type { ReportRecord } from './records.js';
import type { Result } from '../process/result.js';
import { countReasons, countSeverities } from './summary.js';

/** `notes`: the run's informational results (emulated Istio, config sources), as {reason, message}. */
export function formatJsonReport(records: readonly ReportRecord[], results: readonly Result[], command: string, notes: readonly ReportRecord[] = []): string {
  const counts: Record<string, number> = {};
  for (const c of countReasons(results)) counts[c.reason] = c.count;
  const report = {
    tool: 'inject-istio-sidecar',
    command,
    notes: notes.map((n) => ({ reason: n.reason, message: n.message })),
    records,
    summary: { ...countSeverities(results), reasons: counts },
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
