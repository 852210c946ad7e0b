// Which objects a run must read in full: the ones it may change (workloads, built-in or custom kinds)
// and the ones its decisions read (Namespaces, Lists that may hold either, Istio's ConfigMaps,
// MutatingWebhookConfigurations). The rest is passed through as bytes. `undefined` means the
// scanner could not read the object's head: read it in full.
import { BUILT_IN_WORKLOAD_KINDS } from '../workloads/index.js';
import type { RunOptions } from './run-options.js';

export interface ObjectHead {
  apiVersion?: string;
  kind?: string;
  name?: string;
}

const ALWAYS = new Set(['Namespace', 'List', 'MutatingWebhookConfiguration', ...Object.keys(BUILT_IN_WORKLOAD_KINDS)]);

export function needsFullParse(options: RunOptions): (head: ObjectHead | undefined) => boolean {
  const custom = new Set(options.workloadKinds.map((k) => k.kind));
  return (head) => {
    if (head === undefined) return true;
    const { kind } = head;
    if (kind === undefined) return false; // no top-level kind: nothing decides or injects it
    if (ALWAYS.has(kind) || custom.has(kind)) return true;
    return kind === 'ConfigMap' && (head.name === undefined || head.name.startsWith('istio'));
  };
}

/** Kinds the run reads before any workload (selection and configuration): never deferred. */
const CONTEXT_KINDS = new Set(['Namespace', 'List', 'MutatingWebhookConfiguration', 'MutatingWebhookConfigurationList', 'ConfigMap']);

/**
 * When a ResourceList item is parsed: workloads only when the run reaches them (so each can be released
 * after), what decisions read first, the rest never (copied as bytes).
 */
export function parseWhen(options: RunOptions): (head: ObjectHead | undefined) => 'never' | 'first' | 'later' {
  const full = needsFullParse(options);
  const custom = new Set(options.workloadKinds.map((k) => k.kind));
  return (head) => {
    if (!full(head)) return 'never';
    const kind = head?.kind;
    if (kind === undefined || CONTEXT_KINDS.has(kind)) return 'first';
    return Object.prototype.hasOwnProperty.call(BUILT_IN_WORKLOAD_KINDS, kind) || custom.has(kind) ? 'later' : 'first';
  };
}
