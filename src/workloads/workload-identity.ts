// The identity kube-inject gives the templates (.TypeMeta, .DeploymentMeta): the workload object
// itself, or for a bare Pod what the webhook would derive from it (spec d.6).
import type { Json, PodJson } from '../k8s/types.js';
import type { WorkloadIdentity } from '../inject-types.js';
import type { PodTemplateLocation } from './types.js';
import { getAt } from './json-path.js';
import { isObject } from '../k8s/json.js';
import { podIdentity } from './pod-identity.js';

/**
 * `root` is the document the location was found in; pass it so a Pod's owner references are seen
 * (kube-inject runs GetDeployMetaFromPod on Pods). Without it a Pod is identified by its own name.
 */
export function workloadIdentity(loc: PodTemplateLocation, root?: Json): WorkloadIdentity {
  if (loc.kind === 'Pod' && loc.apiVersion === 'v1' && root !== undefined) {
    const pod = getAt(root, loc.path);
    if (isObject(pod) && isObject(pod.metadata)) {
      return podIdentity(pod as unknown as PodJson);
    }
  }
  return { apiVersion: loc.apiVersion, kind: loc.kind, name: loc.name, namespace: loc.namespace };
}
