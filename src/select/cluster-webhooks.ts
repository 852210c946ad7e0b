// The cluster's own injection webhooks, when the input holds Istio's MutatingWebhookConfigurations
// (`kubectl get mutatingwebhookconfigurations -o yaml`): their namespaceSelector and objectSelector
// decide, exactly, instead of the selectors Istio's chart would have generated. The API server calls
// the configurations in the order of their names and each one's webhooks in the order listed; the
// first matching webhook injects (Istio's status annotation makes later ones skip the pod).
import type { Json, JsonObject, V1LabelSelector } from '../k8s/types.js';
import { isObject } from '../k8s/json.js';
import { compileLabelSelector } from '../k8s/label-selector.js';

export interface ClusterWebhook {
  configuration: string;
  name: string;
  /** The revision it sends pods to ('default' for the default revision). */
  revision: string;
  /** How the revision was found, for messages. */
  revisionFrom: string;
  tag?: string;
  namespaceSelector: V1LabelSelector;
  objectSelector: V1LabelSelector;
}

export interface ClusterWebhookSet {
  webhooks: ClusterWebhook[];
  configurations: string[];
  /** Problems worth a warning (a selector that is invalid, a matchConditions we cannot evaluate). */
  problems: string[];
}

const ISTIO_MWC = /^(istio-sidecar-injector.*|istio-revision-tag-.+)$/;
const MWC_LIMIT = 256;

/** The Istio MutatingWebhookConfigurations in the documents (also inside `kind: List`), or undefined if none. */
export function clusterWebhooksFrom(docs: readonly Json[]): ClusterWebhookSet | undefined {
  const found: JsonObject[] = [];
  const visit = (doc: Json, depth: number) => {
    if (!isObject(doc) || found.length >= MWC_LIMIT) return;
    if (doc.kind === 'List' && Array.isArray(doc.items) && depth === 0) for (const item of doc.items) visit(item, 1);
    if (doc.kind !== 'MutatingWebhookConfiguration' || typeof doc.apiVersion !== 'string' || !doc.apiVersion.startsWith('admissionregistration.k8s.io/')) return;
    const name = isObject(doc.metadata) ? doc.metadata.name : undefined;
    if (typeof name === 'string' && ISTIO_MWC.test(name)) found.push(doc);
  };
  for (const d of docs) visit(d, 0);
  if (found.length === 0) return undefined;
  const byName = (o: JsonObject) => String((o.metadata as JsonObject).name);
  found.sort((a, b) => (byName(a) < byName(b) ? -1 : byName(a) > byName(b) ? 1 : 0));
  const set: ClusterWebhookSet = { webhooks: [], configurations: found.map(byName), problems: [] };
  for (const mwc of found) {
    const configuration = byName(mwc);
    const labels = isObject((mwc.metadata as JsonObject).labels) ? ((mwc.metadata as JsonObject).labels as JsonObject) : {};
    const tag = typeof labels['istio.io/tag'] === 'string' ? labels['istio.io/tag'] : undefined;
    for (const hook of Array.isArray(mwc.webhooks) ? mwc.webhooks : []) {
      if (!isObject(hook)) continue;
      const name = typeof hook.name === 'string' ? hook.name : '(unnamed)';
      const { revision, from } = revisionOf(labels, hook);
      const webhook: ClusterWebhook = {
        configuration,
        name,
        revision,
        revisionFrom: from,
        namespaceSelector: (isObject(hook.namespaceSelector) ? hook.namespaceSelector : {}) as V1LabelSelector,
        objectSelector: (isObject(hook.objectSelector) ? hook.objectSelector : {}) as V1LabelSelector,
      };
      if (tag !== undefined) webhook.tag = tag;
      for (const field of ['namespaceSelector', 'objectSelector'] as const) {
        const compiled = compileLabelSelector(webhook[field]);
        if (!compiled.valid) set.problems.push(`webhook "${name}" of MutatingWebhookConfiguration "${configuration}": invalid ${field} (${compiled.error}); it matches nothing`);
      }
      if (Array.isArray(hook.matchConditions) && hook.matchConditions.length > 0) {
        set.problems.push(`webhook "${name}" of MutatingWebhookConfiguration "${configuration}" has matchConditions (CEL), which are not evaluated offline; only its selectors are used`);
      }
      set.webhooks.push(webhook);
    }
  }
  return set;
}

/**
 * Which revision a webhook serves: the configuration's `istio.io/rev` label (Istio sets it on both the
 * injector's and each tag's configuration); otherwise the istiod service it calls (`istiod-REV`, or
 * `istiod` for the default), or the host of its URL.
 */
function revisionOf(labels: JsonObject, hook: JsonObject): { revision: string; from: string } {
  const rev = labels['istio.io/rev'];
  if (typeof rev === 'string') return { revision: rev === '' ? 'default' : rev, from: `label istio.io/rev=${rev}` };
  const cc = isObject(hook.clientConfig) ? hook.clientConfig : {};
  const service = isObject(cc.service) && typeof cc.service.name === 'string' ? cc.service.name : undefined;
  const host = typeof cc.url === 'string' ? /^https?:\/\/([^/:.]+)/.exec(cc.url)?.[1] : undefined;
  const target = service ?? host;
  if (target !== undefined) {
    const m = /^istiod-(.+)$/.exec(target);
    return { revision: m ? m[1]! : 'default', from: `${service !== undefined ? 'service' : 'URL host'} ${target}` };
  }
  return { revision: 'default', from: 'no istio.io/rev label and no istiod service' };
}
