// Workload identity of a pod arriving at the webhook (spec d.7, Istio's GetDeployMetaFromPod):
// a controller-created pod is attributed to the workload its owner chain most likely starts at.
import type { JsonObject, PodJson } from '../k8s/types.js';
import type { WorkloadIdentity } from '../inject-types.js';

const CRONJOB_JOB_NAME = /^(.+)-\d{8,10}$/;

export function podIdentity(pod: PodJson): WorkloadIdentity {
  const meta = pod.metadata;
  const labels = meta.labels ?? {};
  const id: WorkloadIdentity = { apiVersion: 'v1', kind: 'Pod', name: str(meta.name), namespace: str(meta.namespace) };
  const controller = str(meta.generateName) !== '' ? controllerRef(meta.ownerReferences) : undefined;
  if (controller) {
    id.apiVersion = str(controller.apiVersion);
    id.kind = str(controller.kind);
    id.name = str(controller.name);
    const hash = labels['pod-template-hash'] ?? '';
    const rolloutHash = labels['rollouts-pod-template-hash'] ?? '';
    if (id.kind === 'ReplicaSet' && hash !== '' && id.name.endsWith(hash)) {
      id.name = trimSuffix(id.name, `-${hash}`);
      id.kind = 'Deployment';
    } else if (id.kind === 'ReplicaSet' && rolloutHash !== '' && id.name.endsWith(rolloutHash)) {
      id.name = trimSuffix(id.name, `-${rolloutHash}`);
      id.kind = 'Rollout';
      id.apiVersion = 'v1alpha1';
    } else if (id.kind === 'ReplicationController' && (labels.deploymentconfig ?? '') !== '') {
      id.name = labels.deploymentconfig;
      id.kind = 'DeploymentConfig';
    } else if (id.kind === 'Job') {
      const m = CRONJOB_JOB_NAME.exec(id.name);
      if (m) {
        id.name = m[1];
        id.kind = 'CronJob';
        id.apiVersion = 'batch/v1';
      }
    }
  }
  if (id.name === '') id.name = str(meta.name);
  return id;
}

/** The name logs use for a pod that may not have one yet (controller-created pods only have generateName). */
export function podDisplayName(pod: PodJson): string {
  const name = str(pod.metadata.name);
  if (name !== '') return name;
  const generated = str(pod.metadata.generateName);
  return generated !== '' ? `${generated}***` : '';
}

function controllerRef(refs: unknown): JsonObject | undefined {
  if (!Array.isArray(refs)) return undefined;
  return refs.find((r): r is JsonObject => typeof r === 'object' && r !== null && !Array.isArray(r) && r.controller === true);
}

function trimSuffix(s: string, suffix: string): string {
  return s.endsWith(suffix) ? s.slice(0, -suffix.length) : s;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
