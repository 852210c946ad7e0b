// The MeshConfig fields a template can reach, as a protobuf schema (mesh/v1alpha1/config.proto, in
// declaration order), for the typed `.MeshConfig`. Fields the config layer keeps but templates never read
// in depth are 'any' (opaque); the extension providers are described down to the OpenTelemetry
// provider's `serviceAttributeEnrichment`, which otelResourceAttributes reads.
import type { FieldSchema, FieldType, MessageSchema } from '../../config/proto-schema.js';
import { PROXY_CONFIG_SCHEMA } from '../../config/proxy-config-schema.js';

const f = (name: string, type: FieldType, oneof?: string): FieldSchema => (oneof ? { name, type, oneof } : { name, type });
const enumOf = (...names: string[]): FieldType => ({ enum: Object.fromEntries(names.map((n, i) => [n, i])) });
const msg = (name: string, fields: FieldSchema[]): FieldType => ({ message: { name, fields } });

const OPEN_TELEMETRY = msg('MeshConfig.ExtensionProvider.OpenTelemetryTracingProvider', [
  f('service', 'string'),
  f('port', 'uint32'),
  f('maxTagLength', 'uint32'),
  f('http', 'any'),
  f('grpc', 'any'),
  f('resourceDetectors', 'any'),
  f('dynatraceSampler', 'any', 'sampler'),
  // Names of this enum other than OTEL_SEMANTIC_CONVENTIONS are not used by any template or helper.
  f('serviceAttributeEnrichment', enumOf('ISTIO_CANONICAL', 'OTEL_SEMANTIC_CONVENTIONS')),
]);

const PROVIDER_NAMES = [
  'envoyExtAuthzHttp', 'envoyExtAuthzGrpc', 'zipkin', 'lightstep', 'datadog', 'stackdriver', 'opencensus', 'skywalking',
  'prometheus', 'envoyFileAccessLog', 'envoyHttpAls', 'envoyTcpAls', 'envoyOtelAls', 'sds',
];

const EXTENSION_PROVIDER = msg('MeshConfig.ExtensionProvider', [
  f('name', 'string'),
  ...PROVIDER_NAMES.map((n) => f(n, 'any', 'provider')),
  f('opentelemetry', OPEN_TELEMETRY, 'provider'),
]);

export const MESH_CONFIG_SCHEMA: MessageSchema = {
  name: 'MeshConfig',
  fields: [
    f('proxyListenPort', 'int32'),
    f('proxyInboundListenPort', 'int32'),
    f('proxyHttpPort', 'int32'),
    f('connectTimeout', 'duration'),
    f('protocolDetectionTimeout', 'duration'),
    f('tcpKeepalive', 'any'),
    f('ingressClass', 'string'),
    f('ingressService', 'string'),
    f('ingressControllerMode', { enum: { UNSPECIFIED: 0, OFF: 1, DEFAULT: 2, STRICT: 3 } }),
    f('ingressSelector', 'string'),
    f('enableTracing', 'bool'),
    f('accessLogFile', 'string'),
    f('accessLogFormat', 'string'),
    f('accessLogEncoding', enumOf('TEXT', 'JSON')),
    f('enableEnvoyAccessLogService', 'bool'),
    f('disableEnvoyListenerLog', 'bool'),
    f('defaultConfig', { message: PROXY_CONFIG_SCHEMA }),
    f('outboundTrafficPolicy', msg('MeshConfig.OutboundTrafficPolicy', [f('mode', enumOf('REGISTRY_ONLY', 'ALLOW_ANY'))])),
    f('inboundTrafficPolicy', msg('MeshConfig.InboundTrafficPolicy', [f('mode', enumOf('PASSTHROUGH', 'LOCALHOST'))])),
    f('configSources', { repeated: 'any' }),
    f('enableAutoMtls', { wrapper: 'bool' }),
    f('trustDomain', 'string'),
    f('trustDomainAliases', { repeated: 'string' }),
    f('defaultServiceExportTo', { repeated: 'string' }),
    f('defaultVirtualServiceExportTo', { repeated: 'string' }),
    f('defaultDestinationRuleExportTo', { repeated: 'string' }),
    f('rootNamespace', 'string'),
    f('localityLbSetting', 'any'),
    f('dnsRefreshRate', 'duration'),
    f('h2UpgradePolicy', enumOf('DO_NOT_UPGRADE', 'UPGRADE')),
    f('inboundClusterStatName', 'string'),
    f('outboundClusterStatName', 'string'),
    f('certificates', { repeated: 'any' }),
    f('serviceSettings', { repeated: 'any' }),
    f('enablePrometheusMerge', { wrapper: 'bool' }),
    f('verifyCertificateAtClient', { wrapper: 'bool' }),
    f('ca', 'any'),
    f('extensionProviders', { repeated: EXTENSION_PROVIDER }),
    f('defaultProviders', 'any'),
    f('discoverySelectors', { repeated: 'any' }),
    f('pathNormalization', 'any'),
    f('defaultHttpRetryPolicy', 'any'),
    f('meshMTLS', 'any'),
    f('tlsDefaults', 'any'),
    f('serviceScopeConfigs', { repeated: 'any' }),
  ],
};
