// Where a workload keeps the pod Istio would inject, as found by findPodTemplates.

/** A custom resource with a pod template, from the function config (e.g. Argo Rollouts). */
export interface CustomWorkloadKind {
  /**
   * `group/version` (exact match, e.g. `argoproj.io/v1alpha1`), a bare group (`argoproj.io`, any
   * version of it) or `group/*`. A core-group kind is written as its version (`v1`).
   */
  apiVersion: string;
  kind: string;
  /** Dot-separated path from the document root to the pod template, e.g. `spec.template`. */
  podTemplatePath: string;
}

export interface PodTemplateLocation {
  /** Path from the document root to the pod template object ({metadata, spec}); [] for a Pod. */
  path: (string | number)[];
  /** The workload's own apiVersion/kind (for a List item: the item's). */
  kind: string;
  apiVersion: string;
  /** The workload's metadata.name / metadata.namespace ('' when absent), for identity and messages. */
  name: string;
  namespace: string;
  /**
   * Set when the workload kind is recognised but its pod template is absent or not a mapping
   * (e.g. a ReplicationController without spec.template). The face reports it as an error result
   * for that object and leaves the object untouched; nothing is injected.
   * Example: `ReplicationController "web": spec.template is required`.
   */
  problem?: string;
}
