// mesh/v1alpha1/proxy.proto (istio/api pinned by Istio 1.32), fields in declaration order, which is
// the order legacy jsonpb prints them in PROXY_CONFIG. Fields the .proto has retired (reserved:
// parentShutdownDuration, discoveryRefreshDelay, zipkinAddress, connectTimeout, statsdUdpAddress,
// envoyMetricsServiceAddress, availabilityZone, sds) are unknown and therefore dropped, as Istio's
// lenient parse drops them. Messages we never need to inspect are described as 'any' (kept as given).
import type { FieldSchema, FieldType, MessageSchema } from './proto-schema.js';

const msg = (name: string, fields: FieldSchema[]): { message: MessageSchema } => ({ message: { name, fields } });
const f = (name: string, type: FieldType, oneof?: string): FieldSchema => (oneof ? { name, type, oneof } : { name, type });
const enumOf = (...names: string[]): FieldType => ({ enum: Object.fromEntries(names.map((n, i) => [n, i])) });

/** networking/v1alpha3 ClientTLSSettings. */
const CLIENT_TLS_SETTINGS = msg('ClientTLSSettings', [
  f('mode', enumOf('DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL')),
  f('clientCertificate', 'string'),
  f('privateKey', 'string'),
  f('caCertificates', 'string'),
  f('credentialName', 'string'),
  f('subjectAltNames', { repeated: 'string' }),
  f('sni', 'string'),
  f('insecureSkipVerify', { wrapper: 'bool' }),
  f('caCrl', 'string'),
]);

const TRACING = msg('Tracing', [
  f('zipkin', msg('Tracing.Zipkin', [f('address', 'string'), f('enable64bitTraceId', 'bool')]), 'tracer'),
  f('lightstep', msg('Tracing.Lightstep', [f('address', 'string'), f('accessToken', 'string')]), 'tracer'),
  f('datadog', msg('Tracing.Datadog', [f('address', 'string')]), 'tracer'),
  f('stackdriver', 'any', 'tracer'),
  f('openCensusAgent', msg('Tracing.OpenCensusAgent', [f('address', 'string'), f('context', { repeated: enumOf('UNSPECIFIED', 'W3C_TRACE_CONTEXT', 'GRPC_BIN', 'CLOUD_TRACE_CONTEXT', 'B3') })]), 'tracer'),
  f('customTags', { map: 'any' }),
  f('maxPathTagLength', 'uint32'),
  f('sampling', 'double'),
  f('tlsSettings', CLIENT_TLS_SETTINGS),
  f('enableIstioTags', { wrapper: 'bool' }),
]);

const REMOTE_SERVICE = msg('RemoteService', [
  f('address', 'string'),
  f('tlsSettings', CLIENT_TLS_SETTINGS),
  f('tcpKeepalive', 'any'),
]);

const TOPOLOGY = msg('Topology', [
  f('numTrustedProxies', 'uint32'),
  f('forwardClientCertDetails', enumOf('UNDEFINED', 'SANITIZE', 'FORWARD_ONLY', 'APPEND_FORWARD', 'SANITIZE_SET', 'ALWAYS_FORWARD_ONLY')),
  f('proxyProtocol', 'any'),
]);

/** networking/v1alpha3 ReadinessProbe (workload_group.proto). */
const READINESS_PROBE = msg('ReadinessProbe', [
  f('initialDelaySeconds', 'int32'),
  f('timeoutSeconds', 'int32'),
  f('periodSeconds', 'int32'),
  f('successThreshold', 'int32'),
  f('failureThreshold', 'int32'),
  f('httpGet', 'any', 'healthCheckMethod'),
  f('tcpSocket', 'any', 'healthCheckMethod'),
  f('exec', 'any', 'healthCheckMethod'),
  f('grpc', 'any', 'healthCheckMethod'),
]);

const PROXY_STATS_MATCHER = msg('ProxyStatsMatcher', [
  f('inclusionPrefixes', { repeated: 'string' }),
  f('inclusionSuffixes', { repeated: 'string' }),
  f('inclusionRegexps', { repeated: 'string' }),
]);

/** networking/v1beta1 ProxyImage. */
const PROXY_IMAGE = msg('ProxyImage', [f('imageType', 'string')]);

const disabled = (name: string) => msg(name, [f('disabled', { wrapper: 'bool' })]);
const PROXY_HEADERS = msg('ProxyHeaders', [
  f('forwardedClientCert', enumOf('UNDEFINED', 'SANITIZE', 'FORWARD_ONLY', 'APPEND_FORWARD', 'SANITIZE_SET', 'ALWAYS_FORWARD_ONLY')),
  f('requestId', disabled('ProxyHeaders.RequestId')),
  f('server', msg('ProxyHeaders.Server', [f('disabled', { wrapper: 'bool' }), f('value', 'string')])),
  f('attemptCount', disabled('ProxyHeaders.AttemptCount')),
  f('envoyDebugHeaders', disabled('ProxyHeaders.EnvoyDebugHeaders')),
  f('metadataExchangeHeaders', msg('ProxyHeaders.MetadataExchangeHeaders', [f('mode', enumOf('UNDEFINED', 'IN_MESH'))])),
  f('setCurrentClientCertDetails', 'any'),
  f('xForwardedHost', 'any'),
  f('xForwardedPort', 'any'),
  f('preserveExternalRequestId', { wrapper: 'bool' }),
]);

export const PROXY_CONFIG_SCHEMA: MessageSchema = {
  name: 'ProxyConfig',
  fields: [
    f('configPath', 'string'),
    f('binaryPath', 'string'),
    f('serviceCluster', 'string', 'clusterName'),
    f('tracingServiceName', enumOf('APP_LABEL_AND_NAMESPACE', 'CANONICAL_NAME_ONLY', 'CANONICAL_NAME_AND_NAMESPACE'), 'clusterName'),
    f('drainDuration', 'duration'),
    f('discoveryAddress', 'string'),
    f('proxyAdminPort', 'int32'),
    f('controlPlaneAuthPolicy', { enum: { NONE: 0, MUTUAL_TLS: 1, INHERIT: 1000 } }),
    f('customConfigFile', 'string'),
    f('statNameLength', 'int32'),
    f('concurrency', { wrapper: 'int32' }),
    f('proxyBootstrapTemplatePath', 'string'),
    f('interceptionMode', enumOf('REDIRECT', 'TPROXY', 'NONE')),
    f('tracing', TRACING),
    f('envoyAccessLogService', REMOTE_SERVICE),
    f('envoyMetricsService', REMOTE_SERVICE),
    f('proxyMetadata', { map: 'string' }),
    f('runtimeValues', { map: 'string' }),
    f('statusPort', 'int32'),
    f('extraStatTags', { repeated: 'string' }),
    f('gatewayTopology', TOPOLOGY),
    f('terminationDrainDuration', 'duration'),
    f('meshId', 'string'),
    f('readinessProbe', READINESS_PROBE),
    f('proxyStatsMatcher', PROXY_STATS_MATCHER),
    f('holdApplicationUntilProxyStarts', { wrapper: 'bool' }),
    f('caCertificatesPem', { repeated: 'string' }),
    f('image', PROXY_IMAGE),
    f('privateKeyProvider', 'any'),
    f('proxyHeaders', PROXY_HEADERS),
    f('fileFlushInterval', 'duration'),
    f('fileFlushMinSizeKb', { wrapper: 'uint32' }),
    f('statsCompression', 'any'),
    f('connectionSettings', 'any'),
  ],
};

/** The proxyHeaders sub-fields Istio keeps from the previous config when a new one leaves them unset (correctProxyHeaders). */
export const PROXY_HEADERS_KEPT_FIELDS = PROXY_HEADERS.message.fields.map((x) => x.name);
