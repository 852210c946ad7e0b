// Pod patching machinery used by src/inject.ts, in pipeline order.
export { stripInjection, type StripOptions, type StripResult } from './strip-injection.js';
export { moveUserProxyToInitContainers } from './move-user-proxy-to-init-containers.js';
export { strategicMergePod, strategicMergeObject } from './strategic-merge.js';
export { normalizeElementOrder } from './element-order.js';
export { reapplyOverwrittenContainers, type ReapplyInput } from './reapply-overwritten-containers.js';
export { adjustInitContainerUser } from './adjust-init-container-user.js';
export { parseOverrides, OVERRIDES_ANNOTATION, type RecordedOverrides } from './parse-overrides.js';
export { overwriteClusterInfo } from './overwrite-cluster-info.js';
export {
  applyPrometheusMerge,
  prometheusMergeEnabled,
  sanitizePrometheusKey,
  parseScrapeTargets,
  RESERVED_PORTS,
  type PrometheusMergeOptions,
} from './prometheus-merge.js';
export { applySecurePrometheusAnnotation } from './secure-prometheus-annotation.js';
export { rewriteAppProbes, rewriteAppHTTPProbeEnabled, dumpAppProbers, type RewriteProbesOptions } from './rewrite-app-probes.js';
export { statusAnnotationValue, parseSidecarStatus, STATUS_ANNOTATION, type SidecarStatus } from './sidecar-status.js';
export { reorderContainers, type ReorderOptions } from './reorder-containers.js';
export { goContainer, goJsonText, goShape, goOverridesText } from './go-json.js';
export { parseGoBool } from './go-bool.js';
export { findProxy, findContainer, PROXY_CONTAINER } from './pod-access.js';
