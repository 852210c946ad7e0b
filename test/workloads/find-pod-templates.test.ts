import test from 'ava';
import { findPodTemplates, getAt, isLocalConfig } from '../../src/workloads/index.js';
import type { Json } from '../../src/k8s/types.js';

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } };

function workload(apiVersion: string, kind: string, spec: Json, name = 'web', namespace?: string): Json {
  return { apiVersion, kind, metadata: namespace ? { name, namespace } : { name }, spec };
}

const kinds: [string, string, (string | number)[], Json][] = [
  ['v1', 'Pod', [], template.spec],
  ['v1', 'ReplicationController', ['spec', 'template'], { template }],
  ['apps/v1', 'Deployment', ['spec', 'template'], { template }],
  ['apps/v1beta1', 'Deployment', ['spec', 'template'], { template }],
  ['extensions/v1beta1', 'Deployment', ['spec', 'template'], { template }],
  ['apps/v1', 'DaemonSet', ['spec', 'template'], { template }],
  ['extensions/v1beta1', 'DaemonSet', ['spec', 'template'], { template }],
  ['apps/v1', 'ReplicaSet', ['spec', 'template'], { template }],
  ['apps/v1', 'StatefulSet', ['spec', 'template'], { template }],
  ['batch/v1', 'Job', ['spec', 'template'], { template }],
  ['batch/v1', 'CronJob', ['spec', 'jobTemplate', 'spec', 'template'], { schedule: '* * * * *', jobTemplate: { metadata: {}, spec: { template } } }],
  ['batch/v1beta1', 'CronJob', ['spec', 'jobTemplate', 'spec', 'template'], { jobTemplate: { spec: { template } } }],
  ['apps.openshift.io/v1', 'DeploymentConfig', ['spec', 'template'], { template }],
  ['v1', 'DeploymentConfig', ['spec', 'template'], { template }],
];

for (const [apiVersion, kind, path, spec] of kinds) {
  test(`${apiVersion} ${kind} has its pod template at ${path.join('.') || 'the root'}`, (t) => {
    const doc = kind === 'Pod' ? { apiVersion, kind, metadata: { name: 'web', namespace: 'shop' }, spec } : workload(apiVersion, kind, spec, 'web', 'shop');
    const locs = findPodTemplates(doc);
    t.deepEqual(locs, [{ path, kind, apiVersion, name: 'web', namespace: 'shop' }]);
    const found = getAt(doc, locs[0]!.path) as { spec?: { containers?: unknown[] } };
    t.deepEqual(found.spec?.containers, template.spec.containers, 'the path leads to the pod template');
  });
}

test('CronJob: the pod template, not jobTemplate.metadata (spec i.1)', (t) => {
  const doc = workload('batch/v1', 'CronJob', { jobTemplate: { metadata: { labels: { job: 'x' } }, spec: { template } } });
  const [loc] = findPodTemplates(doc);
  t.deepEqual(loc!.path, ['spec', 'jobTemplate', 'spec', 'template']);
  t.notDeepEqual(loc!.path, ['spec', 'jobTemplate']);
});

const notWorkloads: [string, string][] = [
  ['example.com/v1', 'Deployment'],
  ['example.com/v1', 'Pod'],
  ['apps/v1', 'Pod'],
  ['v1', 'Deployment'],
  ['v1', 'Job'],
  ['batch/v1', 'Deployment'],
  ['apps/v1', 'CronJob'],
  ['v1', 'Service'],
  ['v1', 'ConfigMap'],
  ['argoproj.io/v1alpha1', 'Rollout'],
  ['networking.k8s.io/v1', 'List'],
];
for (const [apiVersion, kind] of notWorkloads) {
  test(`${apiVersion} ${kind} is not a workload`, (t) => {
    t.deepEqual(findPodTemplates(workload(apiVersion, kind, { template, items: [] })), []);
  });
}

test('documents that are not objects or have no kind pass through', (t) => {
  for (const doc of [null, 'text', 42, [], {}, { apiVersion: 'v1' }, { kind: 5, apiVersion: 'v1' }] as Json[]) {
    t.deepEqual(findPodTemplates(doc), [], JSON.stringify(doc));
  }
});

test('a v1 List yields one location per workload item, recursively', (t) => {
  const list: Json = {
    apiVersion: 'v1',
    kind: 'List',
    items: [
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' } },
      workload('apps/v1', 'Deployment', { template }, 'a', 'ns1'),
      {
        apiVersion: 'v1',
        kind: 'List',
        items: [workload('batch/v1', 'CronJob', { jobTemplate: { spec: { template } } }, 'c'), workload('example.com/v1', 'Deployment', { template }, 'crd')],
      },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: template.spec },
    ],
  };
  const locs = findPodTemplates(list);
  t.deepEqual(
    locs.map((l) => [l.path, l.kind, l.name, l.namespace]),
    [
      [['items', 1, 'spec', 'template'], 'Deployment', 'a', 'ns1'],
      [['items', 2, 'items', 0, 'spec', 'jobTemplate', 'spec', 'template'], 'CronJob', 'c', ''],
      [['items', 3], 'Pod', 'p', ''],
    ],
  );
  for (const l of locs) t.truthy(getAt(list, l.path), l.path.join('.'));
});

test('a List without items, or with items that are not a list, yields nothing', (t) => {
  t.deepEqual(findPodTemplates({ apiVersion: 'v1', kind: 'List' }), []);
  t.deepEqual(findPodTemplates({ apiVersion: 'v1', kind: 'List', items: { a: 1 } }), []);
});

test('custom kinds: exact apiVersion, bare group, group/*, and dotted paths', (t) => {
  const rollout = workload('argoproj.io/v1alpha1', 'Rollout', { template }, 'r', 'shop');
  const exact = [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', podTemplatePath: 'spec.template' }];
  t.deepEqual(findPodTemplates(rollout, exact), [{ path: ['spec', 'template'], kind: 'Rollout', apiVersion: 'argoproj.io/v1alpha1', name: 'r', namespace: 'shop' }]);
  t.is(findPodTemplates(rollout, [{ apiVersion: 'argoproj.io', kind: 'Rollout', podTemplatePath: 'spec.template' }]).length, 1);
  t.is(findPodTemplates(rollout, [{ apiVersion: 'argoproj.io/*', kind: 'Rollout', podTemplatePath: 'spec.template' }]).length, 1);
  t.deepEqual(findPodTemplates(rollout, [{ apiVersion: 'argoproj.io/v1', kind: 'Rollout', podTemplatePath: 'spec.template' }]), [], 'another version');
  t.deepEqual(findPodTemplates(rollout, [{ apiVersion: 'argoproj', kind: 'Rollout', podTemplatePath: 'spec.template' }]), [], 'a group prefix is not the group');
  t.deepEqual(findPodTemplates(rollout, [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Experiment', podTemplatePath: 'spec.template' }]), [], 'another kind');

  const nested = { apiVersion: 'example.com/v1', kind: 'Worker', metadata: { name: 'w' }, spec: { pools: [{ template }] } };
  const locs = findPodTemplates(nested, [{ apiVersion: 'example.com/v1', kind: 'Worker', podTemplatePath: 'spec.pools.0.template' }]);
  t.deepEqual(locs[0]!.path, ['spec', 'pools', 0, 'template']);
  t.deepEqual(getAt(nested, locs[0]!.path), template);
});

test('custom kinds also work inside a List and take precedence over built-ins', (t) => {
  const list: Json = { apiVersion: 'v1', kind: 'List', items: [workload('argoproj.io/v1alpha1', 'Rollout', { template }, 'r')] };
  t.deepEqual(findPodTemplates(list, [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', podTemplatePath: 'spec.template' }])[0]!.path, ['items', 0, 'spec', 'template']);
  const odd = workload('apps/v1', 'Deployment', { other: template });
  t.deepEqual(findPodTemplates(odd, [{ apiVersion: 'apps/v1', kind: 'Deployment', podTemplatePath: 'spec.other' }])[0]!.path, ['spec', 'other']);
});

test('a workload without its pod template is returned with a problem to report', (t) => {
  const [rc] = findPodTemplates(workload('v1', 'ReplicationController', { replicas: 1 }, 'legacy'));
  t.is(rc!.kind, 'ReplicationController');
  t.is(rc!.problem, 'ReplicationController "legacy": spec.template is required (the pod template to inject into is missing or not a mapping)');
  const [cj] = findPodTemplates(workload('batch/v1', 'CronJob', { jobTemplate: { spec: {} } }, 'nightly'));
  t.regex(cj!.problem ?? '', /^CronJob "nightly": spec\.jobTemplate\.spec\.template is required/);
  const [dep] = findPodTemplates({ apiVersion: 'apps/v1', kind: 'Deployment', spec: { template: 'oops' } });
  t.regex(dep!.problem ?? '', /^Deployment: spec\.template is required/);
  const [custom] = findPodTemplates(workload('argoproj.io/v1alpha1', 'Rollout', { workloadRef: { name: 'x' } }, 'r'), [
    { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', podTemplatePath: 'spec.template' },
  ]);
  t.regex(custom!.problem ?? '', /^Rollout "r": spec\.template is required/);
  t.is(findPodTemplates(workload('apps/v1', 'Deployment', { template }))[0]!.problem, undefined);
});

test('local-config objects are recognised and never yield pod templates', (t) => {
  const local = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x', annotations: { 'config.kubernetes.io/local-config': 'true' } }, spec: { template } };
  t.true(isLocalConfig(local));
  t.deepEqual(findPodTemplates(local), []);
  const kptfile = { apiVersion: 'kpt.dev/v1', kind: 'Kptfile', metadata: { name: 'pkg', annotations: { 'config.kubernetes.io/local-config': 'true' } } };
  t.true(isLocalConfig(kptfile));
  const notLocal = { ...local, metadata: { name: 'x', annotations: { 'config.kubernetes.io/local-config': 'false' } } };
  t.false(isLocalConfig(notLocal));
  t.is(findPodTemplates(notLocal).length, 1);
  t.false(isLocalConfig({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } }));
  t.false(isLocalConfig(null));
  const list: Json = { apiVersion: 'v1', kind: 'List', items: [local, workload('apps/v1', 'Deployment', { template }, 'kept')] };
  t.deepEqual(findPodTemplates(list).map((l) => l.name), ['kept']);
});
