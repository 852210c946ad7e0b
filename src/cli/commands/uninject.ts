// `uninject`: remove an injection (ours, istiod's, istioctl kube-inject's) and give back each pod as
// it was written; documents without an injection come out byte for byte.
import type { Command } from '../command.js';
import { configFlagsUsage } from '../config-flags.js';
import { reportFlagsUsage } from '../report-output.js';
import { rewriteFlagsUsage, runRewriteCommand } from '../rewrite-command.js';
import { uninjectDocuments } from '../../process/uninject-documents.js';

const usage = `Usage: inject-istio-sidecar uninject -f PATH|- [-f PATH ...] [-o FILE | --in-place | --diff] [flags]

Removes the Istio sidecar injection from every workload that carries one (found through its
sidecar.istio.io/status annotation: an injection by this tool, by istiod or by istioctl kube-inject)
and restores the pod as it was written: for this tool's own injection byte for byte. Documents
without an injection are not touched. The Istio configuration flags matter only where the injection
used non-default values (mesh statusPort, values global.proxy.includeIPRanges ...).

${rewriteFlagsUsage}
${reportFlagsUsage}
${configFlagsUsage}

Exit codes: 0 ok, 1 an injection could not be read (nothing is written), 2 usage error.`;

export const command: Command = {
  name: 'uninject',
  summary: 'remove the Istio sidecar injection, restoring the pods as written',
  usage,
  run: (args, io) => runRewriteCommand('uninject', args, io, uninjectDocuments),
};
