// Contract of the one pipeline every face calls (src/inject.ts).
import type { PodJson } from './k8s/types.js';

/** The workload a pod belongs to: Istio's TypeMeta + DeploymentMeta (spec c, d.7). */
export interface WorkloadIdentity {
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string;
}

/**
 * `kube-inject`: what `istioctl kube-inject` does (templates default to [sidecar], no aliases, no
 * injectedAnnotations, ProxyConfig = mesh defaultConfig + pod annotation).
 * `webhook`: what istiod's webhook does (defaultTemplates, aliases, injectedAnnotations).
 */
export type InjectFlavor = 'kube-inject' | 'webhook';

export interface InjectRequest {
  pod: PodJson;
  workload: WorkloadIdentity;
  flavor: InjectFlavor;
  /** Extra proxy env from the webhook URL path (d.8), e.g. ISTIO_META_CLUSTER_ID. */
  proxyEnvs?: Record<string, string>;
  /** OpenShift-derived ids (c.7); default 1337. */
  proxyUID?: number;
  proxyGID?: number;
}

export interface InjectOutcome {
  /** The injected pod (a new object; the request's pod is not mutated). */
  pod: PodJson;
  /** True when the input carried a previous injection (sidecar.istio.io/status) that was stripped first. */
  wasInjected: boolean;
  /** Non-fatal observations (e.g. an unrecognised sidecar.istio.io/inject value). */
  warnings: string[];
}

export { InjectError } from './errors.js';
