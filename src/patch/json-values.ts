// Small helpers for plain JSON values shared by the patch machinery.
import type { JsonObject } from '../k8s/types.js';
import { isObject } from '../k8s/json.js';

/** Own list of a pod spec field (`containers`, `initContainers`, ...), or an empty list. */
export function listOf(spec: JsonObject | undefined, key: string): JsonObject[] {
  const v = spec?.[key];
  return Array.isArray(v) ? (v.filter(isObject) as JsonObject[]) : [];
}
