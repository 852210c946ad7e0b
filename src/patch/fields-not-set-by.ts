// The part of an object a strategic merge patch would leave in place: what `base` holds that `patch`
// does not set. Used to record a user's container without the fields a template overrides anyway.
import type { Json, JsonObject } from '../k8s/types.js';
import { isObject } from '../k8s/json.js';
import type { PatchMeta } from './pod-patch-meta.js';

/** Fields of `base` that survive a strategic merge of `patch` unchanged; undefined when none do. */
export function fieldsNotSetBy(base: JsonObject, patch: JsonObject, meta: PatchMeta = {}): JsonObject | undefined {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(base)) {
    const pv = Object.prototype.hasOwnProperty.call(patch, k) ? patch[k] : undefined;
    if (pv === undefined) {
      out[k] = v;
      continue;
    }
    const fm = meta[k];
    if (isObject(v) && isObject(pv)) {
      const rest = fieldsNotSetBy(v, pv, fm?.fields);
      if (rest !== undefined) out[k] = rest;
    } else if (Array.isArray(v) && Array.isArray(pv) && fm?.list === 'keyed' && fm.key && fm.keyName) {
      const rest = keyedElementsNotSetBy(v, pv, fm.key, fm.keyName, fm.fields);
      if (rest.length > 0) out[k] = rest;
    }
    // Anything else (a scalar, an atomic list, a type change) the patch replaces.
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function keyedElementsNotSetBy(
  base: Json[], patch: Json[], key: (e: JsonObject) => string | undefined, keyName: string, fields: PatchMeta | undefined,
): Json[] {
  const patched = new Map<string, JsonObject>();
  for (const e of patch) if (isObject(e)) {
    const id = key(e);
    if (id !== undefined) patched.set(id, e);
  }
  const out: Json[] = [];
  for (const e of base) {
    const id = isObject(e) ? key(e) : undefined;
    const other = id === undefined ? undefined : patched.get(id);
    if (other === undefined) {
      out.push(e);
      continue;
    }
    const rest = fieldsNotSetBy(e as JsonObject, other, fields);
    // The merge key itself is "set" by the patch; keep it so the element still names what it extends.
    if (rest !== undefined) out.push({ [keyName]: (e as JsonObject)[keyName]!, ...rest });
  }
  return out;
}
