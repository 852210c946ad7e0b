// `check`: for CI and pre-commit. Exit 1 listing every workload whose manifest differs from what
// `inject` would write; exit 0 when all are up to date. Never writes a file.
import { EXIT_ERROR, EXIT_OK, parseFlags, write, type Command } from '../command.js';
import { configFlagOptions, configFlagsUsage, runOptionsFromFlags } from '../config-flags.js';
import { readInputs, skippedInputResults } from '../read-inputs.js';
import { runStreams } from '../run-streams.js';
import { formatReport, formatResult } from '../report.js';
import { hasErrors } from '../../process/result.js';
import { isStale } from '../../process/check-failures.js';

const usage = `Usage: inject-istio-sidecar check -f PATH|- [-f PATH ...] [flags]

Exits 1 and lists each workload whose manifest is not what 'inject' would produce (a missing or stale
sidecar); exits 0 when every workload is up to date. Reads the same inputs and flags as 'inject'.

  -f, --filename PATH       a file, a directory, or - (stdin); repeatable
  -q, --quiet               print only the workloads that are out of date
${configFlagsUsage}

Exit codes: 0 up to date, 1 out of date or invalid, 2 usage error.`;

export const command: Command = {
  name: 'check',
  summary: 'exit 1 if any workload lacks its up-to-date sidecar (for CI and pre-commit)',
  usage,
  async run(args, io) {
    const values = parseFlags(args, { filename: { type: 'string', short: 'f', multiple: true }, quiet: { type: 'boolean', short: 'q' }, ...configFlagOptions });
    const { options, results: pre, limits } = runOptionsFromFlags(values, io.cwd, io.env);
    const inputs = await readInputs(values.filename ?? [], io, limits);
    const run = runStreams(inputs.files, options, io.cwd, false, [...pre, ...skippedInputResults(inputs.warnings)], limits);
    if (hasErrors(run.results)) {
      await write(io.stderr, formatReport(run.results, true));
      return EXIT_ERROR;
    }
    const stale = run.results.filter(isStale);
    if (!values.quiet) await write(io.stderr, formatReport(run.results.filter((r) => !stale.includes(r)), false));
    if (stale.length === 0) {
      await write(io.stderr, `ok: every selected workload carries its up-to-date sidecar\n`);
      return EXIT_OK;
    }
    const lines = stale.map((r) => `${formatResult({ ...r, severity: 'error' })} -- run 'inject-istio-sidecar inject --in-place' to fix\n`);
    await write(io.stderr, `${lines.join('')}${stale.length} workload(s) out of date\n`);
    return EXIT_ERROR;
  },
};
