// The workload kinds kube-inject understands (Istio's initializer.go list), matched by API group as
// well as kind: upstream matches by kind only (spec i.7), which would inject an unrelated CRD that
// happens to be called `Deployment`. We accept every group a kind has been served from.

export interface BuiltInKind {
  groups: readonly string[];
  /** Path from the workload root to its pod template; [] for a Pod. */
  podTemplatePath: readonly string[];
}

export const BUILT_IN_WORKLOAD_KINDS: Readonly<Record<string, BuiltInKind>> = {
  Pod: { groups: [''], podTemplatePath: [] },
  ReplicationController: { groups: [''], podTemplatePath: ['spec', 'template'] },
  Deployment: { groups: ['apps', 'extensions'], podTemplatePath: ['spec', 'template'] },
  DaemonSet: { groups: ['apps', 'extensions'], podTemplatePath: ['spec', 'template'] },
  ReplicaSet: { groups: ['apps', 'extensions'], podTemplatePath: ['spec', 'template'] },
  StatefulSet: { groups: ['apps'], podTemplatePath: ['spec', 'template'] },
  Job: { groups: ['batch'], podTemplatePath: ['spec', 'template'] },
  // Upstream kube-inject reads and writes pod metadata on spec.jobTemplate.metadata (spec i.1);
  // we use the real pod template so labels/annotations reach the pods the CronJob creates.
  CronJob: { groups: ['batch'], podTemplatePath: ['spec', 'jobTemplate', 'spec', 'template'] },
  // OpenShift: apps.openshift.io/v1, and the legacy un-grouped `v1` form.
  DeploymentConfig: { groups: ['apps.openshift.io', ''], podTemplatePath: ['spec', 'template'] },
};

/** `apps/v1` -> `apps`; `v1` -> `` (the core group). */
export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/**
 * A custom kind's apiVersion pattern against a document's apiVersion: exact (`argoproj.io/v1alpha1`),
 * a bare group or `group/*` for any version. A pattern without `/` names a group unless it equals
 * the document's core apiVersion (`v1`).
 */
export function apiVersionMatches(pattern: string, apiVersion: string): boolean {
  if (pattern === apiVersion) return true;
  const group = pattern.endsWith('/*') ? pattern.slice(0, -2) : pattern.includes('/') ? undefined : pattern;
  return group !== undefined && group !== '' && apiVersion.startsWith(group + '/');
}
