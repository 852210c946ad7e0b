// The human-readable decision report on stderr where no --report flag applies (the kustomize exec
// plugin): one line per result, as in the text report of inject and check.
import type { Result } from '../process/result.js';
import { toRecords } from '../report/records.js';
import { formatTextReport } from '../report/format-text.js';

export function formatReport(results: readonly Result[], quiet: boolean): string {
  return formatTextReport(toRecords(results), results, { quiet });
}
