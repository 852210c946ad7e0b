// The shared body of the commands that rewrite manifests (`inject`, `uninject`): read the inputs, run
// one processor over all their documents, report, and then write stdout, -o, --in-place or a --diff.
// Nothing is written (except the report) when any result is an error.
import { resolve } from 'node:path';
import { EXIT_ERROR, EXIT_OK, parseFlags, UsageError, write, type CommandIO } from './command.js';
import { configFlagOptions, runOptionsFromFlags } from './config-flags.js';
import { readInputs, skippedInputResults } from './read-inputs.js';
import { runStreams, type DocumentProcessor } from './run-streams.js';
import { emitReport, reportFlagOptions, reportRequest } from './report-output.js';
import { writeFileAtomic, writeFilesAtomic } from './write-atomic.js';
import { unifiedDiff } from '../report/unified-diff.js';
import { hasErrors } from '../process/result.js';

export const rewriteFlagsUsage = `Input and output:
  -f, --filename PATH       a file, a directory, or - (stdin); repeatable
  -o, --output FILE         write the result to FILE atomically instead of stdout
      --in-place            rewrite each input file that changes (atomically; all or none); unchanged files are not touched
      --force               replace read-only files too (-o / --in-place); symlinks are always written through
      --diff                print a unified diff of what would change instead of the manifests; writes nothing
  -q, --quiet               report errors only`;

export async function runRewriteCommand(name: string, args: string[], io: CommandIO, processor?: DocumentProcessor): Promise<number> {
  const values = parseFlags(args, {
    filename: { type: 'string', short: 'f', multiple: true },
    output: { type: 'string', short: 'o' },
    'in-place': { type: 'boolean' },
    diff: { type: 'boolean' },
    force: { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
    ...reportFlagOptions,
    ...configFlagOptions,
  });
  if (values.output !== undefined && values['in-place']) throw new UsageError('-o and --in-place cannot be combined');
  if (values.diff && (values.output !== undefined || values['in-place'])) throw new UsageError('--diff writes nothing; it cannot be combined with -o or --in-place');
  const files = values.filename ?? [];
  if (values['in-place'] && files.includes('-')) throw new UsageError('--in-place cannot rewrite stdin');
  const report = reportRequest(values, io.cwd, values.output !== undefined || values['in-place'] === true);
  const { options, results: pre, limits } = runOptionsFromFlags(values, io.cwd, io.env);
  const inputs = await readInputs(files, io, limits);
  const run = runStreams(inputs.files, options, io.cwd, { write: true, preResults: [...pre, ...skippedInputResults(inputs.warnings)], limits, processor });
  await emitReport(report, run.results, { io, command: name, quiet: values.quiet === true, lineOf: run.lineOf });
  if (hasErrors(run.results)) return EXIT_ERROR;
  if (values.diff) {
    await write(io.stdout, run.outputs.map((o) => unifiedDiff(o.input.text, o.text, `a/${o.input.display}`, `b/${o.input.display}`)).join(''));
    return EXIT_OK;
  }
  if (values['in-place']) {
    const targets = run.outputs.filter((o) => o.changed && o.input.path).map((o) => ({ path: o.input.path!, display: o.input.display, text: o.text }));
    writeFilesAtomic(targets, { force: values.force === true });
    return EXIT_OK;
  }
  const text = joinStreams(run.outputs.map((o) => o.text));
  if (values.output !== undefined) writeFileAtomic(resolve(io.cwd, values.output), text, { force: values.force === true, display: values.output });
  else await write(io.stdout, text);
  return EXIT_OK;
}

/** Concatenates several YAML streams into one, adding a separator only where one is missing. */
export function joinStreams(texts: readonly string[]): string {
  let out = '';
  for (const input of texts) {
    // A byte order mark is kept once, at the start of the joined stream.
    const text = out ? input.replace(/^\uFEFF/, '') : input;
    if (out && !out.endsWith('\n')) out += '\n';
    if (out && !/^---(\s|$)/.test(text)) out += '---\n';
    out += text;
  }
  return out;
}
