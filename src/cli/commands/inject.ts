// `inject`: read manifests, write them back with the sidecar injected where Istio would inject it.
import { resolve } from 'node:path';
import { EXIT_ERROR, EXIT_OK, parseFlags, UsageError, write, type Command } from '../command.js';
import { configFlagOptions, configFlagsUsage, runOptionsFromFlags } from '../config-flags.js';
import { readInputs } from '../read-inputs.js';
import { runStreams } from '../run-streams.js';
import { emitReport, reportFlagOptions, reportFlagsUsage, reportRequest } from '../report-output.js';
import { unifiedDiff } from '../../report/unified-diff.js';
import { writeFileAtomic } from '../write-atomic.js';
import { hasErrors } from '../../process/result.js';

const usage = `Usage: inject-istio-sidecar inject -f PATH|- [-f PATH ...] [-o FILE | --in-place] [flags]

Reads Kubernetes manifests (files, directories of *.yaml/*.yml, or - for stdin) and writes them with the
Istio sidecar injected into every workload Istio's webhook would inject. Documents that are not changed
come out byte for byte as they were. A decision report goes to stderr.

Input and output:
  -f, --filename PATH       a file, a directory, or - (stdin); repeatable
  -o, --output FILE         write the result to FILE atomically instead of stdout
      --in-place            rewrite each input file that changes (atomically); unchanged files are not touched
      --diff                print a unified diff of what would change instead of the manifests; writes nothing
  -q, --quiet               report errors only
${reportFlagsUsage}
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
      diff: { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
      ...reportFlagOptions,
      ...configFlagOptions,
    });
    if (values.output !== undefined && values['in-place']) throw new UsageError('-o and --in-place cannot be combined');
    if (values.diff && (values.output !== undefined || values['in-place'])) throw new UsageError('--diff writes nothing; it cannot be combined with -o or --in-place');
    const files = values.filename ?? [];
    if (values['in-place'] && files.includes('-')) throw new UsageError('--in-place cannot rewrite stdin');
    const report = reportRequest(values, io.cwd, values.output !== undefined || values['in-place'] === true);
    const { options, results: pre } = runOptionsFromFlags(values, io.cwd);
    const inputs = await readInputs(files, io);
    const run = runStreams(inputs, options, io.cwd, true, pre);
    await emitReport(report, run.results, { io, command: 'inject', quiet: values.quiet === true, lineOf: run.lineOf });
    if (hasErrors(run.results)) return EXIT_ERROR;
    if (values.diff) {
      await write(io.stdout, run.outputs.map((o) => unifiedDiff(o.input.text, o.text, `a/${o.input.display}`, `b/${o.input.display}`)).join(''));
      return EXIT_OK;
    }
    if (values['in-place']) {
      for (const out of run.outputs) if (out.changed && out.input.path) writeFileAtomic(out.input.path, out.text);
      return EXIT_OK;
    }
    const text = joinStreams(run.outputs.map((o) => o.text));
    if (values.output !== undefined) writeFileAtomic(resolve(io.cwd, values.output), text);
    else await write(io.stdout, text);
    return EXIT_OK;
  },
};

/** Concatenates several YAML streams into one, adding a separator only where one is missing. */
export function joinStreams(texts: readonly string[]): string {
  let out = '';
  for (const text of texts) {
    if (out && !out.endsWith('\n')) out += '\n';
    if (out && !/^---(\s|$)/.test(text)) out += '---\n';
    out += text;
  }
  return out;
}
