// The pods a controller would create from workload manifests, the way Istio's webhook golden test
// builds them (spec f.1, objectToPod): template metadata gets generateName and a controller owner
// reference; Deployments go through a ReplicaSet `<name>-fake` with label pod-template-hash=fake.
type Obj = Record<string, any>;

export interface ControllerPod {
  kind: string;
  name: string;
  namespace: string;
  pod: Obj;
}

const TEMPLATE_KINDS = new Set(['Deployment', 'DaemonSet', 'ReplicaSet', 'Job', 'StatefulSet', 'ReplicationController', 'DeploymentConfig']);

/** Pods for every workload in the documents (Lists split); non-workload documents are dropped. */
export function controllerPods(docs: unknown[]): ControllerPod[] {
  const out: ControllerPod[] = [];
  for (const doc of docs) {
    if (!doc || typeof doc !== 'object') continue;
    const d = doc as Obj;
    if (d.kind === 'List') {
      out.push(...controllerPods(d.items ?? []));
      continue;
    }
    const pod = objectToPod(d);
    if (pod) out.push({ kind: d.kind, name: d.metadata?.name ?? '', namespace: d.metadata?.namespace ?? '', pod });
  }
  return out;
}

export function objectToPod(d: Obj): Obj | undefined {
  const name: string = d.metadata?.name ?? '';
  const namespace: string | undefined = d.metadata?.namespace;
  if (d.kind === 'Pod') return structuredClone({ apiVersion: 'v1', kind: 'Pod', metadata: d.metadata ?? {}, spec: d.spec ?? {} });
  let template: Obj | undefined;
  if (d.kind === 'CronJob') template = d.spec?.jobTemplate?.spec?.template;
  else if (TEMPLATE_KINDS.has(d.kind)) template = d.spec?.template;
  else return undefined;
  if (!template) return undefined;
  const metadata: Obj = structuredClone(template.metadata ?? {});
  if (namespace !== undefined) metadata.namespace = namespace;
  if (d.kind === 'Deployment') {
    metadata.generateName = `${name}-fake-`;
    metadata.labels = { ...metadata.labels, 'pod-template-hash': 'fake' };
    metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${name}-fake`, uid: 'fake-uid', controller: true }];
  } else {
    metadata.generateName = name;
    metadata.ownerReferences = [{ apiVersion: d.apiVersion, kind: d.kind, name, uid: 'fake-uid', controller: true }];
  }
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: structuredClone(template.spec ?? {}) };
}
