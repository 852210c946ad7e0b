// The PROXY_CONFIG env value (spec c.4): Istio's protoToJSON of the effective ProxyConfig after
// cleanProxyConfig cleared every field equal to DefaultProxyConfig(), printed by legacy jsonpb.
import type { JsonObject } from '../k8s/types.js';
import type { ProxyConfig } from './types.js';
import { DEFAULT_PROXY_CONFIG } from './defaults/mesh.js';
import { marshalMessage } from './proto-schema.js';
import { PROXY_CONFIG_SCHEMA } from './proxy-config-schema.js';

/** Fields cleanProxyConfig compares with the defaults (others are printed whenever set). */
const CLEARED_WHEN_DEFAULT = [
  'configPath', 'binaryPath', 'controlPlaneAuthPolicy', 'serviceCluster', 'drainDuration', 'terminationDrainDuration',
  'discoveryAddress', 'envoyMetricsService', 'envoyAccessLogService', 'tracing', 'proxyAdminPort', 'statNameLength',
  'statusPort', 'concurrency',
];

/** Compact JSON, without the trailing newline the template adds. */
export function proxyConfigJson(pc: ProxyConfig): string {
  const clean: JsonObject = { ...pc };
  for (const name of CLEARED_WHEN_DEFAULT) {
    if (clean[name] !== undefined && JSON.stringify(clean[name]) === JSON.stringify(DEFAULT_PROXY_CONFIG[name])) delete clean[name];
  }
  return marshalMessage(PROXY_CONFIG_SCHEMA, clean);
}
