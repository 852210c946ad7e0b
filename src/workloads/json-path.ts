// Small helpers to walk plain JSON by a path, shared by discovery and identity.
import type { Json } from '../k8s/types.js';
import { isObject } from '../k8s/json.js';

/** The value at `path`, or undefined when any step is missing or of the wrong shape. */
export function getAt(root: Json, path: readonly (string | number)[]): Json | undefined {
  let cur: Json | undefined = root;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[step];
    } else {
      if (!isObject(cur)) return undefined;
      cur = Object.prototype.hasOwnProperty.call(cur, step) ? cur[step] : undefined;
    }
  }
  return cur;
}

/** `spec.template` -> ['spec', 'template']; all-digit segments index lists (`spec.templates.0`). */
export function parseDottedPath(dotted: string): (string | number)[] {
  const trimmed = dotted.trim().replace(/^\./, '');
  if (trimmed === '') return [];
  return trimmed.split('.').map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg));
}

/** A string field of an object, '' when absent or not a string. */
export function stringField(obj: Json | undefined, key: string): string {
  if (!isObject(obj)) return '';
  const v = obj[key];
  return typeof v === 'string' ? v : '';
}
