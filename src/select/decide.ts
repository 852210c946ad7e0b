// The whole decision for one pod: the emulated webhook (unless selector is 'all'), then injectRequired.
import type { PodJson } from '../k8s/types.js';
import type { NamespaceView, SelectionOptions, SelectionResult } from './types.js';
import { namespaceSelects } from './namespace-selects.js';
import { injectRequired } from './inject-required.js';
import { readStringMap } from './string-map.js';
import { readPodInjectChoice } from './pod-inject-choice.js';

const q = JSON.stringify;

/**
 * `ns.name` is the namespace the pod will live in (the face resolves the workload's namespace or
 * the default one). In 'all' mode the ignored system namespaces still apply, using that namespace:
 * upstream kube-inject only sees the template's (usually empty) namespace (spec i.2), but a
 * sidecar in kube-system would never be added by the real webhook either.
 */
export function decide(pod: PodJson, ns: NamespaceView, opts: SelectionOptions): SelectionResult {
  const warnings: string[] = [];
  const namespaceUnknown = ns.source === 'unknown';
  if (namespaceUnknown && opts.selector === 'webhook') {
    warnings.push(`namespace ${q(ns.name)} is neither in the input nor declared in the function config; it is treated as having no labels`);
  }

  let selectedBy: { rule?: string; message: string } | undefined;
  if (opts.selector === 'webhook') {
    // Label-read warnings are reported once, by injectRequired below.
    const podLabels = readStringMap(pod.metadata?.labels, 'label', []);
    const sel = namespaceSelects(ns, podLabels, opts);
    if (!sel.matched) {
      return withWarnings({ inject: false, reason: sel.reason ?? 'skipped/namespace-not-enabled', message: sel.message }, warnings, namespaceUnknown, pod);
    }
    selectedBy = { rule: sel.rule, message: sel.message };
  }

  const required = injectRequired(pod, ns.name, opts);
  warnings.push(...required.warnings);
  const result: SelectionResult = { inject: required.inject, reason: required.reason, message: required.message, rule: required.rule, warnings };
  if (selectedBy) {
    // Name both layers: which webhook picked the pod, and what injectRequired made of it.
    result.rule = selectedBy.rule;
    result.message = required.inject
      ? `selected because ${selectedBy.message}; ${required.message}`
      : `${required.message} (the pod was selected because ${selectedBy.message})`;
  } else {
    result.message = required.inject
      ? `selector is "all", so every workload is a candidate; ${required.message}`
      : required.message;
  }
  if (namespaceUnknown) result.namespaceUnknown = true;
  return result;
}

function withWarnings(
  d: { inject: boolean; reason: SelectionResult['reason']; message: string },
  warnings: string[],
  namespaceUnknown: boolean,
  pod: PodJson,
): SelectionResult {
  // Surface odd pod values even when no webhook matched: they often explain the skip
  // (e.g. `sidecar.istio.io/inject: yes` or an unquoted `true`).
  const result: SelectionResult = { ...d, warnings: [...warnings, ...readPodInjectChoice(pod).warnings] };
  if (namespaceUnknown) result.namespaceUnknown = true;
  return result;
}
