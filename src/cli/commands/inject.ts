// `inject`: read manifests, write them back with the sidecar injected where Istio would inject it.
import type { Command } from '../command.js';
import { configFlagsUsage } from '../config-flags.js';
import { reportFlagsUsage } from '../report-output.js';
import { rewriteFlagsUsage, runRewriteCommand } from '../rewrite-command.js';

export { joinStreams } from '../rewrite-command.js';

const usage = `Usage: inject-istio-sidecar inject -f PATH|- [-f PATH ...] [-o FILE | --in-place | --diff] [flags]

Reads Kubernetes manifests (files, directories of *.yaml/*.yml, or - for stdin) and writes them with the
Istio sidecar injected into every workload Istio's webhook would inject. Documents that are not changed
come out byte for byte as they were. A decision report goes to stderr.

${rewriteFlagsUsage}
${reportFlagsUsage}
${configFlagsUsage}

Exit codes: 0 ok, 1 injection or validation error (nothing is written), 2 usage error.`;

export const command: Command = {
  name: 'inject',
  summary: 'write manifests with the Istio sidecar injected',
  usage,
  run: (args, io) => runRewriteCommand('inject', args, io),
};
