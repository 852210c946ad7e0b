// Public surface of src/config: everything else imports from here (or from ./types.js for types).
export type { ConfigNotice, InjectorConfig, IstioValues, MeshConfig, ProxyConfig, Settings, TemplateSource } from './types.js';
export { buildSettings, type SettingsInput, type SettingsDocument } from './build-settings.js';
export { parseValues, defaultValues } from './parse-values.js';
export { parseMeshConfig, applyMeshConfig, defaultMeshConfig, chartMeshConfig } from './parse-mesh-config.js';
export { parseInjectorConfig, type ParsedInjectorConfig } from './parse-injector-config.js';
export { findIstioConfigMaps, type IstioConfigMaps } from './find-istio-config-maps.js';
export { effectiveProxyConfig, parseProxyConfigAnnotation, PROXY_CONFIG_ANNOTATION } from './effective-proxy-config.js';
export { mergeProxyConfig, normalizeProxyConfig } from './merge-proxy-config.js';
export { proxyConfigJson } from './proxy-config-json.js';
export { validateAnnotations, VALIDATED_ANNOTATIONS } from './validate-annotations.js';
export { ANNOTATIONS, LABELS, RUNTIME_ONLY_ANNOTATIONS } from './annotations.js';
export { isStockTemplate, templateFingerprint } from './template-fingerprint.js';
export {
  parseFunctionConfig, defaultFunctionOptions, FUNCTION_CONFIG_API_VERSION, FUNCTION_CONFIG_KIND,
  type FunctionOptions, type ParsedFunctionConfig, type DocumentRef, type WorkloadKind,
} from './function-config.js';
export { CHART_VALUES } from './defaults/values.js';
export {
  DEFAULT_VALUES, DEFAULT_ISTIO_VERSION, ISTIO_VERSION_KEYS, builtinIstio, chartValuesFor, parseIstioVersion, istioVersionChoices,
  type IstioVersionKey, type BuiltinIstio,
} from './defaults/istio-versions.js';
export { DEFAULT_MESH_CONFIG, DEFAULT_PROXY_CONFIG, DEFAULT_MESH_YAML } from './defaults/mesh.js';
export { DEFAULT_INJECTOR_CONFIG, BUILT_IN_TEMPLATE_NAMES } from './defaults/injector-config.js';
export { TEMPLATE_FINGERPRINTS, POD_TEMPLATES_WITH_EJS_EQUIVALENT } from './defaults/template-fingerprints.js';
