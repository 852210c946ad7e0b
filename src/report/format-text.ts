// The human-readable report: one line per record and a summary line; colour only when asked (a TTY
// without NO_COLOR), so logs and pipes stay plain.
import type { ReportRecord } from './records.js';
import type { Result } from '../process/result.js';
import { summaryLine } from './summary.js';

const COLOURS: Record<ReportRecord['severity'], string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[2m' };
const RESET = '\x1b[0m';

export function formatRecord(r: ReportRecord, colour = false): string {
  const where = r.resource ?? 'config';
  const at = r.file === undefined ? '' : r.line !== undefined ? `${r.file}:${r.line}` : r.index !== undefined ? `${r.file}#${r.index}` : r.file;
  const file = at ? ` (${at})` : '';
  const severity = r.severity.padEnd(7);
  const shown = colour ? `${COLOURS[r.severity]}${severity}${RESET}` : severity;
  return `${shown} ${where}${file} [${r.reason}]: ${r.message}`;
}

export function formatTextReport(records: readonly ReportRecord[], results: readonly Result[], opts: { quiet?: boolean; colour?: boolean; summary?: boolean }): string {
  const shown = opts.quiet ? records.filter((r) => r.severity === 'error') : records;
  let out = shown.map((r) => `${formatRecord(r, opts.colour)}\n`).join('');
  if (opts.summary) out += `summary: ${summaryLine(results)}\n`;
  return out;
}

/** Colour when the stream is a terminal and NO_COLOR (https://no-color.org) is unset or empty. */
export function wantsColour(stream: NodeJS.WritableStream, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return (stream as NodeJS.WriteStream).isTTY === true;
}
