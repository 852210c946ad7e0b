// The workload a Pod belongs to, as istiod's webhook derives it (GetDeployMetaFromPod, spec d.7):
// the controller owner reference, refined by the labels controllers stamp on their pods.
import type { Json, PodJson } from '../k8s/types.js';
import type { WorkloadIdentity } from '../inject-types.js';
import { stringField } from './json-path.js';
import { isObject } from '../k8s/json.js';

const CRONJOB_JOB_NAME = /^(.+)-\d{8,10}$/;

export function podIdentity(pod: PodJson): WorkloadIdentity {
  const meta = pod.metadata ?? {};
  const podName = stringField(meta, 'name');
  const id: WorkloadIdentity = { apiVersion: 'v1', kind: 'Pod', name: podName, namespace: stringField(meta, 'namespace') };
  const labels = isObject(meta.labels as Json) ? (meta.labels as Record<string, Json>) : {};
  const label = (k: string): string => (typeof labels[k] === 'string' ? (labels[k] as string) : '');

  if (stringField(meta, 'generateName') !== '') {
    const owner = controllerOwner(meta.ownerReferences as Json);
    if (owner) {
      id.apiVersion = stringField(owner, 'apiVersion');
      id.kind = stringField(owner, 'kind');
      id.name = stringField(owner, 'name');
      const hash = label('pod-template-hash');
      const rolloutsHash = label('rollouts-pod-template-hash');
      if (id.kind === 'ReplicaSet' && hash !== '' && id.name.endsWith(hash)) {
        id.name = trimSuffix(id.name, '-' + hash);
        id.kind = 'Deployment';
      } else if (id.kind === 'ReplicaSet' && rolloutsHash !== '' && id.name.endsWith(rolloutsHash)) {
        id.name = trimSuffix(id.name, '-' + rolloutsHash);
        id.kind = 'Rollout';
        id.apiVersion = 'v1alpha1';
      } else if (id.kind === 'ReplicationController' && label('deploymentconfig') !== '') {
        id.name = label('deploymentconfig');
        id.kind = 'DeploymentConfig';
      } else if (id.kind === 'Job') {
        // CronJob-created jobs are named <cronjob>-<scheduled time in minutes>; the CronJob's
        // apiVersion cannot be seen from the pod, so batch/v1 is assumed as upstream does.
        const m = CRONJOB_JOB_NAME.exec(id.name);
        if (m) {
          id.name = m[1]!;
          id.kind = 'CronJob';
          id.apiVersion = 'batch/v1';
        }
      }
    }
  }
  if (id.name === '') id.name = podName;
  return id;
}

function controllerOwner(refs: Json | undefined): Record<string, Json> | undefined {
  if (!Array.isArray(refs)) return undefined;
  for (const ref of refs) {
    if (isObject(ref) && ref.controller === true) return ref;
  }
  return undefined;
}

function trimSuffix(s: string, suffix: string): string {
  return s.endsWith(suffix) ? s.slice(0, s.length - suffix.length) : s;
}
