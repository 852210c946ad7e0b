// The injection decision and its stable reason codes.

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
