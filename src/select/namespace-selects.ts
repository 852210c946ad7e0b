// Layer 1 of the decision (spec a.1/a.4): would the API server send this pod to our injector at all?
// Only labels count here: the namespace's and the pod's. Pod annotations are invisible to webhooks.
import { labelSelectorMatches } from '../k8s/label-selector.js';
import { clusterWebhookSelects } from './cluster-webhook-selects.js';
import type { NamespaceView, ReasonCode, SelectionOptions } from './types.js';
import {
  INJECTION_LABEL,
  INJECT_LABEL,
  NAMESPACE_NAME_LABEL,
  REV_LABEL,
  IGNORED_NAMESPACES,
  acceptedRevisionValues,
  emulatedWebhooks,
  revisionLabelValue,
  servesDefaultWebhooks,
  type EmulatedWebhook,
} from './webhook-selectors.js';

export type NamespaceSelectOptions = Pick<SelectionOptions, 'revision' | 'revisionTags' | 'enableNamespacesByDefault' | 'clusterWebhooks'>;

export interface NamespaceSelection {
  matched: boolean;
  /** The first matching webhook's name, e.g. `namespace.sidecar-injector.istio.io`. */
  rule?: string;
  /** Set when nothing matched: why. */
  reason?: ReasonCode;
  message: string;
}

export function namespaceSelects(ns: NamespaceView, podLabels: Record<string, string>, opts: NamespaceSelectOptions): NamespaceSelection {
  // The API server stamps every namespace with its own name; a Namespace object in a manifest
  // usually does not spell it out.
  const nsLabels = { ...ns.labels, [NAMESPACE_NAME_LABEL]: ns.name };
  if (opts.clusterWebhooks) return clusterWebhookSelects(opts.clusterWebhooks, ns, nsLabels, podLabels, opts);
  for (const hook of emulatedWebhooks(opts)) {
    if (labelSelectorMatches(hook.namespaceSelector, nsLabels) && labelSelectorMatches(hook.objectSelector, podLabels)) {
      return { matched: true, rule: hook.name, message: matchedMessage(hook, ns, podLabels) };
    }
  }
  return { matched: false, ...explainNoMatch(ns, podLabels, opts) };
}

const q = JSON.stringify;

function via(hook: EmulatedWebhook): string {
  return hook.tag !== undefined ? ` (revision tag ${q(hook.tag)})` : '';
}

function matchedMessage(hook: EmulatedWebhook, ns: NamespaceView, podLabels: Record<string, string>): string {
  const nsName = `namespace ${q(ns.name)}`;
  switch (hook.kind) {
    case 'namespace':
      return `${nsName} has ${INJECTION_LABEL}=enabled${via(hook)}`;
    case 'rev.namespace':
      return `${nsName} has ${REV_LABEL}=${ns.labels[REV_LABEL]}${via(hook)}`;
    case 'rev.object':
      return `pod has label ${REV_LABEL}=${podLabels[REV_LABEL]} (${nsName} has neither ${INJECTION_LABEL} nor ${REV_LABEL})${via(hook)}`;
    case 'object':
      return `pod has label ${INJECT_LABEL}=true (${nsName} has neither ${INJECTION_LABEL} nor ${REV_LABEL})${via(hook)}`;
    case 'auto':
      return `enableNamespacesByDefault is on and ${nsName} has neither ${INJECTION_LABEL} nor ${REV_LABEL}${via(hook)}`;
  }
}

function servedRevision(opts: NamespaceSelectOptions): string {
  const tags = opts.revisionTags.length > 0 ? ` (tags: ${opts.revisionTags.join(', ')})` : '';
  return `this injector serves revision ${q(revisionLabelValue(opts.revision))}${tags}`;
}

function explainNoMatch(ns: NamespaceView, podLabels: Record<string, string>, opts: NamespaceSelectOptions): { reason: ReasonCode; message: string } {
  const nsName = `namespace ${q(ns.name)}`;
  const injection = ns.labels[INJECTION_LABEL];
  const nsRev = ns.labels[REV_LABEL];
  const podInject = podLabels[INJECT_LABEL];
  const podRev = podLabels[REV_LABEL];
  const revs = acceptedRevisionValues(opts);
  const optOut = { reason: 'skipped/pod-opt-out' as const };

  if (injection !== undefined) {
    const ignoredRev = nsRev !== undefined ? ` (its ${REV_LABEL}=${nsRev} is ignored while ${INJECTION_LABEL} is set)` : '';
    if (injection !== 'enabled') {
      const podWants = podInject === 'true' ? `; the pod label ${INJECT_LABEL}=true cannot override it` : '';
      return { reason: 'skipped/namespace-disabled', message: `${nsName} has ${INJECTION_LABEL}=${injection}${ignoredRev}${podWants}` };
    }
    if (!servesDefaultWebhooks(opts)) {
      return { reason: 'skipped/revision-mismatch', message: `${nsName} has ${INJECTION_LABEL}=enabled, which selects the default revision, but ${servedRevision(opts)}` };
    }
    if (podInject === 'false') return { ...optOut, message: `pod label ${INJECT_LABEL}=false opts out (${nsName} has ${INJECTION_LABEL}=enabled)` };
  } else if (nsRev !== undefined) {
    if (!revs.includes(nsRev)) {
      return { reason: 'skipped/revision-mismatch', message: `${nsName} has ${REV_LABEL}=${nsRev}, another revision; ${servedRevision(opts)}` };
    }
    if (podInject === 'false') return { ...optOut, message: `pod label ${INJECT_LABEL}=false opts out (${nsName} has ${REV_LABEL}=${nsRev})` };
  } else {
    const unlabeled = `${nsName} has neither ${INJECTION_LABEL} nor ${REV_LABEL} label`;
    if (podRev !== undefined) {
      if (!revs.includes(podRev)) {
        return { reason: 'skipped/revision-mismatch', message: `pod label ${REV_LABEL}=${podRev} names another revision; ${servedRevision(opts)}` };
      }
      if (podInject === 'false') return { ...optOut, message: `pod label ${INJECT_LABEL}=false opts out (it also has ${REV_LABEL}=${podRev})` };
    } else {
      if (podInject === 'false') return { ...optOut, message: `pod label ${INJECT_LABEL}=false opts out (${unlabeled})` };
      if (podInject === 'true' && !servesDefaultWebhooks(opts)) {
        return {
          reason: 'skipped/namespace-not-enabled',
          message: `${unlabeled}; the pod label ${INJECT_LABEL}=true alone selects only the default revision, but ${servedRevision(opts)} (add pod label ${REV_LABEL}=${revs[0]})`,
        };
      }
      if (opts.enableNamespacesByDefault && servesDefaultWebhooks(opts)) {
        if (IGNORED_NAMESPACES.includes(ns.name)) {
          return { reason: 'skipped/ignored-namespace', message: `${nsName} is a system namespace that enableNamespacesByDefault never selects` };
        }
        if (podInject !== undefined) {
          return {
            reason: 'skipped/namespace-not-enabled',
            message: `${unlabeled}; enableNamespacesByDefault only selects pods without a ${INJECT_LABEL} label, and its value ${q(podInject)} is not "true"`,
          };
        }
      }
    }
    const hint = servesDefaultWebhooks(opts)
      ? `label it ${INJECTION_LABEL}=enabled or ${REV_LABEL}=${revs[0]}`
      : `label it ${REV_LABEL}=${revs[0]}`;
    return { reason: 'skipped/namespace-not-enabled', message: `${unlabeled} (${hint} to inject its pods)` };
  }
  // Not reachable with the chart's webhooks; kept so a future selector change cannot yield no reason.
  return { reason: 'skipped/namespace-not-enabled', message: `no injection webhook of ${servedRevision(opts)} selects this pod in ${nsName}` };
}
