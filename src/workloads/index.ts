// Workload discovery: which kinds carry a pod template, and where.
export type { CustomWorkloadKind, PodTemplateLocation } from './types.js';
export { findPodTemplates } from './find-pod-templates.js';
export { workloadIdentity } from './workload-identity.js';
export { podIdentity } from './pod-identity.js';
export { isLocalConfig, LOCAL_CONFIG_ANNOTATION } from './is-local-config.js';
export { BUILT_IN_WORKLOAD_KINDS, apiGroupOf, apiVersionMatches } from './workload-kinds.js';
export { getAt, parseDottedPath } from './json-path.js';
