// The webhooks Istio's chart registers for a revision (mutatingwebhook.yaml and
// revision-tags-mwc.yaml), as label selectors we evaluate offline (spec a.4).
import type { V1LabelSelector } from '../k8s/types.js';
import type { SelectionOptions } from './types.js';

export const INJECT_LABEL = 'sidecar.istio.io/inject';
export const REV_LABEL = 'istio.io/rev';
export const INJECTION_LABEL = 'istio-injection';
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
/** Namespaces Istio never injects (IgnoredNamespaces, initializer.go). */
export const IGNORED_NAMESPACES: readonly string[] = ['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage'];

export type WebhookKind = 'rev.namespace' | 'rev.object' | 'namespace' | 'object' | 'auto';

export interface EmulatedWebhook {
  /** e.g. `rev.namespace.sidecar-injector.istio.io` */
  name: string;
  kind: WebhookKind;
  /** The revision value this webhook matches (R', or the tag), for messages. */
  revisionValue: string;
  /** The revision tag that registered it, if any. */
  tag?: string;
  namespaceSelector: V1LabelSelector;
  objectSelector: V1LabelSelector;
}

/** '' and 'default' both mean the default revision (istioctl install normalises 'default' to ''). */
export function isDefaultRevision(revision: string): boolean {
  return revision === '' || revision === 'default';
}

/** R' of spec a.4: the value namespaces/pods put in istio.io/rev to pick this revision. */
export function revisionLabelValue(revision: string): string {
  return isDefaultRevision(revision) ? 'default' : revision;
}

type Opts = Pick<SelectionOptions, 'revision' | 'revisionTags' | 'enableNamespacesByDefault'>;

const NOT_OPTED_OUT = { key: INJECT_LABEL, operator: 'NotIn', values: ['false'] };

function revisionWebhooks(value: string, tag: string | undefined): EmulatedWebhook[] {
  return [
    {
      name: 'rev.namespace.sidecar-injector.istio.io',
      kind: 'rev.namespace',
      revisionValue: value,
      tag,
      namespaceSelector: { matchExpressions: [{ key: REV_LABEL, operator: 'In', values: [value] }, { key: INJECTION_LABEL, operator: 'DoesNotExist' }] },
      objectSelector: { matchExpressions: [NOT_OPTED_OUT] },
    },
    {
      name: 'rev.object.sidecar-injector.istio.io',
      kind: 'rev.object',
      revisionValue: value,
      tag,
      namespaceSelector: { matchExpressions: [{ key: REV_LABEL, operator: 'DoesNotExist' }, { key: INJECTION_LABEL, operator: 'DoesNotExist' }] },
      objectSelector: { matchExpressions: [NOT_OPTED_OUT, { key: REV_LABEL, operator: 'In', values: [value] }] },
    },
  ];
}

function defaultRevisionWebhooks(enableNamespacesByDefault: boolean, tag: string | undefined): EmulatedWebhook[] {
  const hooks: EmulatedWebhook[] = [
    {
      name: 'namespace.sidecar-injector.istio.io',
      kind: 'namespace',
      revisionValue: 'default',
      tag,
      namespaceSelector: { matchExpressions: [{ key: INJECTION_LABEL, operator: 'In', values: ['enabled'] }] },
      objectSelector: { matchExpressions: [NOT_OPTED_OUT] },
    },
    {
      name: 'object.sidecar-injector.istio.io',
      kind: 'object',
      revisionValue: 'default',
      tag,
      namespaceSelector: { matchExpressions: [{ key: INJECTION_LABEL, operator: 'DoesNotExist' }, { key: REV_LABEL, operator: 'DoesNotExist' }] },
      objectSelector: { matchExpressions: [{ key: INJECT_LABEL, operator: 'In', values: ['true'] }, { key: REV_LABEL, operator: 'DoesNotExist' }] },
    },
  ];
  if (enableNamespacesByDefault) {
    hooks.push({
      name: 'auto.sidecar-injector.istio.io',
      kind: 'auto',
      revisionValue: 'default',
      tag,
      namespaceSelector: {
        matchExpressions: [
          { key: INJECTION_LABEL, operator: 'DoesNotExist' },
          { key: REV_LABEL, operator: 'DoesNotExist' },
          { key: NAMESPACE_NAME_LABEL, operator: 'NotIn', values: [...IGNORED_NAMESPACES] },
        ],
      },
      objectSelector: { matchExpressions: [{ key: INJECT_LABEL, operator: 'DoesNotExist' }, { key: REV_LABEL, operator: 'DoesNotExist' }] },
    });
  }
  return hooks;
}

const cache = new Map<string, EmulatedWebhook[]>();
// Options objects live for a whole run; remembering them skips building the string key per pod.
const byOptions = new WeakMap<Opts, EmulatedWebhook[]>();

/** All webhooks that would send a pod to this injector, in chart order (main MWC, then each tag's). */
export function emulatedWebhooks(opts: Opts): EmulatedWebhook[] {
  const known = byOptions.get(opts);
  if (known) return known;
  const hooks = webhooksFor(opts);
  byOptions.set(opts, hooks);
  return hooks;
}

function webhooksFor(opts: Opts): EmulatedWebhook[] {
  const key = JSON.stringify([opts.revision, opts.revisionTags, opts.enableNamespacesByDefault]);
  let hooks = cache.get(key);
  if (!hooks) {
    hooks = [...revisionWebhooks(revisionLabelValue(opts.revision), undefined)];
    if (isDefaultRevision(opts.revision)) hooks.push(...defaultRevisionWebhooks(opts.enableNamespacesByDefault, undefined));
    for (const tag of opts.revisionTags) {
      hooks.push(...revisionWebhooks(tag, tag));
      if (tag === 'default') hooks.push(...defaultRevisionWebhooks(opts.enableNamespacesByDefault, tag));
    }
    if (cache.size > 64) cache.clear();
    cache.set(key, hooks);
  }
  return hooks;
}

/** The istio.io/rev values that select this injector: R' and every tag. */
export function acceptedRevisionValues(opts: Opts): string[] {
  return [revisionLabelValue(opts.revision), ...opts.revisionTags.filter((t) => t !== revisionLabelValue(opts.revision))];
}

/** Whether the default-revision webhooks (namespace./object./auto.) exist for these options. */
export function servesDefaultWebhooks(opts: Opts): boolean {
  return isDefaultRevision(opts.revision) || opts.revisionTags.includes('default');
}
