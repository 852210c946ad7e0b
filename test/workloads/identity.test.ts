import test from 'ava';
import { findPodTemplates, podIdentity, workloadIdentity } from '../../src/workloads/index.js';
import type { Json, PodJson } from '../../src/k8s/types.js';

const template = { metadata: {}, spec: { containers: [{ name: 'c', image: 'i' }] } };

test('kube-inject identity is the workload itself (a List item: the item)', (t) => {
  const cron: Json = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly', namespace: 'ops' }, spec: { jobTemplate: { spec: { template } } } };
  t.deepEqual(workloadIdentity(findPodTemplates(cron)[0]!), { apiVersion: 'batch/v1', kind: 'CronJob', name: 'nightly', namespace: 'ops' });
  const list: Json = { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'apps.openshift.io/v1', kind: 'DeploymentConfig', metadata: { name: 'dc' }, spec: { template } }] };
  t.deepEqual(workloadIdentity(findPodTemplates(list)[0]!, list), { apiVersion: 'apps.openshift.io/v1', kind: 'DeploymentConfig', name: 'dc', namespace: '' });
});

test('a Pod document is identified through its owner, when the root is given', (t) => {
  const doc: Json = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web-7d4b9-abcde',
      generateName: 'web-7d4b9-',
      namespace: 'shop',
      labels: { 'pod-template-hash': '7d4b9' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9', controller: true }],
    },
    spec: template.spec,
  };
  const loc = findPodTemplates(doc)[0]!;
  t.deepEqual(workloadIdentity(loc, doc), { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop' });
  t.deepEqual(workloadIdentity(loc), { apiVersion: 'v1', kind: 'Pod', name: 'web-7d4b9-abcde', namespace: 'shop' });
});

function pod(meta: Record<string, unknown>): PodJson {
  return { metadata: meta as PodJson['metadata'], spec: {} };
}
const owner = (kind: string, name: string, apiVersion = 'apps/v1', controller: unknown = true) => [{ apiVersion, kind, name, controller }];

test('podIdentity: a bare pod is itself', (t) => {
  t.deepEqual(podIdentity(pod({ name: 'p', namespace: 'n' })), { apiVersion: 'v1', kind: 'Pod', name: 'p', namespace: 'n' });
  t.deepEqual(podIdentity(pod({})), { apiVersion: 'v1', kind: 'Pod', name: '', namespace: '' });
});

test('podIdentity: owners count only with generateName and controller: true', (t) => {
  t.deepEqual(podIdentity(pod({ name: 'p', ownerReferences: owner('StatefulSet', 'db') })).kind, 'Pod', 'no generateName');
  t.deepEqual(podIdentity(pod({ name: 'p', generateName: 'db-', ownerReferences: owner('StatefulSet', 'db', 'apps/v1', false) })).kind, 'Pod', 'not the controller');
  t.deepEqual(podIdentity(pod({ name: 'db-0', generateName: 'db-', namespace: 'n', ownerReferences: owner('StatefulSet', 'db') })), {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    name: 'db',
    namespace: 'n',
  });
});

test('podIdentity: ReplicaSet with pod-template-hash -> Deployment', (t) => {
  const id = podIdentity(pod({ generateName: 'web-abc-', labels: { 'pod-template-hash': 'abc' }, ownerReferences: owner('ReplicaSet', 'web-abc') }));
  t.deepEqual(id, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: '' });
  const other = podIdentity(pod({ generateName: 'rs-', labels: { 'pod-template-hash': 'zzz' }, ownerReferences: owner('ReplicaSet', 'web-abc') }));
  t.deepEqual([other.kind, other.name], ['ReplicaSet', 'web-abc'], 'hash not a suffix of the owner');
});

test('podIdentity: ReplicaSet with rollouts-pod-template-hash -> Rollout v1alpha1', (t) => {
  const id = podIdentity(pod({ generateName: 'r-', labels: { 'rollouts-pod-template-hash': '5f6' }, ownerReferences: owner('ReplicaSet', 'canary-5f6') }));
  t.deepEqual(id, { apiVersion: 'v1alpha1', kind: 'Rollout', name: 'canary', namespace: '' });
});

test('podIdentity: ReplicationController with deploymentconfig label -> DeploymentConfig', (t) => {
  const id = podIdentity(pod({ generateName: 'dc-1-', labels: { deploymentconfig: 'frontend' }, ownerReferences: owner('ReplicationController', 'frontend-1', 'v1') }));
  t.deepEqual(id, { apiVersion: 'v1', kind: 'DeploymentConfig', name: 'frontend', namespace: '' });
});

test('podIdentity: Job named <cronjob>-<8..10 digits> -> CronJob batch/v1', (t) => {
  const id = podIdentity(pod({ generateName: 'x-', ownerReferences: owner('Job', 'backup-28471230', 'batch/v1') }));
  t.deepEqual(id, { apiVersion: 'batch/v1', kind: 'CronJob', name: 'backup', namespace: '' });
  t.is(podIdentity(pod({ generateName: 'x-', ownerReferences: owner('Job', 'backup-1234567', 'batch/v1') })).kind, 'Job', '7 digits');
  t.is(podIdentity(pod({ generateName: 'x-', ownerReferences: owner('Job', 'backup-12345678901', 'batch/v1') })).kind, 'Job', '11 digits');
  t.deepEqual(podIdentity(pod({ generateName: 'x-', ownerReferences: owner('Job', 'a-b-1234567890', 'batch/v1') })).name, 'a-b', '10 digits, dashes in the name');
});

test('podIdentity: an owner without a name falls back to the pod name', (t) => {
  const id = podIdentity(pod({ name: 'p-1', generateName: 'p-', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', controller: true }] }));
  t.deepEqual(id, { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'p-1', namespace: '' });
});
