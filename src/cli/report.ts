// The human-readable decision report on stderr: one line per result.
import { describeRef, type Result } from '../process/result.js';

export function formatResult(r: Result): string {
  const where = r.resourceRef ? `${describeRef(r.resourceRef)}` : r.tags?.reason === 'skipped/input' ? 'input' : 'config';
  const file = r.file ? ` (${r.file.path}${r.file.index !== undefined ? `#${r.file.index}` : ''})` : '';
  const reason = r.tags?.reason ? ` [${r.tags.reason}]` : '';
  return `${r.severity.padEnd(7)} ${where}${file}${reason}: ${r.message}`;
}

export function formatReport(results: readonly Result[], quiet: boolean): string {
  const shown = quiet ? results.filter((r) => r.severity === 'error') : results;
  return shown.map((r) => `${formatResult(r)}\n`).join('');
}
