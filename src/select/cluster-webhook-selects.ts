// Layer 1 with the cluster's own webhooks (cluster-webhooks.ts): the first webhook whose selectors
// match the namespace and the pod labels decides which revision injects the pod.
import { describeLabelSelector, labelSelectorMatches } from '../k8s/label-selector.js';
import type { ClusterWebhook } from './cluster-webhooks.js';
import type { NamespaceView, ReasonCode } from './types.js';
import { revisionLabelValue } from './webhook-selectors.js';

export interface ClusterSelection {
  matched: boolean;
  rule?: string;
  reason?: ReasonCode;
  message: string;
}

const q = JSON.stringify;

export function clusterWebhookSelects(
  hooks: readonly ClusterWebhook[],
  ns: NamespaceView,
  nsLabels: Record<string, string>,
  podLabels: Record<string, string>,
  opts: { revision: string; revisionTags: string[] },
): ClusterSelection {
  const ours = new Set([revisionLabelValue(opts.revision), ...opts.revisionTags]);
  for (const hook of hooks) {
    if (!labelSelectorMatches(hook.namespaceSelector, nsLabels) || !labelSelectorMatches(hook.objectSelector, podLabels)) continue;
    const which = `webhook ${q(hook.name)} of the cluster's MutatingWebhookConfiguration ${q(hook.configuration)}`;
    const selectors = `namespaceSelector {${describeLabelSelector(hook.namespaceSelector)}} matches namespace ${q(ns.name)}, objectSelector {${describeLabelSelector(hook.objectSelector)}} matches the pod`;
    const revision = `revision ${q(hook.revision)} (${hook.revisionFrom})`;
    if (!ours.has(hook.revision)) {
      return {
        matched: false,
        reason: 'skipped/revision-mismatch',
        message: `${which} takes the pod first and sends it to ${revision}; this injector serves revision ${q(revisionLabelValue(opts.revision))} (${selectors})`,
      };
    }
    return { matched: true, rule: `${hook.configuration}/${hook.name}`, message: `${which} selects it: ${selectors}; it serves ${revision}` };
  }
  return {
    matched: false,
    reason: 'skipped/namespace-not-enabled',
    message: `no webhook of the cluster's MutatingWebhookConfigurations (${[...new Set(hooks.map((h) => h.configuration))].join(', ')}) selects it: namespace ${q(ns.name)} and the pod labels match none of their selectors`,
  };
}
