// Small helpers shared by the Sprig function tables.
import type { FuncDef } from '../func-def.js';
import { GoInt, GoSlice, T, type GoType, type GoValue } from '../value.js';

/** A function of fixed arity with Go's declared parameter types. */
export function fixed(params: GoType[], fn: (args: GoValue[]) => GoValue): FuncDef {
  return { params, fn };
}

/** A function whose last parameter is `...T`. */
export function variadic(params: GoType[], fn: (args: GoValue[]) => GoValue): FuncDef {
  return { params, variadic: true, fn };
}

/** Arguments of declared type string / int arrive converted; these read them back. */
export const str = (v: GoValue): string => (typeof v === 'string' ? v : '');
export const int = (v: GoValue): number => (v instanceof GoInt ? v.v : typeof v === 'number' ? v : 0);
export const goInt = (n: number): GoInt => new GoInt('int', n);
export const goInt64 = (n: number): GoInt => new GoInt('int64', n);

/** []string and []interface{} results. */
export const stringSlice = (items: string[]): GoSlice => GoSlice.of(T.string, items);
export const anySlice = (items: GoValue[]): GoSlice => GoSlice.of(T.interface, items);
export const nilAnySlice = (): GoSlice => new GoSlice(T.interface, null);
export const nilStringSlice = (): GoSlice => new GoSlice(T.string, null);

export const S = T.string;
export const I = T.int;
export const A = T.interface;
export const MSA = T.map(T.interface);
