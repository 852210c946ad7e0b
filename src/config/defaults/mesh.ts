// Istio's built-in mesh defaults (pkg/config/mesh/mesh.go: DefaultProxyConfig(), DefaultMeshConfig())
// and the `mesh` key of the `istio` ConfigMap that the chart renders, the same for Istio 1.28.10,
// 1.30.3 and master (each corpus's base.mesh.yaml; their golden PROXY_CONFIG agree). Protobuf-JSON names.
// DefaultMeshConfig() = base/mesh-effective.json minus what the chart's mesh.yaml sets: the
// chart only adds `defaultProviders.metrics: [prometheus]` (the other keys it sets equal the
// built-in defaults), so the built-in `defaultProviders` is the empty message.
import type { JsonObject } from '../../k8s/types.js';

/** DefaultProxyConfig(): what `defaultConfig` starts from before any mesh config or annotation applies. */
export const DEFAULT_PROXY_CONFIG: JsonObject = {
  configPath: './etc/istio/proxy',
  binaryPath: '/usr/local/bin/envoy',
  serviceCluster: 'istio-proxy',
  drainDuration: '45s',
  discoveryAddress: 'istiod.istio-system.svc:15012',
  proxyAdminPort: 15000,
  controlPlaneAuthPolicy: 'MUTUAL_TLS',
  statNameLength: 189,
  statusPort: 15020,
  terminationDrainDuration: '5s',
};

/** DefaultMeshConfig(), with `defaultConfig` = DEFAULT_PROXY_CONFIG. */
export const DEFAULT_MESH_CONFIG: JsonObject = {
  enableTracing: true,
  accessLogFile: '',
  accessLogEncoding: 'TEXT',
  accessLogFormat: '',
  enableEnvoyAccessLogService: false,
  protocolDetectionTimeout: '0s',
  ingressService: 'istio-ingressgateway',
  ingressControllerMode: 'STRICT',
  ingressClass: 'istio',
  trustDomain: 'cluster.local',
  trustDomainAliases: [],
  enableAutoMtls: true,
  outboundTrafficPolicy: { mode: 'ALLOW_ANY' },
  inboundTrafficPolicy: { mode: 'PASSTHROUGH' },
  localityLbSetting: { enabled: true },
  certificates: [],
  defaultConfig: DEFAULT_PROXY_CONFIG,
  rootNamespace: 'istio-system',
  proxyListenPort: 15001,
  proxyInboundListenPort: 15006,
  connectTimeout: '10s',
  defaultServiceExportTo: ['*'],
  defaultVirtualServiceExportTo: ['*'],
  defaultDestinationRuleExportTo: ['*'],
  dnsRefreshRate: '60s',
  serviceSettings: [],
  enablePrometheusMerge: true,
  defaultProviders: {},
  extensionProviders: [
    { name: 'prometheus', prometheus: {} },
    { name: 'stackdriver', stackdriver: {} },
    { name: 'envoy', envoyFileAccessLog: { path: '/dev/stdout' } },
  ],
};

/** The chart's rendered `mesh` document (base/mesh.yaml): applied onto DefaultMeshConfig() when no mesh config is given. */
export const DEFAULT_MESH_YAML = `defaultConfig:
  discoveryAddress: istiod.istio-system.svc:15012
defaultProviders:
  metrics:
  - prometheus
enablePrometheusMerge: true
rootNamespace: istio-system
trustDomain: cluster.local
`;
