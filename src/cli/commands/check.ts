// `check`: for CI and pre-commit. Exit 1 listing every workload whose manifest is not what `inject`
// would leave: a sidecar `missing`, `stale`, or `unexpected` (present where Istio would not inject);
// exit 0 when all are up to date. Never writes a manifest.
import { EXIT_ERROR, EXIT_OK, parseFlags, type Command, type CommandIO } from '../command.js';
import { configFlagOptions, configFlagsUsage, runOptionsFromFlags } from '../config-flags.js';
import { readInputs, skippedInputResults } from '../read-inputs.js';
import { runStreams } from '../run-streams.js';
import { emitReport, reportFlagOptions, reportFlagsUsage, reportRequest } from '../report-output.js';
import { hasErrors } from '../../process/result.js';
import { checkReason, withCheckFailures } from '../../process/check-failures.js';

const usage = `Usage: inject-istio-sidecar check -f PATH|- [-f PATH ...] [flags]

Exits 1 and lists each workload whose manifest is not what 'inject' would produce, with a reason:
  missing     Istio would inject it and it carries no sidecar
  stale       it carries a sidecar built from another configuration
  unexpected  it carries a sidecar although Istio would not inject it
Exits 0 when every workload is up to date. Reads the same inputs and flags as 'inject'.

  -f, --filename PATH       a file, a directory, or - (stdin); repeatable
      --allow-unexpected    an unexpected sidecar is a warning, not a failure
  -q, --quiet               print only the failures
${reportFlagsUsage}
${configFlagsUsage}

Exit codes: 0 up to date, 1 out of date or invalid, 2 usage error.`;

export const command: Command = {
  name: 'check',
  summary: 'exit 1 if a sidecar is missing, stale or unexpected (for CI and pre-commit)',
  usage,
  async run(args, io) {
    const values = parseFlags(args, {
      filename: { type: 'string', short: 'f', multiple: true },
      quiet: { type: 'boolean', short: 'q' },
      'allow-unexpected': { type: 'boolean' },
      ...reportFlagOptions,
      ...configFlagOptions,
    });
    const report = reportRequest(values, io.cwd, true);
    const { options, results: pre, limits } = runOptionsFromFlags(values, io.cwd, io.env);
    if (values['allow-unexpected']) options.allowUnexpected = true;
    const inputs = await readInputs(values.filename ?? [], io, limits);
    const run = runStreams(inputs.files, options, io.cwd, { write: false, preResults: [...pre, ...skippedInputResults(inputs.warnings)], limits });
    const results = withCheckFailures(run.results, options, fixHints(io));
    const failures = results.filter((r) => r.severity === 'error' && checkReason(r) !== undefined).length;
    const failed = hasErrors(results);
    const trailer = !failed
      ? 'ok: every selected workload is as inject would leave it\n'
      : failures > 0 ? `${failures} workload(s) out of date\n` : '';
    await emitReport(report, results, { io, command: 'check', quiet: values.quiet === true, lineOf: run.lineOf, trailer });
    return failed ? EXIT_ERROR : EXIT_OK;
  },
};

/** How to fix each failure; under pre-commit (PRE_COMMIT=1) name the hook, since the command is not on PATH there. */
function fixHints(io: CommandIO): { inject: string; uninject: string } {
  if (io.env.PRE_COMMIT === '1') {
    return {
      inject: "run the inject-istio-sidecar-fix hook ('pre-commit run inject-istio-sidecar-fix --all-files')",
      uninject: 'remove its sidecar, or enable injection for it',
    };
  }
  return {
    inject: "run 'inject-istio-sidecar inject --in-place'",
    uninject: "run 'inject-istio-sidecar uninject --in-place', or enable injection for it",
  };
}
