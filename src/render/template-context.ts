// The data an injection template sees. Built-in and user ejs templates get the same object.
//
// Writing your own template (an ejs file that renders a partial Pod as YAML):
//
//   Data (plain JSON-shaped objects, Kubernetes/protobuf-JSON field names, never Go names):
//     pod                       {metadata, spec} of the pod being injected, after removing a previous
//                               injection (containers/volumes named in sidecar.istio.io/status)
//     workload                  {apiVersion, kind, name, namespace} of the owning workload
//     proxyConfig               effective ProxyConfig (mesh defaultConfig + proxy.istio.io/config), e.g.
//                               proxyConfig.interceptionMode, proxyConfig.proxyMetadata,
//                               proxyConfig.holdApplicationUntilProxyStarts
//     proxyConfigJson           PROXY_CONFIG value (ProxyConfig minus defaults, compact JSON, no newline)
//     meshConfig                mesh config (meshConfig.trustDomain, meshConfig.proxyListenPort, ...)
//     values                    Istio's `values` document (values.global.proxy.statusPort, ...)
//     revision                  serving revision, '' for the default revision
//     nativeSidecars            global native-sidecar decision (before the pod annotation)
//     proxyImage, proxyInitImage  computed image URLs (hub/name:tag[-variant])
//     proxyUID, proxyGID        ids the proxy runs as (1337 unless OpenShift ranges apply)
//     inboundTrafficPolicyMode  'localhost' or 'passthrough'
//     compliancePolicy          '' or e.g. 'fips-140-3'
//     istioVersion              the Istio version being emulated: '1.28', '1.30' or 'master'
//                               (--istio-version; the built-in templates follow its differences)
//
//   Helpers:
//     annotation(name, fallback)  pod annotation value, else fallback
//     annotationJson(name)        pod annotation parsed as a JSON object ({} when absent); a bad value
//                                 is an invalid-annotation error naming the annotation
//     label(name, fallback)       pod label value, else fallback
//     json(v)                     JSON literal; always correct as a YAML value (use it for every value)
//     str(v)                      v as a quoted string (numbers/booleans become strings)
//     int(v)                      v as an integer literal
//     truthy(v)                   Go template truthiness
//     get(obj, 'a.b.c', fallback) safe nested lookup
//     toYaml(v)                   block YAML text of v (indent it with indentLines(n, text))
//     omitNil(v)                  v without null map entries
//     excludeInboundPort(port, list), appendMultusNetwork(existing), otelResourceAttributes(),
//     canonicalName({truncate}), canonicalRevision(), appContainerNames(), podPortsJson(),
//     canonicalQuantity(q), pickImage(override, computed)
//
//   Use `<%- %>` (raw) with json()/str(): `<%= %>` HTML-escapes and is never what you want in YAML.
import { stringify } from 'yaml';
import type { IstioValues, MeshConfig, ProxyConfig, Settings } from '../config/types.js';
import type { IstioVersionKey } from '../config/defaults/istio-versions.js';
import type { Json, PodJson } from '../k8s/types.js';
import type { WorkloadIdentity } from '../inject-types.js';
import { InjectError } from '../errors.js';
import { canonicalQuantity } from '../k8s/quantity.js';
import {
  appendMultusNetwork,
  containerPortJson,
  excludeInboundPort,
  get,
  indentLines,
  int,
  json,
  omitNil,
  str,
  trimAll,
  truthy,
} from './template-helpers.js';

export interface TemplateContext {
  pod: PodJson;
  workload: WorkloadIdentity;
  proxyConfig: ProxyConfig;
  proxyConfigJson: string;
  meshConfig: MeshConfig;
  values: IstioValues;
  revision: string;
  nativeSidecars: boolean;
  proxyImage: string;
  proxyInitImage: string;
  proxyUID: number;
  proxyGID: number;
  inboundTrafficPolicyMode: 'localhost' | 'passthrough';
  compliancePolicy: string;
  istioVersion: IstioVersionKey;
  annotation: (name: string, fallback?: unknown) => any;
  annotationJson: (name: string) => Record<string, any>;
  label: (name: string, fallback?: unknown) => any;
  json: typeof json;
  str: typeof str;
  int: typeof int;
  truthy: typeof truthy;
  get: typeof get;
  toYaml: (v: unknown) => string;
  indentLines: typeof indentLines;
  omitNil: typeof omitNil;
  excludeInboundPort: typeof excludeInboundPort;
  appendMultusNetwork: typeof appendMultusNetwork;
  otelResourceAttributes: () => string;
  canonicalName: (opts?: { truncate?: boolean }) => string;
  canonicalRevision: () => string;
  appContainerNames: () => string[];
  podPortsJson: () => string;
  canonicalQuantity: (q: unknown) => string;
  pickImage: (override: unknown, computed: string) => string;
}

/** Names every template can use without `ctx.` (ejs destructuredLocals). */
export const TEMPLATE_LOCALS: readonly (keyof TemplateContext)[] = [
  'pod', 'workload', 'proxyConfig', 'proxyConfigJson', 'meshConfig', 'values', 'revision', 'nativeSidecars',
  'proxyImage', 'proxyInitImage', 'proxyUID', 'proxyGID', 'inboundTrafficPolicyMode', 'compliancePolicy',
  'istioVersion', 'annotation', 'annotationJson', 'label', 'json', 'str', 'int', 'truthy', 'get', 'toYaml', 'indentLines', 'omitNil',
  'excludeInboundPort', 'appendMultusNetwork', 'otelResourceAttributes', 'canonicalName', 'canonicalRevision',
  'appContainerNames', 'podPortsJson', 'canonicalQuantity', 'pickImage',
];

export interface ContextInput {
  pod: PodJson;
  workload: WorkloadIdentity;
  proxyConfig: ProxyConfig;
  proxyConfigJson: string;
  settings: Settings;
  proxyImage: string;
  proxyInitImage: string;
  proxyUID: number;
  proxyGID: number;
}

function containersOf(pod: PodJson): Array<Record<string, Json>> {
  const list = pod.spec.containers;
  return Array.isArray(list) ? (list.filter((c) => c && typeof c === 'object' && !Array.isArray(c)) as Array<Record<string, Json>>) : [];
}

/** The part of an image reference after the repository: `tag@digest`, `digest` or `tag` (spec c.5). */
function imageVersion(image: string): string {
  let digest = '';
  let rest = image;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  const tag = colon > slash ? rest.slice(colon + 1) : '';
  if (tag && digest) return `${tag}@${digest}`;
  return digest || tag;
}

function hasOtelSemanticConventions(mesh: MeshConfig): boolean {
  const providers = Array.isArray(mesh.extensionProviders) ? mesh.extensionProviders : [];
  return providers.some((p) => get(p, 'opentelemetry.serviceAttributeEnrichment') === 'OTEL_SEMANTIC_CONVENTIONS');
}

export function buildTemplateContext(input: ContextInput): TemplateContext {
  const { pod, workload, settings } = input;
  const annotations = (pod.metadata.annotations ?? {}) as Record<string, string>;
  const labels = (pod.metadata.labels ?? {}) as Record<string, string>;
  const has = (m: Record<string, string>, k: string) => Object.prototype.hasOwnProperty.call(m, k);
  const annotation = (name: string, fallback: unknown = '') => (has(annotations, name) ? annotations[name] : fallback);
  const label = (name: string, fallback: unknown = '') => (has(labels, name) ? labels[name] : fallback);
  const appContainerNames = () =>
    containersOf(pod)
      .map((c) => String(c.name ?? ''))
      .filter((n) => n !== 'istio-proxy');
  const workloadNamespace = workload.namespace || pod.metadata.namespace || 'default';

  const inboundMode = get(settings.mesh, 'inboundTrafficPolicy.mode');
  return {
    pod,
    workload,
    proxyConfig: input.proxyConfig,
    proxyConfigJson: input.proxyConfigJson,
    meshConfig: settings.mesh,
    values: settings.values,
    revision: settings.revision,
    nativeSidecars: settings.nativeSidecars,
    proxyImage: input.proxyImage,
    proxyInitImage: input.proxyInitImage,
    proxyUID: input.proxyUID,
    proxyGID: input.proxyGID,
    inboundTrafficPolicyMode: inboundMode === 'LOCALHOST' || inboundMode === 1 ? 'localhost' : 'passthrough',
    compliancePolicy: settings.compliancePolicy,
    istioVersion: settings.istioVersion,
    annotation,
    annotationJson: (name: string) => {
      if (!has(annotations, name)) return {};
      let parsed: unknown;
      try {
        parsed = JSON.parse(annotations[name]!);
      } catch (e) {
        throw new InjectError(`invalid value for annotation '${name}': not JSON (${(e as Error).message})`, 'invalid-annotation', name);
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new InjectError(`invalid value for annotation '${name}': expected a JSON object`, 'invalid-annotation', name);
      }
      return parsed as Record<string, any>;
    },
    label,
    json,
    str,
    int,
    truthy,
    get,
    toYaml: (v: unknown) => stringify(v, { version: '1.1' }),
    indentLines,
    omitNil,
    excludeInboundPort,
    appendMultusNetwork,
    otelResourceAttributes: () => {
      if (!hasOtelSemanticConventions(settings.mesh)) return '';
      const parts: string[] = [];
      const ns = annotation('resource.opentelemetry.io/service.namespace', workloadNamespace);
      if (ns) parts.push(`service.namespace=${ns}`);
      let version = annotation('resource.opentelemetry.io/service.version', '') || label('app.kubernetes.io/version', '');
      const containers = containersOf(pod);
      if (!version && containers.length === 1) version = imageVersion(String(containers[0]!.image ?? ''));
      if (version) parts.push(`service.version=${version}`);
      const first = containers.length > 0 ? String(containers[0]!.name ?? '') : '';
      const instance = annotation('resource.opentelemetry.io/service.instance.id', '') || (first ? `${workloadNamespace}.$(POD_NAME).${first}` : '');
      if (instance) parts.push(`service.instance.id=${instance}`);
      return parts.join(',');
    },
    canonicalName: (opts = {}) => {
      const name =
        label('service.istio.io/canonical-name', '') || label('app.kubernetes.io/name', '') || label('app', '') || workload.name;
      if (opts.truncate === false) return String(name);
      // Sprig's trunc counts bytes. Released Istio trims one trailing "-" (`trimSuffix "-"`); master
      // trims "-", "_" and "." at both ends (`trimAll "-_."`).
      const cut = Buffer.from(String(name), 'utf8').subarray(0, 63).toString('utf8');
      if (settings.istioVersion === 'master') return trimAll('-_.', cut);
      return cut.endsWith('-') ? cut.slice(0, -1) : cut;
    },
    canonicalRevision: () =>
      String(label('service.istio.io/canonical-revision', '') || label('app.kubernetes.io/version', '') || label('version', '') || 'latest'),
    appContainerNames,
    podPortsJson: () => {
      const items: string[] = [];
      for (const c of containersOf(pod)) {
        const ports = Array.isArray(c.ports) ? c.ports : [];
        for (const p of ports) items.push(containerPortJson(p));
      }
      return '[' + items.map((j, i) => `\n    ${i ? ',' : ''}${j}`).join('') + '\n]';
    },
    canonicalQuantity: (q: unknown) => canonicalQuantity(String(q)),
    pickImage: (override: unknown, computed: string) => {
      const o = override === undefined || override === null ? '' : String(override);
      return o.includes('/') ? o : computed;
    },
  };
}
