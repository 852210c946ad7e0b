// Format-preserving YAML I/O: read manifests and ResourceLists, edit them as JSON, write back only what changed.
export { YamlInputError } from './types.js';
export type { YamlDocHandle, YamlStream, ResourceListHandle } from './types.js';
export { parseStream } from './parse-stream.js';
export { parseResourceList } from './parse-resource-list.js';
export { isResourceList } from './is-resource-list.js';
export { isAmbiguousString } from './string-style.js';
export type { DocumentBounds } from './parse-documents.js';
export { parseStreamSelective } from './parse-stream-selective.js';
export { parseResourceListSelective, type ItemHead } from './parse-resource-list-selective.js';
export { FastPathUnsure, type ParseWhen } from './fast-path-unsure.js';
