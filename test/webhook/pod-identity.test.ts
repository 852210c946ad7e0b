// d.7 as the webhook relies on it: the workload identity of controller-created pods.
import test from 'ava';
import { podIdentity } from '../../src/workloads/index.js';
import { podDisplayName } from '../../src/webhook/pod-display-name.js';
import type { PodJson } from '../../src/k8s/types.js';

const owner = (kind: string, name: string, apiVersion = 'apps/v1', controller = true) => ({ apiVersion, kind, name, uid: 'u', controller });
const pod = (meta: Record<string, unknown>): PodJson => ({ metadata: { namespace: 'ns', ...meta } as PodJson['metadata'], spec: {} });

test('bare pod is its own workload', (t) => {
  t.deepEqual(podIdentity(pod({ name: 'p' })), { apiVersion: 'v1', kind: 'Pod', name: 'p', namespace: 'ns' });
});

test('owner references are ignored without generateName', (t) => {
  t.is(podIdentity(pod({ name: 'p', ownerReferences: [owner('ReplicaSet', 'rs')] })).kind, 'Pod');
});

test('Deployment from ReplicaSet + pod-template-hash', (t) => {
  const id = podIdentity(pod({ generateName: 'web-5d9c-', labels: { 'pod-template-hash': '5d9c' }, ownerReferences: [owner('ReplicaSet', 'web-5d9c')] }));
  t.deepEqual(id, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'ns' });
});

test('ReplicaSet whose name does not end with the hash stays a ReplicaSet', (t) => {
  const id = podIdentity(pod({ generateName: 'rs-', labels: { 'pod-template-hash': 'zzz' }, ownerReferences: [owner('ReplicaSet', 'rs-abc')] }));
  t.deepEqual(id, { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs-abc', namespace: 'ns' });
});

test('Argo Rollout from rollouts-pod-template-hash', (t) => {
  const id = podIdentity(pod({ generateName: 'r-', labels: { 'rollouts-pod-template-hash': 'h1' }, ownerReferences: [owner('ReplicaSet', 'ro-h1')] }));
  t.deepEqual(id, { apiVersion: 'v1alpha1', kind: 'Rollout', name: 'ro', namespace: 'ns' });
});

test('DeploymentConfig from ReplicationController + deploymentconfig label', (t) => {
  const id = podIdentity(pod({ generateName: 'dc-1-', labels: { deploymentconfig: 'dc' }, ownerReferences: [owner('ReplicationController', 'dc-1', 'v1')] }));
  t.deepEqual(id, { apiVersion: 'v1', kind: 'DeploymentConfig', name: 'dc', namespace: 'ns' });
});

test('CronJob from a Job with a timestamp suffix; a plain Job stays a Job', (t) => {
  t.deepEqual(podIdentity(pod({ generateName: 'x-', ownerReferences: [owner('Job', 'backup-28391920', 'batch/v1')] })),
    { apiVersion: 'batch/v1', kind: 'CronJob', name: 'backup', namespace: 'ns' });
  t.deepEqual(podIdentity(pod({ generateName: 'x-', ownerReferences: [owner('Job', 'backup-1234567', 'batch/v1')] })),
    { apiVersion: 'batch/v1', kind: 'Job', name: 'backup-1234567', namespace: 'ns' });
});

test('only the controller reference counts', (t) => {
  const id = podIdentity(pod({ generateName: 'x-', ownerReferences: [owner('ConfigMap', 'cm', 'v1', false), owner('StatefulSet', 'db')] }));
  t.deepEqual(id, { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', namespace: 'ns' });
});

test('display name falls back to generateName***', (t) => {
  t.is(podDisplayName(pod({ generateName: 'web-' })), 'web-***');
  t.is(podDisplayName(pod({ name: 'p' })), 'p');
});
