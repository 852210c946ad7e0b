// Istio records a user's container in `proxy.istio.io/overrides` as Go's encoding/json writes it, which
// drops `omitempty` zero values (`ports: []`, `path: ""`, `tty: false`), values of the wrong type
// (`initialDelaySeconds: ""`) and fields its types do not know (`readinessProbe: {port: 80}` is recorded
// as `{}`): they are gone from the record. The
// injected pod still has them where the user wrote them, so a container brought back from the record
// takes them from there; otherwise every re-injection would lose them (not a fixpoint). Only fields Go
// would have dropped come back: a pointer Go keeps when set (`privileged: false`) is absent from the
// record because the user did not write it, so the template's value there stays the template's.
import { isDeepStrictEqual } from 'node:util';
import type { Json, JsonObject } from '../k8s/types.js';
import { isObject } from '../k8s/json.js';
import { containerType, goDrops, type GoType, type Kind } from './go-json.js';

/** `recorded` plus the zero values of `current` that Go's record of the container left out. */
export function restoreOmittedEmpties(recorded: JsonObject, current: Json | undefined): JsonObject {
  return isObject(current) ? restoreStruct(recorded, current, containerType) : recorded;
}

function restoreStruct(recorded: JsonObject, current: JsonObject, type: GoType): JsonObject {
  let out: JsonObject | undefined;
  for (const [name, kind] of type) {
    if (!Object.prototype.hasOwnProperty.call(current, name)) continue;
    const now = current[name]!;
    const had = Object.prototype.hasOwnProperty.call(recorded, name) ? recorded[name] : undefined;
    const next = had === undefined ? (goDrops(now, kind) ? now : undefined) : restoreField(had, now, kind);
    if (next === undefined || next === had) continue;
    out ??= { ...recorded };
    out[name] = next;
  }
  // Fields the Go type does not know (a typo, a field of a newer Kubernetes) Go drops whatever their value.
  for (const key of Object.keys(current)) {
    if (type.some(([name]) => name === key) || Object.prototype.hasOwnProperty.call(recorded, key)) continue;
    out ??= { ...recorded };
    // defineProperty: a key named `__proto__` is data here, not the prototype.
    Object.defineProperty(out, key, { value: current[key], enumerable: true, writable: true, configurable: true });
  }
  return out ?? recorded;
}

function restoreField(had: Json, now: Json, kind: Kind): Json {
  if (kind === 'quantities') return restoreNullQuantities(had, now);
  if (typeof kind === 'string') return had;
  if ('ptrTo' in kind || 'struct' in kind) {
    const sub = 'ptrTo' in kind ? kind.ptrTo : kind.struct;
    return isObject(had) && isObject(now) ? restoreStruct(had, now, sub) : had;
  }
  if (!Array.isArray(had) || !Array.isArray(now)) return had;
  // The same length: item by item. Otherwise the injected list also holds the template's items (the
  // sidecar's own volumeMounts around the user's): each recorded item takes the first unused current
  // item that has all its recorded fields.
  const used = new Set<number>();
  const partner = (h: Json, i: number): Json | undefined => {
    if (had.length === now.length) return now[i];
    if (!isObject(h)) return undefined;
    const j = now.findIndex((n, k) => !used.has(k) && isObject(n) && Object.keys(h).every((key) => Object.prototype.hasOwnProperty.call(n, key) && isDeepStrictEqual(n[key], h[key])));
    if (j < 0) return undefined;
    used.add(j);
    return now[j];
  };
  let changed = false;
  const out = had.map((h, i) => {
    const n = partner(h, i);
    const r = isObject(h) && isObject(n) ? restoreStruct(h, n, kind.listOf) : h;
    if (r !== h) changed = true;
    return r;
  });
  return changed ? out : had;
}

/** A ResourceList entry written as null: Go's record drops it (fuzz seed 38). */
function restoreNullQuantities(had: Json, now: Json): Json {
  if (!isObject(had) || !isObject(now)) return had;
  let out: JsonObject | undefined;
  for (const key of Object.keys(now)) {
    if (now[key] !== null || Object.prototype.hasOwnProperty.call(had, key)) continue;
    out ??= { ...had };
    Object.defineProperty(out, key, { value: null, enumerable: true, writable: true, configurable: true });
  }
  return out ?? had;
}
