// `inject`: read manifests, write them back with the sidecar injected where Istio would inject it.
import { resolve } from 'node:path';
import { EXIT_ERROR, EXIT_OK, parseFlags, UsageError, write, type Command } from '../command.js';
import { configFlagOptions, configFlagsUsage, runOptionsFromFlags } from '../config-flags.js';
import { readInputs, skippedInputResults } from '../read-inputs.js';
import { runStreams } from '../run-streams.js';
import { formatReport } from '../report.js';
import { writeFileAtomic, writeFilesAtomic } from '../write-atomic.js';
import { hasErrors } from '../../process/result.js';

const usage = `Usage: inject-istio-sidecar inject -f PATH|- [-f PATH ...] [-o FILE | --in-place] [flags]

Reads Kubernetes manifests (files, directories of *.yaml/*.yml, or - for stdin) and writes them with the
Istio sidecar injected into every workload Istio's webhook would inject. Documents that are not changed
come out byte for byte as they were. A decision report goes to stderr.

Input and output:
  -f, --filename PATH       a file, a directory, or - (stdin); repeatable
  -o, --output FILE         write the result to FILE atomically instead of stdout
      --in-place            rewrite each input file that changes (atomically; all or none); unchanged files are not touched
      --force               replace read-only files too (-o / --in-place); symlinks are always written through
  -q, --quiet               report errors only
${configFlagsUsage}

Exit codes: 0 ok, 1 injection or validation error (nothing is written), 2 usage error.`;

export const command: Command = {
  name: 'inject',
  summary: 'write manifests with the Istio sidecar injected',
  usage,
  async run(args, io) {
    const values = parseFlags(args, {
      filename: { type: 'string', short: 'f', multiple: true },
      output: { type: 'string', short: 'o' },
      'in-place': { type: 'boolean' },
      force: { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
      ...configFlagOptions,
    });
    if (values.output !== undefined && values['in-place']) throw new UsageError('-o and --in-place cannot be combined');
    const files = values.filename ?? [];
    if (values['in-place'] && files.includes('-')) throw new UsageError('--in-place cannot rewrite stdin');
    const { options, results: pre, limits } = runOptionsFromFlags(values, io.cwd, io.env);
    const inputs = await readInputs(files, io, limits);
    const run = runStreams(inputs.files, options, io.cwd, true, [...pre, ...skippedInputResults(inputs.warnings)], limits);
    await write(io.stderr, formatReport(run.results, values.quiet === true));
    if (hasErrors(run.results)) return EXIT_ERROR;
    if (values['in-place']) {
      const targets = run.outputs.filter((o) => o.changed && o.input.path).map((o) => ({ path: o.input.path!, display: o.input.display, text: o.text }));
      writeFilesAtomic(targets, { force: values.force === true });
      return EXIT_OK;
    }
    const text = joinStreams(run.outputs.map((o) => o.text));
    if (values.output !== undefined) writeFileAtomic(resolve(io.cwd, values.output), text, { force: values.force === true, display: values.output });
    else await write(io.stdout, text);
    return EXIT_OK;
  },
};

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
