import type { ClusterWebhook } from './cluster-webhooks.js';
// The injection decision and its stable reason codes.
import type { V1LabelSelector } from '../k8s/types.js';

export type ReasonCode =
  | 'injected'
  | 'up-to-date'
  | 'reinjected'
  | 'skipped/host-network'
  | 'skipped/namespace-not-enabled'
  | 'skipped/namespace-disabled'
  | 'skipped/pod-opt-out'
  | 'skipped/policy-disabled'
  | 'skipped/policy-invalid'
  | 'skipped/never-inject-selector'
  | 'skipped/ignored-namespace'
  | 'skipped/revision-mismatch'
  | 'error/invalid-annotation'
  | 'error/template-not-found'
  | 'error/injection-failed';

export interface Decision {
  inject: boolean;
  /** For inject=true one of `selected/...` sub-reasons is kept in `why`; the face turns it into injected/up-to-date/reinjected. */
  reason: ReasonCode;
  /** One sentence a person understands, e.g. "namespace shop has istio-injection=enabled". */
  message: string;
  /** Machine-readable detail of which rule matched (e.g. webhook `namespace.sidecar-injector.istio.io`). */
  rule?: string;
}

/** What is known about a workload's namespace. */
export interface NamespaceView {
  name: string;
  labels: Record<string, string>;
  /** 'input': a Namespace object in the input; 'declared': labels from the function config; 'unknown': neither. */
  source: 'input' | 'declared' | 'unknown';
}

/** How workloads are chosen (function config `selector` + Istio values/injector config). */
export interface SelectionOptions {
  /** 'webhook': emulate the MutatingWebhookConfiguration from namespace labels (a.4) then injectRequired (a.2).
   *  'all': every workload is a candidate like `istioctl kube-inject`; policy, selectors and pod opt-outs still apply. */
  selector: 'webhook' | 'all';
  /** Serving revision; '' (or 'default') = the default revision. */
  revision: string;
  /** values.revisionTags: tags pointing at this revision; the tag `default` also gets the default webhooks. */
  revisionTags: string[];
  /** values.sidecarInjectorWebhook.enableNamespacesByDefault */
  enableNamespacesByDefault: boolean;
  /** Injector config policy: 'enabled' | 'disabled' | anything else (never inject). */
  policy: string;
  neverInjectSelector: V1LabelSelector[];
  alwaysInjectSelector: V1LabelSelector[];
  /** The cluster's own injection webhooks (Istio MutatingWebhookConfigurations in the input): they replace the chart's selectors. */
  clusterWebhooks?: ClusterWebhook[];
}

/** A Decision plus the observations made while deciding (invalid selectors, odd label values, unknown namespace). */
export interface SelectionResult extends Decision {
  warnings: string[];
  /** True when the namespace was neither in the input nor declared, and was treated as unlabeled. */
  namespaceUnknown?: boolean;
}
