// Sprig's dict functions (dict.go): maps are Go references, so `set`, `unset`, `merge` change the map the
// template holds. Go iterates maps in random order where Sprig returns keys/values; we use sorted order.
import { FuncError, FuncPanic, type FuncDef } from '../func-def.js';
import { GoEnum, GoInt, GoMap, GoPtr, GoSlice, GoStruct, T, isEmptyGoValue, type GoValue } from '../value.js';
import { strval } from './cast.js';
import { A, MSA, S, anySlice, fixed, str, stringSlice, variadic } from './define.js';
import { goTypeString } from './reflect.js';

/** A map argument as the executor delivers it for a map[string]interface{} parameter. */
const asMap = (v: GoValue): GoMap => (v instanceof GoMap ? v : new GoMap(T.interface, null));

function set(d: GoMap, key: string, value: GoValue): GoMap {
  if (d.isNil) throw new FuncPanic('assignment to entry in nil map');
  d.set(key, value);
  return d;
}

/** mergo's isEmptyValue: zero values, with interfaces and pointers looked through. */
function mergoEmpty(v: GoValue): boolean {
  return isEmptyGoValue(v, true);
}


/** mergo.Merge / MergeWithOverwrite of one map[string]interface{} into another, as mergo 0.3.12 does it. */
export function mergeInto(dst: GoMap, src: GoMap, overwrite: boolean): void {
  for (const key of src.keys()) {
    const sv = src.get(key);
    const dv = dst.has(key) ? dst.get(key) : undefined;
    if (sv === null || sv === undefined) {
      if (overwrite) dst.set(key, null);
      continue;
    }
    const isMap = sv instanceof GoMap;
    const isSlice = sv instanceof GoSlice;
    if (isMap && dv instanceof GoMap && !dv.isNil && !sv.isNil) mergeInto(dv, sv, overwrite);
    if (isSlice && overwrite) dst.set(key, sv); // mergo replaces slices outright when overwriting
    if (dv !== undefined && !mergoEmpty(dv) && (isMap || isSlice)) continue;
    if (overwrite || dv === undefined || mergoEmpty(dv)) dst.set(key, sv);
  }
}

function merge(args: GoValue[], overwrite: boolean): GoMap {
  let dst = asMap(args[0]);
  if (dst.isNil && args.slice(1).some((s) => s instanceof GoMap && !s.isNil)) dst = GoMap.of(T.interface, []);
  for (const src of args.slice(1)) mergeInto(dst, asMap(src), overwrite);
  return dst;
}

/** copystructure.Copy: maps, slices and pointers are copied all the way down. */
export function deepCopy(v: GoValue): GoValue {
  if (v instanceof GoMap) {
    if (v.isNil) return v;
    return GoMap.of(
      v.elem,
      v.keys().map((k) => [k, deepCopy(v.get(k))]),
    );
  }
  if (v instanceof GoSlice) {
    if (v.isNil) return v;
    return new GoSlice(v.elem, v.items().map(deepCopy), true, v.array);
  }
  if (v instanceof GoPtr) return v.isNil ? v : new GoPtr(v.elem, deepCopy(v.target));
  if (v instanceof GoStruct) return v; // struct values are never changed in place here
  return v;
}

/** copystructure.Copy(nil) panics inside reflect. */
function deepCopyArg(v: GoValue): GoValue {
  if (v === null || v === undefined) throw new FuncPanic('reflect: call of reflect.Value.Type on zero Value');
  return deepCopy(v);
}

/** Go's failed type assertion `x.(T)` on an interface{} value. */
function assertionPanic(v: GoValue, want: string): FuncPanic {
  const got = v === null || v === undefined ? 'nil' : goTypeString(v);
  return new FuncPanic(`interface conversion: interface {} is ${got}, not ${want}`);
}

function dig(ps: GoValue[]): GoValue {
  if (ps.length < 3) throw new FuncPanic('dig needs at least three arguments');
  const last = ps[ps.length - 1];
  if (!(last instanceof GoMap) || last.elem.kind !== 'interface') throw assertionPanic(last, 'map[string]interface {}');
  const def = ps[ps.length - 2];
  const keys = ps.slice(0, -2).map((k) => {
    if (typeof k !== 'string') throw assertionPanic(k, 'string');
    return k;
  });
  let dict: GoMap = last;
  for (let i = 0; ; i++) {
    if (!dict.has(keys[i])) return def;
    const step = dict.get(keys[i]);
    if (i === keys.length - 1) return step;
    if (!(step instanceof GoMap) || step.elem.kind !== 'interface') throw assertionPanic(step, 'map[string]interface {}');
    dict = step;
  }
}

const mustMerge = (overwrite: boolean): FuncDef =>
  variadic([MSA, MSA], (a) => {
    try {
      return merge(a, overwrite);
    } catch (e) {
      throw e instanceof FuncPanic ? e : new FuncError(String((e as Error).message));
    }
  });

export const dictFuncs: Array<[string, FuncDef]> = [
  ['get', fixed([MSA, S], (a) => (asMap(a[0]).has(str(a[1])) ? asMap(a[0]).get(str(a[1])) : ''))],
  ['set', fixed([MSA, S, A], (a) => set(asMap(a[0]), str(a[1]), a[2] === undefined ? null : a[2]))],
  [
    'unset',
    fixed([MSA, S], (a) => {
      asMap(a[0]).delete(str(a[1]));
      return asMap(a[0]);
    }),
  ],
  ['hasKey', fixed([MSA, S], (a) => asMap(a[0]).has(str(a[1])))],
  [
    'pluck',
    variadic([S, MSA], (a) => {
      const key = str(a[0]);
      const out: GoValue[] = [];
      for (const d of a.slice(1)) if (asMap(d).has(key)) out.push(asMap(d).get(key));
      return anySlice(out);
    }),
  ],
  ['keys', variadic([MSA], (a) => stringSlice(a.flatMap((d) => asMap(d).keys())))],
  ['values', fixed([MSA], (a) => anySlice(asMap(a[0]).keys().map((k) => asMap(a[0]).get(k))))],
  [
    'pick',
    variadic([MSA, S], (a) => {
      const d = asMap(a[0]);
      const out = GoMap.of(T.interface, []);
      for (const k of a.slice(1)) if (d.has(str(k))) out.set(str(k), d.get(str(k)));
      return out;
    }),
  ],
  [
    'omit',
    variadic([MSA, S], (a) => {
      const d = asMap(a[0]);
      const drop = new Set(a.slice(1).map(str));
      return GoMap.of(
        T.interface,
        d.keys().filter((k) => !drop.has(k)).map((k) => [k, d.get(k)]),
      );
    }),
  ],
  [
    'dict',
    variadic([A], (a) => {
      const out = GoMap.of(T.interface, []);
      for (let i = 0; i < a.length; i += 2) out.set(strval(a[i] === undefined ? null : a[i]), i + 1 < a.length ? (a[i + 1] ?? null) : '');
      return out;
    }),
  ],
  ['merge', variadic([MSA, MSA], (a) => merge(a, false))],
  ['mergeOverwrite', variadic([MSA, MSA], (a) => merge(a, true))],
  ['mustMerge', mustMerge(false)],
  ['mustMergeOverwrite', mustMerge(true)],
  ['deepCopy', fixed([A], (a) => deepCopyArg(a[0]))],
  ['mustDeepCopy', fixed([A], (a) => deepCopyArg(a[0]))],
  ['dig', variadic([A], (a) => dig(a))],
];
