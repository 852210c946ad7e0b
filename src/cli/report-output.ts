// `--report text|json|sarif|junit` and `--report-file PATH|-`, shared by inject, check and uninject:
// the human text report goes to stderr (coloured on a TTY); a machine report goes to the report file,
// to stdout (`-`, where stdout is free) or, without a file, to stderr in place of the text.
import { resolve } from 'node:path';
import { UsageError, write, type CommandIO } from './command.js';
import { writeFileAtomic } from './write-atomic.js';
import { REPOSITORY_URL, VERSION } from './about.js';
import type { Result } from '../process/result.js';
import { toRecords, type LineLookup } from '../report/records.js';
import { formatTextReport, wantsColour } from '../report/format-text.js';
import { formatJsonReport } from '../report/format-json.js';
import { formatSarifReport } from '../report/format-sarif.js';
import { formatJunitReport } from '../report/format-junit.js';
import { isRunNote } from '../report/run-notes.js';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'junit'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const reportFlagOptions = {
  report: { type: 'string' },
  'report-file': { type: 'string' },
} as const;

export const reportFlagsUsage = `Report:
  --report FORMAT           text (default), json, sarif (SARIF 2.1.0, for GitHub code scanning) or junit
  --report-file PATH|-      write the report to PATH (atomically) or - (stdout); the text report still goes to stderr`;

export interface ReportRequest {
  format: ReportFormat;
  /** Absolute path, '-' for stdout, or undefined for stderr. */
  file?: string;
}

export function reportRequest(values: { report?: string; 'report-file'?: string }, cwd: string, stdoutFree: boolean): ReportRequest {
  const format = (values.report ?? 'text') as ReportFormat;
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--report must be one of ${REPORT_FORMATS.join(', ')}, not "${values.report}"`);
  const file = values['report-file'];
  if (file === '-' && !stdoutFree) throw new UsageError('--report-file - needs stdout, which holds the manifests here; give a file, or -o/--in-place');
  return file === undefined ? { format } : { format, file: file === '-' ? '-' : resolve(cwd, file) };
}

export interface ReportContext {
  io: CommandIO;
  command: string;
  quiet: boolean;
  lineOf?: LineLookup;
  /** Printed after the text report on stderr (e.g. check's verdict). */
  trailer?: string;
}

export async function emitReport(req: ReportRequest, results: readonly Result[], ctx: ReportContext): Promise<void> {
  const records = toRecords(results, ctx.lineOf);
  const machine = req.format !== 'text';
  if (!machine || req.file !== undefined) {
    const colour = wantsColour(ctx.io.stderr, ctx.io.env);
    await write(ctx.io.stderr, formatTextReport(records, results, { quiet: ctx.quiet, colour, summary: !ctx.quiet }) + (ctx.trailer ?? ''));
  }
  if (!machine && req.file === undefined) return;
  // Machine reports list workloads and problems; run notes are not workloads (JSON keeps them apart).
  const workloads = toRecords(results.filter((r) => !isRunNote(r)), ctx.lineOf);
  const notes = toRecords(results.filter(isRunNote));
  const text =
    req.format === 'json' ? formatJsonReport(workloads, results, ctx.command, notes)
    : req.format === 'sarif' ? formatSarifReport(workloads, { version: VERSION, informationUri: REPOSITORY_URL })
    : req.format === 'junit' ? formatJunitReport(workloads, ctx.command)
    : formatTextReport(records, results, { summary: true });
  if (req.file === '-') await write(ctx.io.stdout, text);
  else if (req.file !== undefined) writeFileAtomic(req.file, text);
  else await write(ctx.io.stderr, text);
}
