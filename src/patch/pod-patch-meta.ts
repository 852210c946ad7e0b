// The strategic-merge patch metadata of core/v1 Pod (the `patchStrategy`/`patchMergeKey` struct tags of
// k8s.io/api), reduced to what changes merge behaviour: which lists merge, by which key, and the nested
// structure under them. Every field not listed here is a map merged key by key or an atomic list.
import type { Json, JsonObject } from '../k8s/types.js';

export interface FieldMeta {
  /** `keyed`: a list of objects merged element-wise by `key`; `primitive`: a list of scalars unioned. */
  list?: 'keyed' | 'primitive';
  /** Identity of a list element for `keyed` lists; undefined when the element lacks the merge key. */
  key?: (element: JsonObject) => string | undefined;
  /** Name of the merge key, for messages. */
  keyName?: string;
  /** Metadata of the fields of the nested object (or of each list element). */
  fields?: PatchMeta;
}

export type PatchMeta = Record<string, FieldMeta>;

function scalarId(v: Json | undefined): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object') return 'j' + JSON.stringify(v);
  return (typeof v === 'string' ? 's' : 'n') + String(v);
}

function keyedBy(name: string, fields?: PatchMeta): FieldMeta {
  return { list: 'keyed', keyName: name, key: (e) => scalarId(e[name]), fields };
}

/** Container ports merge by containerPort; the protocol (default TCP) is part of the identity so a UDP
 *  and a TCP port with the same number stay two ports. */
const portsMeta: FieldMeta = {
  list: 'keyed',
  keyName: 'containerPort',
  key: (e) => {
    const id = scalarId(e.containerPort);
    if (id === undefined) return undefined;
    const protocol = typeof e.protocol === 'string' && e.protocol !== '' ? e.protocol : 'TCP';
    return `${id}/${protocol}`;
  },
};

/** Patch metadata of one container. */
export const CONTAINER_PATCH_META: PatchMeta = {
  ports: portsMeta,
  env: keyedBy('name'),
  volumeMounts: keyedBy('mountPath'),
  volumeDevices: keyedBy('devicePath'),
};

const podSpecMeta: PatchMeta = {
  containers: keyedBy('name', CONTAINER_PATCH_META),
  initContainers: keyedBy('name', CONTAINER_PATCH_META),
  ephemeralContainers: keyedBy('name', CONTAINER_PATCH_META),
  volumes: keyedBy('name'),
  imagePullSecrets: keyedBy('name'),
  schedulingGates: keyedBy('name'),
  resourceClaims: keyedBy('name'),
  hostAliases: keyedBy('ip'),
  topologySpreadConstraints: keyedBy('topologyKey'),
};

const objectMetaMeta: PatchMeta = {
  finalizers: { list: 'primitive', key: (e) => scalarId(e as unknown as Json) },
  ownerReferences: keyedBy('uid'),
};

/** Patch metadata of a whole Pod (`metadata`, `spec`). */
export const POD_PATCH_META: PatchMeta = {
  metadata: { fields: objectMetaMeta },
  spec: { fields: podSpecMeta },
};

/** Identity of a scalar element of a primitive list. */
export const primitiveId = (v: Json): string => scalarId(v) ?? 'null';
