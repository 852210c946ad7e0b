// One sentence per reason code, for the rules of a SARIF report (code scanning shows them per alert).
const DESCRIPTIONS = new Map<string, string>([
  ['missing', 'The workload would be injected but its manifest carries no sidecar.'],
  ['stale', 'The workload carries a sidecar built from another configuration.'],
  ['unexpected', 'The workload carries a sidecar although Istio would not inject it.'],
  ['injected', 'The sidecar was added.'],
  ['reinjected', 'A stale sidecar was replaced by one built from this configuration.'],
  ['up-to-date', 'The workload already carries exactly the sidecar this configuration produces.'],
  ['uninjected', 'The injection was removed and the pod restored as it was written.'],
  ['not-injected', 'The workload carries no injection; nothing to remove.'],
  ['warning', 'A problem with the workload that does not stop its processing.'],
  ['config/error', 'The function config or Istio configuration is invalid.'],
  ['config/warning', 'A note about the function config or Istio configuration.'],
]);

export function describeReason(reason: string): string {
  const known = DESCRIPTIONS.get(reason);
  if (known) return known;
  if (reason.startsWith('skipped/')) return `Istio would not inject the workload (${reason.slice('skipped/'.length).replace(/-/g, ' ')}).`;
  if (reason.startsWith('error/')) return `Injection failed (${reason.slice('error/'.length).replace(/-/g, ' ')}).`;
  return reason;
}
