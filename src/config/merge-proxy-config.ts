// Istio's MergeProxyConfig (pkg/config/mesh/mesh.go): a YAML fragment applied onto a ProxyConfig.
// Fields in the fragment replace (nested messages wholesale), except that `proxyMetadata` merges
// key-wise and `proxyHeaders` sub-fields the fragment leaves unset keep their previous values.
import type { Json, JsonObject } from '../k8s/types.js';
import type { ProxyConfig } from './types.js';
import { normalizeMessage } from './proto-schema.js';
import { PROXY_CONFIG_SCHEMA, PROXY_HEADERS_KEPT_FIELDS } from './proxy-config-schema.js';
import { isObject } from '../k8s/json.js';

/** Converts a ProxyConfig fragment to canonical protobuf-JSON; throws ProtoTypeError on a wrong type. */
export function normalizeProxyConfig(fragment: Json, path = ''): ProxyConfig {
  return normalizeMessage(PROXY_CONFIG_SCHEMA, fragment, path);
}

/** `base` with `fragment` applied; neither argument is modified. */
export function mergeProxyConfig(base: ProxyConfig, fragment: Json, path = ''): ProxyConfig {
  const patch = normalizeProxyConfig(fragment ?? {}, path);
  const out: ProxyConfig = structuredClone(base);
  if ('serviceCluster' in patch) delete out.tracingServiceName;
  if ('tracingServiceName' in patch) delete out.serviceCluster;
  for (const [k, v] of Object.entries(patch)) {
    if (k === 'proxyMetadata') out[k] = { ...(isObject(base[k]) ? base[k] : {}), ...(v as JsonObject) };
    else if (k === 'proxyHeaders' && isObject(base[k])) {
      const merged: JsonObject = { ...(v as JsonObject) };
      for (const name of PROXY_HEADERS_KEPT_FIELDS) {
        const old = (base[k] as JsonObject)[name];
        if (merged[name] === undefined && old !== undefined) merged[name] = structuredClone(old);
      }
      out[k] = merged;
    } else out[k] = v;
  }
  return out;
}
