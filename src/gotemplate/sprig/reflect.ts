// Sprig's reflection functions: `typeOf` (fmt's %T), `kindOf` (reflect.Kind), `typeIs`, `typeIsLike`,
// `kindIs`, and reflect.DeepEqual (`deepEqual`, and the equality behind `has`, `uniq`, `without`).
import type { FuncDef } from '../func-def.js';
import { GoComplex, GoEnum, GoFunc, GoInt, GoMap, GoPtr, GoSlice, GoStruct, typeName, typeOf, type GoValue } from '../value.js';
import { kindName } from './cast.js';
import { A, S, fixed, str } from './define.js';

/** fmt's %T: `<nil>` for a nil interface. */
export function goTypeString(v: GoValue): string {
  if (v === null || v === undefined) return '<nil>';
  return typeName(typeOf(v));
}

/** reflect.DeepEqual: same dynamic type, then equal contents (nil and empty maps/slices differ). */
export function deepEqual(a: GoValue, b: GoValue): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === null || b === null) return a === b;
  if (typeof a !== 'object' || typeof b !== 'object') {
    // NaN is not equal to itself in DeepEqual either.
    return typeof a === typeof b && a === b;
  }
  if (goTypeString(a) !== goTypeString(b)) return false;
  if (a instanceof GoInt || a instanceof GoEnum) return a.v === (b as GoInt | GoEnum).v;
  if (a instanceof GoMap) {
    const m = b as GoMap;
    if (a === m) return true;
    if (a.isNil !== m.isNil || a.size !== m.size) return false;
    return a.keys().every((k) => m.has(k) && deepEqual(a.get(k), m.get(k)));
  }
  if (a instanceof GoSlice) {
    const s = b as GoSlice;
    if (a === s) return true;
    if (a.isNil !== s.isNil || a.length !== s.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a.at(i), s.at(i))) return false;
    return true;
  }
  if (a instanceof GoPtr) {
    const p = b as GoPtr;
    if (a.isNil || p.isNil) return a.isNil === p.isNil;
    return a.target === p.target || deepEqual(a.target, p.target);
  }
  if (a instanceof GoStruct) {
    const s = b as GoStruct;
    if (a === s) return true;
    for (const name of a.def.fields.keys()) if (!deepEqual(a.field(name), s.field(name))) return false;
    return true;
  }
  if (a instanceof GoComplex) return a.re === (b as GoComplex).re && a.im === (b as GoComplex).im;
  if (a instanceof GoFunc) return false; // funcs are equal only when both are nil
  return false;
}

export const reflectFuncs: Array<[string, FuncDef]> = [
  ['typeOf', fixed([A], (a) => goTypeString(a[0]))],
  ['typeIs', fixed([S, A], (a) => str(a[0]) === goTypeString(a[1]))],
  [
    'typeIsLike',
    fixed([S, A], (a) => {
      const t = goTypeString(a[1]);
      return str(a[0]) === t || '*' + str(a[0]) === t;
    }),
  ],
  ['kindOf', fixed([A], (a) => kindName(a[0]))],
  ['kindIs', fixed([S, A], (a) => str(a[0]) === kindName(a[1]))],
  ['deepEqual', fixed([A, A], (a) => deepEqual(a[0], a[1]))],
];
