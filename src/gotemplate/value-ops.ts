// What the engine asks of any value (value.ts): its Go type, its truth, what a pointer points at.
import { GoComplex, GoEnum, GoInt } from './go-scalars.js';
import { T, type GoType } from './go-types.js';
import { GoMap, GoPtr, GoSlice, GoStruct, type GoValue } from './value.js';

/** The Go type of a value (interface{} for nil / no value). */
export function typeOf(v: GoValue): GoType {
  if (v === undefined || v === null) return T.interface;
  switch (typeof v) {
    case 'string':
      return T.string;
    case 'boolean':
      return T.bool;
    case 'number':
      return T.float64;
  }
  if (v instanceof GoInt) return T.intOf(v.name);
  if (v instanceof GoEnum) return T.enum(v.def);
  if (v instanceof GoMap) return T.map(v.elem);
  if (v instanceof GoSlice) return T.slice(v.elem);
  if (v instanceof GoStruct) return T.struct(v.def);
  if (v instanceof GoPtr) return T.ptr(v.elem);
  if (v instanceof GoComplex) return T.complex128;
  return T.func;
}

/** Go's `truth` (text/template isTrue). "No value" is false, as Go treats an invalid value as nil. */
export function isTrue(v: GoValue): [truth: boolean, ok: boolean] {
  return [truthy(v), true];
}

/** isTrue's truth alone: every value this model holds has one (Go's `ok` is false for none of them). */
export function truthy(v: GoValue): boolean {
  if (v === undefined || v === null) return false;
  switch (typeof v) {
    case 'string':
      return v.length > 0;
    case 'boolean':
      return v;
    case 'number':
      return v !== 0;
  }
  if (v instanceof GoInt || v instanceof GoEnum) return v.v !== 0;
  if (v instanceof GoMap) return v.size > 0;
  if (v instanceof GoSlice) return v.length > 0;
  if (v instanceof GoPtr) return !v.isNil;
  if (v instanceof GoComplex) return v.re !== 0 || v.im !== 0;
  return true;
}

/** Follows pointers to the value they point at (a nil pointer stays itself). */
export function indirect(v: GoValue): GoValue {
  while (v instanceof GoPtr && v.target !== null) v = v.target;
  return v;
}
