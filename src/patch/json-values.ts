// Small helpers for plain JSON values shared by the patch machinery.
import type { Json, JsonObject } from '../k8s/types.js';

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own list of a pod spec field (`containers`, `initContainers`, ...), or an empty list. */
export function listOf(spec: JsonObject | undefined, key: string): JsonObject[] {
  const v = spec?.[key];
  return Array.isArray(v) ? (v.filter(isObject) as JsonObject[]) : [];
}

/** A string-valued map field (labels, annotations) copied, or an empty map. */
export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(v)) return out;
  for (const k of Object.keys(v)) {
    const x = v[k];
    if (typeof x === 'string') out[k] = x;
  }
  return out;
}

/** Deep copy of a JSON value (faster than structuredClone for the plain trees we handle). */
export function cloneJson<T extends Json>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => cloneJson(x)) as T;
  if (isObject(v)) {
    const out: JsonObject = {};
    for (const k of Object.keys(v)) out[k] = cloneJson(v[k]);
    return out as T;
  }
  return v;
}
