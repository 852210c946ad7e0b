// Reading the arguments of Istio's helpers. Istio's helpers take typed Go values (metav1.ObjectMeta,
// map[string]string, []corev1.Container, *meshconfig.MeshConfig); templates pass them typed (our
// template data) or, in hand-written data and the test vectors, as JSON maps keyed by Go field names.
// Both forms read the same here.
import { FuncError } from '../../gotemplate/func-def.js';
import { GoEnum, GoInt, GoMap, GoPtr, GoSlice, GoStruct, indirect, typeName, typeOf, type GoValue } from '../../gotemplate/value.js';

/** A struct field or a map entry by Go field name; undefined when absent. */
export function fieldOf(v: GoValue, name: string): GoValue {
  const x = indirect(v);
  if (x instanceof GoStruct) return x.hasField(name) ? x.field(name) : undefined;
  if (x instanceof GoMap) return x.get(name);
  return undefined;
}

/** The first of `names` present and not nil (for JSON forms that may use Go or protobuf-JSON names). */
export function firstField(v: GoValue, ...names: string[]): GoValue {
  for (const n of names) {
    const f = fieldOf(v, n);
    if (f !== undefined && f !== null && !(f instanceof GoPtr && f.isNil)) return f;
  }
  return undefined;
}

/** Go's %T of an argument, for messages. */
export function goTypeName(v: GoValue): string {
  return v === undefined || v === null ? '<nil>' : typeName(typeOf(v));
}

/**
 * A map[string]string argument: a typed string map, or a map whose values are all strings (anything
 * else could not be a map[string]string in Go). nil, absent and a nil map are null (empty).
 */
export function stringMapArg(fn: string, v: GoValue): Map<string, string> | null {
  const x = indirect(v);
  if (x === undefined || x === null || (x instanceof GoPtr && x.isNil)) return null;
  if (!(x instanceof GoMap)) throw new FuncError(`${fn}: expected a map of strings (Istio takes map[string]string); got ${goTypeName(x)}`);
  if (x.isNil) return null;
  const out = new Map<string, string>();
  for (const key of x.keys()) {
    const item = x.get(key);
    if (typeof item !== 'string') {
      throw new FuncError(`${fn}: value of key ${JSON.stringify(key)} is ${goTypeName(item)}, not a string (Istio takes map[string]string)`);
    }
    out.set(key, item);
  }
  return out;
}

/**
 * One entry of a map[string]string argument: stringMapArg(fn, v)?.get(key) without copying the map. A
 * typed map[string]string holds only strings, so it is read directly; other maps are checked whole.
 */
export function stringMapEntry(fn: string, v: GoValue, key: string): string | undefined {
  const x = indirect(v);
  if (x instanceof GoMap && x.elem.kind === 'string') return x.get(key) as string | undefined;
  return stringMapArg(fn, v)?.get(key);
}

/**
 * A map[string]string argument checked now (as stringMapArg) and read later, one entry at a time: a
 * typed map[string]string is read in place rather than copied.
 */
export function stringMapReader(fn: string, v: GoValue): (key: string) => string | undefined {
  const x = indirect(v);
  if (x instanceof GoMap && x.elem.kind === 'string') return (key) => x.get(key) as string | undefined;
  const m = stringMapArg(fn, v);
  return (key) => m?.get(key);
}

/** A []corev1.Container argument (typed or JSON maps); nil and absent are empty. */
export function containersArg(fn: string, v: GoValue): GoValue[] {
  const x = indirect(v);
  if (x === undefined || x === null) return [];
  if (x instanceof GoSlice) return x.items();
  throw new FuncError(`${fn}: expected a list of containers; got ${goTypeName(x)}`);
}

/** A Go int (int32 port) from a typed int or a JSON float64 (converted as int(int32(f))); anything else is 0. */
export function intOf(v: GoValue): number {
  const x = indirect(v);
  if (typeof x === 'number') return Math.trunc(x) | 0;
  if (x instanceof GoInt || x instanceof GoEnum) return x.v;
  return 0;
}

/** A string field value (typed string, JSON string, or an enum's name); anything else is "". */
export function stringOf(v: GoValue): string {
  const x = indirect(v);
  if (typeof x === 'string') return x;
  if (x instanceof GoEnum) return x.toString();
  return '';
}
