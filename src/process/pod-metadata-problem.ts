// The pod template's labels and annotations as the API server would accept them: maps of strings.
// Anything else (`annotations: x`, `inject.istio.io/templates: null`, a nested map) is reported as a
// located error before injection reads it, instead of failing inside the injector.
import type { Json } from '../k8s/types.js';
import { isObject } from '../k8s/json.js';

export interface MetadataProblem {
  message: string;
  /** Relative to the pod template: `metadata.annotations`, `metadata.annotations[name]`. */
  field: string;
}

const describe = (v: Json | undefined): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a map' : `the ${typeof v} ${JSON.stringify(v)}`);

export function podMetadataProblem(metadata: Json | undefined): MetadataProblem | undefined {
  if (metadata === undefined || metadata === null) return undefined;
  if (!isObject(metadata)) return { message: `the pod template's metadata must be a map, not ${describe(metadata)}`, field: 'metadata' };
  for (const what of ['annotations', 'labels'] as const) {
    const map = metadata[what];
    if (map === undefined || map === null) continue;
    if (!isObject(map)) return { message: `metadata.${what} must be a map of strings, not ${describe(map)}`, field: `metadata.${what}` };
    for (const [key, value] of Object.entries(map)) {
      // Unquoted booleans and numbers in labels are read as text with a warning by the selection.
      if (typeof value === 'string' || (what === 'labels' && (typeof value === 'number' || typeof value === 'boolean'))) continue;
      return {
        message: `${what === 'labels' ? 'label' : 'annotation'} ${JSON.stringify(key)} must be a string, not ${describe(value)} (Kubernetes rejects it; quote the value)`,
        field: `metadata.${what}[${key}]`,
      };
    }
  }
  return undefined;
}
