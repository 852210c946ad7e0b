// The data a Go injection template executes on: Istio's SidecarTemplateData, with every field typed as
// in istiod (k8s structs for the pod, protobuf structs for ProxyConfig/MeshConfig, `.Values` decoded from
// JSON so its numbers are float64). The MeshConfig and Values parts depend only on the settings: build
// them once with settingsTemplateData and pass them for every pod.
import type { JsonObject } from '../../k8s/types.js';
import { GoInt, GoMap, GoPtr, GoStruct, T, type GoValue } from '../../gotemplate/value.js';
import type { JsonFieldDef, JsonStructDef } from './go-json.js';
import { k8sValue, OBJECT_META, POD_SPEC, TYPE_META } from './k8s-types.js';
import { MESH_CONFIG_SCHEMA } from './mesh-config-schema.js';
import { messageDef, PROXY_CONFIG_DEF, PROXY_CONFIG_SCHEMA, protoValue } from './proto-types.js';

/** Kubernetes minor version as istiod reports it (`1.34` gives 134) when the caller knows none. */
export const DEFAULT_KUBE_VERSION = 134;

export const MESH_CONFIG_DEF = messageDef(MESH_CONFIG_SCHEMA);

const field = (type: Parameters<typeof T.ptr>[0]): JsonFieldDef => ({ type, typed: true });

/** inject.SidecarTemplateData. */
export const SIDECAR_TEMPLATE_DATA: JsonStructDef = {
  name: 'inject.SidecarTemplateData',
  fields: new Map<string, JsonFieldDef>([
    ['TypeMeta', field(T.struct(TYPE_META))],
    ['DeploymentMeta', field(T.struct(OBJECT_META))],
    ['ObjectMeta', field(T.struct(OBJECT_META))],
    ['Spec', field(T.struct(POD_SPEC))],
    ['ProxyConfig', field(T.ptr(T.struct(PROXY_CONFIG_DEF)))],
    ['MeshConfig', field(T.ptr(T.struct(MESH_CONFIG_DEF)))],
    ['Values', field(T.map(T.interface))],
    ['Revision', field(T.string)],
    ['NativeSidecars', field(T.bool)],
    ['ProxyImage', field(T.string)],
    ['ProxyInitImage', field(T.string)],
    ['InboundTrafficPolicyMode', field(T.string)],
    ['CompliancePolicy', field(T.string)],
    ['ProxyUID', field(T.int64)],
    ['ProxyGID', field(T.int64)],
    ['KubeVersion', field(T.int)],
  ]),
};

/** The parts of the data that depend only on the settings (mesh config and values). */
export interface SettingsTemplateData {
  readonly meshConfig: GoPtr;
  readonly values: GoMap;
  readonly inboundTrafficPolicyMode: 'localhost' | 'passthrough';
}

/** Builds the per-settings part: typed `*MeshConfig`, `.Values` as map[string]any, the inbound policy mode. */
export function settingsTemplateData(mesh: JsonObject, values: JsonObject): SettingsTemplateData {
  const inbound = mesh.inboundTrafficPolicy;
  const mode = inbound !== null && typeof inbound === 'object' && !Array.isArray(inbound) ? inbound.mode : undefined;
  return {
    meshConfig: protoValue(MESH_CONFIG_SCHEMA, mesh),
    values: new GoMap(T.interface, values),
    inboundTrafficPolicyMode: mode === 'LOCALHOST' || mode === 1 ? 'localhost' : 'passthrough',
  };
}

const cache = new WeakMap<JsonObject, { values: JsonObject; data: SettingsTemplateData }>();

/** settingsTemplateData, remembered per (mesh, values) object pair: settings objects live for a run. */
export function cachedSettingsTemplateData(mesh: JsonObject, values: JsonObject): SettingsTemplateData {
  const hit = cache.get(mesh);
  if (hit && hit.values === values) return hit.data;
  const data = settingsTemplateData(mesh, values);
  cache.set(mesh, { values, data });
  return data;
}

export interface TemplateDataInput {
  /** The pod after stripping a previous injection: `metadata` and `spec` as JSON. */
  pod: { metadata?: object; spec?: object };
  /** The workload owning the pod (kube-inject: the manifest's object; webhook: derived from the pod). */
  workload: { apiVersion: string; kind: string; name: string; namespace: string };
  /** The effective ProxyConfig (protobuf-JSON). */
  proxyConfig: JsonObject;
  /** From settingsTemplateData / cachedSettingsTemplateData. */
  settings: SettingsTemplateData;
  revision: string;
  nativeSidecars: boolean;
  proxyImage: string;
  proxyInitImage: string;
  proxyUID: number;
  proxyGID: number;
  compliancePolicy: string;
  /** Kubernetes version as major*100+minor (default DEFAULT_KUBE_VERSION). */
  kubeVersion?: number;
}

/** The SidecarTemplateData for one pod. */
export function buildTemplateData(input: TemplateDataInput): GoStruct {
  const w = input.workload;
  const fields: Record<string, GoValue> = {
    TypeMeta: k8sValue('v1.TypeMeta', { apiVersion: w.apiVersion, kind: w.kind }),
    DeploymentMeta: k8sValue('v1.ObjectMeta', { name: w.name, namespace: w.namespace }),
    ObjectMeta: k8sValue('v1.ObjectMeta', input.pod.metadata ?? {}),
    Spec: k8sValue('v1.PodSpec', input.pod.spec ?? {}),
    ProxyConfig: protoValue(PROXY_CONFIG_SCHEMA, input.proxyConfig),
    MeshConfig: input.settings.meshConfig,
    Values: input.settings.values,
    Revision: input.revision,
    NativeSidecars: input.nativeSidecars,
    ProxyImage: input.proxyImage,
    ProxyInitImage: input.proxyInitImage,
    InboundTrafficPolicyMode: input.settings.inboundTrafficPolicyMode,
    CompliancePolicy: input.compliancePolicy,
    ProxyUID: new GoInt('int64', input.proxyUID),
    ProxyGID: new GoInt('int64', input.proxyGID),
    KubeVersion: new GoInt('int', input.kubeVersion ?? DEFAULT_KUBE_VERSION),
  };
  return new GoStruct(SIDECAR_TEMPLATE_DATA, fields);
}
