// The `mesh` key of the `istio` ConfigMap, applied onto DefaultMeshConfig() like Istio's
// ApplyMeshConfig (pkg/config/mesh/mesh.go, spec e.3): plain fields replace; `defaultConfig` is
// merged onto the default ProxyConfig (MergeProxyConfig); `defaultProviders` is merged;
// `extensionProviders` are merged by name (same name replaces, new names append);
// `trustDomainAliases` are unioned and sorted.
import type { Json, JsonObject } from '../k8s/types.js';
import type { MeshConfig } from './types.js';
import { ConfigError } from '../errors.js';
import { DEFAULT_MESH_CONFIG, DEFAULT_MESH_YAML } from './defaults/mesh.js';
import { mergeProxyConfig } from './merge-proxy-config.js';
import { parseYamlText, readDocument, sourceOf } from './parse-document.js';
import { isObject } from '../k8s/json.js';
import { type FieldType, normalizeValue, ProtoTypeError } from './proto-schema.js';
import { ownValue, setOwn } from '../k8s/own-keys.js';

const enumOf = (...names: string[]): FieldType => ({ enum: Object.fromEntries(names.map((n, i) => [n, i])) });

/** MeshConfig fields whose types we check (the ones injection reads, and their simple neighbours); others are kept as given. */
const MESH_FIELD_TYPES: Record<string, FieldType> = {
  enableTracing: 'bool',
  accessLogFile: 'string',
  accessLogFormat: 'string',
  accessLogEncoding: enumOf('TEXT', 'JSON'),
  enableEnvoyAccessLogService: 'bool',
  protocolDetectionTimeout: 'duration',
  ingressService: 'string',
  ingressControllerMode: { enum: { UNSPECIFIED: 0, OFF: 1, DEFAULT: 2, STRICT: 3 } },
  ingressClass: 'string',
  trustDomain: 'string',
  trustDomainAliases: { repeated: 'string' },
  enableAutoMtls: { wrapper: 'bool' },
  outboundTrafficPolicy: { message: { name: 'OutboundTrafficPolicy', fields: [{ name: 'mode', type: enumOf('REGISTRY_ONLY', 'ALLOW_ANY') }] } },
  inboundTrafficPolicy: { message: { name: 'InboundTrafficPolicy', fields: [{ name: 'mode', type: enumOf('PASSTHROUGH', 'LOCALHOST') }] } },
  rootNamespace: 'string',
  proxyListenPort: 'int32',
  proxyInboundListenPort: 'int32',
  proxyHttpPort: 'int32',
  connectTimeout: 'duration',
  dnsRefreshRate: 'duration',
  enablePrometheusMerge: { wrapper: 'bool' },
  defaultServiceExportTo: { repeated: 'string' },
  defaultVirtualServiceExportTo: { repeated: 'string' },
  defaultDestinationRuleExportTo: { repeated: 'string' },
  extensionProviders: { repeated: 'any' },
  defaultProviders: 'any',
};

const snakeToCamel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** DefaultMeshConfig() as a fresh object. */
export function defaultMeshConfig(): MeshConfig {
  return structuredClone(DEFAULT_MESH_CONFIG) as MeshConfig;
}

/** The mesh a stock 1.32 install runs with: the chart's mesh document applied onto DefaultMeshConfig(). */
export function chartMeshConfig(): MeshConfig {
  return applyMeshConfig(defaultMeshConfig(), parseYamlText(DEFAULT_MESH_YAML, 'built-in mesh config'), 'built-in mesh config');
}

/** `input`: YAML/JSON text or a parsed object; `origin` names it in errors. Result: DefaultMeshConfig() with it applied. */
export function parseMeshConfig(input: string | Json, origin: string): MeshConfig {
  return applyMeshConfig(defaultMeshConfig(), readDocument(sourceOf(input, origin)), origin);
}

/** ApplyMeshConfig: `doc` (protobuf-JSON, camelCase or snake_case names) onto `base`. */
export function applyMeshConfig(base: MeshConfig, doc: Json, origin: string): MeshConfig {
  if (doc === null) return structuredClone(base);
  if (!isObject(doc)) throw new ConfigError(`${origin}: mesh config must be a mapping`, undefined, origin);
  const out = structuredClone(base) as MeshConfig;
  try {
    for (const [rawKey, value] of Object.entries(doc)) {
      const key = snakeToCamel(rawKey);
      if (value === null) continue;
      if (key === 'defaultConfig') out.defaultConfig = mergeProxyConfig(base.defaultConfig, value, 'defaultConfig');
      else if (key === 'defaultProviders') {
        if (!isObject(value)) throw new ProtoTypeError('defaultProviders', 'expected an object');
        out.defaultProviders = { ...(isObject(base.defaultProviders) ? base.defaultProviders : {}), ...value };
      } else if (key === 'extensionProviders') out.extensionProviders = mergeProviders(base.extensionProviders, value);
      else if (key === 'trustDomainAliases') {
        const aliases = normalizeValue({ repeated: 'string' }, value, key) as string[];
        const old = Array.isArray(base.trustDomainAliases) ? (base.trustDomainAliases as string[]) : [];
        out.trustDomainAliases = [...new Set([...aliases, ...old])].sort();
      } else {
        const type = ownValue(MESH_FIELD_TYPES, key);
        setOwn(out, key, type ? normalizeValue(type, value, key) : value);
      }
    }
  } catch (err) {
    if (err instanceof ProtoTypeError) throw new ConfigError(`${origin}: mesh config ${err.message}`, err.path, origin);
    throw err;
  }
  return out;
}

function mergeProviders(base: Json | undefined, value: Json): Json[] {
  if (!Array.isArray(value)) throw new ProtoTypeError('extensionProviders', 'expected a list');
  const out = Array.isArray(base) ? base.map((p) => structuredClone(p)) : [];
  value.forEach((p, i) => {
    if (!isObject(p)) throw new ProtoTypeError(`extensionProviders[${i}]`, 'expected an object');
    const at = out.findIndex((e) => isObject(e) && e.name === p.name);
    if (at >= 0) out[at] = p as JsonObject;
    else out.push(p);
  });
  return out;
}
