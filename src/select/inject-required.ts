// Layer 2 of the decision: Istio's injectRequired (spec a.2), step for step, with a reason for each
// outcome. Policy, pod opt in/out and the never/always selectors all act here; namespace labels do not.
import { compileLabelSelector, compiledSelectorMatches, describeLabelSelector } from '../k8s/label-selector.js';
import type { PodJson } from '../k8s/types.js';
import type { SelectionOptions, SelectionResult } from './types.js';
import { IGNORED_NAMESPACES, INJECT_LABEL } from './webhook-selectors.js';
import { readPodInjectChoice } from './pod-inject-choice.js';

export type InjectRequiredOptions = Pick<SelectionOptions, 'policy' | 'neverInjectSelector' | 'alwaysInjectSelector'>;

const q = JSON.stringify;

interface Explicit {
  inject: boolean;
  rule: string;
  message: string;
}

export function injectRequired(pod: PodJson, namespace: string, opts: InjectRequiredOptions): SelectionResult {
  const warnings: string[] = [];
  const spec = pod.spec ?? {};
  if (spec.hostNetwork === true) {
    return { inject: false, reason: 'skipped/host-network', message: 'pod uses hostNetwork: true, and Istio never injects host-network pods', warnings };
  }
  if (IGNORED_NAMESPACES.includes(namespace)) {
    return { inject: false, reason: 'skipped/ignored-namespace', message: `namespace ${q(namespace)} is a system namespace Istio never injects`, warnings };
  }

  const own = readPodInjectChoice(pod);
  warnings.push(...own.warnings);
  const labels = own.labels;
  let explicit: Explicit | undefined;
  if (own.choice !== undefined) {
    explicit = { inject: own.choice === 'true', rule: `pod ${own.source} ${INJECT_LABEL}`, message: `pod ${own.source} ${INJECT_LABEL}=${own.choice}` };
  }

  if (!explicit) explicit = firstSelectorMatch('neverInjectSelector', opts.neverInjectSelector, labels, false, warnings);
  if (!explicit) explicit = firstSelectorMatch('alwaysInjectSelector', opts.alwaysInjectSelector, labels, true, warnings);

  if (opts.policy !== 'enabled' && opts.policy !== 'disabled') {
    return {
      inject: false,
      reason: 'skipped/policy-invalid',
      message: `injection policy ${q(opts.policy)} is neither "enabled" nor "disabled", so Istio injects nothing`,
      warnings,
    };
  }
  if (explicit) {
    if (explicit.inject) return { inject: true, reason: 'injected', rule: explicit.rule, message: `${explicit.message} opts in`, warnings };
    const reason = explicit.rule.startsWith('neverInjectSelector') ? 'skipped/never-inject-selector' : 'skipped/pod-opt-out';
    return { inject: false, reason, rule: explicit.rule, message: `${explicit.message} opts out`, warnings };
  }
  if (opts.policy === 'enabled') {
    return { inject: true, reason: 'injected', rule: 'policy', message: 'injection policy is enabled and the pod does not opt out', warnings };
  }
  return {
    inject: false,
    reason: 'skipped/policy-disabled',
    rule: 'policy',
    message: `injection policy is disabled and the pod does not opt in (${INJECT_LABEL}="true" or an alwaysInjectSelector)`,
    warnings,
  };
}

function firstSelectorMatch(
  field: 'neverInjectSelector' | 'alwaysInjectSelector',
  selectors: readonly unknown[] | undefined,
  labels: Record<string, string>,
  inject: boolean,
  warnings: string[],
): Explicit | undefined {
  for (const [i, selector] of (selectors ?? []).entries()) {
    const compiled = compileLabelSelector(selector);
    if (!compiled.valid) {
      warnings.push(`${field}[${i}] is invalid and skipped: ${compiled.error}`);
      continue;
    }
    // Istio guards with !selector.Empty(): an empty selector would match everything in Kubernetes.
    if (!compiled.empty && compiledSelectorMatches(compiled, labels)) {
      return { inject, rule: `${field}[${i}]`, message: `pod labels match ${field}[${i}] (${describeLabelSelector(selector)}), which` };
    }
  }
  return undefined;
}
