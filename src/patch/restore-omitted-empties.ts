// Istio records a user's container in `proxy.istio.io/overrides` as Go's encoding/json writes it, which
// drops `omitempty` zero values: `ports: []`, `path: ""`, `optional: false` are gone from the record.
// The injected pod still has them where the user wrote them, so a container brought back from the
// record takes them from there; otherwise every re-injection would lose them (not a fixpoint).
import type { Json, JsonObject } from '../k8s/types.js';
import { isObject } from '../k8s/json.js';

/** `recorded` plus every Go-empty field of `current` that the record lacks, at any depth, except an
 *  empty `resources`: Go writes that struct whatever the user wrote, so it is the record's, not theirs. */
export function restoreOmittedEmpties(recorded: JsonObject, current: Json | undefined): JsonObject {
  if (!isObject(current)) return recorded;
  const { resources, ...rest } = current;
  const candidates = resources !== undefined && !isGoEmpty(resources) ? current : rest;
  return merge(recorded, candidates) as JsonObject;
}

function merge(recorded: Json, current: Json): Json {
  if (isObject(recorded) && isObject(current)) {
    let out: JsonObject | undefined;
    for (const key of Object.keys(current)) {
      const now = current[key]!;
      const had = Object.prototype.hasOwnProperty.call(recorded, key) ? recorded[key] : undefined;
      const next = had === undefined ? (isGoEmpty(now) ? now : undefined) : merge(had, now);
      if (next === undefined || next === had) continue;
      out ??= { ...recorded };
      // defineProperty: a key named `__proto__` is data here, not the prototype.
      Object.defineProperty(out, key, { value: next, enumerable: true, writable: true, configurable: true });
    }
    return out ?? recorded;
  }
  if (Array.isArray(recorded) && Array.isArray(current) && recorded.length === current.length) {
    let changed = false;
    const out = recorded.map((r, i) => {
      const m = merge(r, current[i]!);
      if (m !== r) changed = true;
      return m;
    });
    return changed ? out : recorded;
  }
  return recorded;
}

/** A value Go's `omitempty` leaves out: "", 0, false, null, an empty list or map. */
function isGoEmpty(v: Json): boolean {
  if (v === '' || v === 0 || v === false || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return isObject(v) && Object.keys(v).length === 0;
}
