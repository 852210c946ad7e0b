// How a template function is declared: the contract between the executor and every function library
// (Go's builtins, Sprig, Istio's helpers). Parameter types are declared because Go's executor converts
// and checks arguments against them: the constant `3` passed to an `int` parameter is an int, `.Values.n`
// (a float64) passed to it is "wrong type for value; expected int; got float64".
import type { GoType, GoValue } from './value.js';

export interface FuncDef {
  /** Declared parameter types (T.interface accepts anything). */
  readonly params: readonly GoType[];
  /** The last parameter is variadic (`...T`): zero or more arguments of its type. */
  readonly variadic?: boolean;
  /**
   * The function. Arguments arrive converted to the declared types. Throw `FuncError` (or any Error) to
   * fail: the executor reports `error calling NAME: MESSAGE`, as Go does for a function's error result.
   * A function that panics in Go (a few Sprig ones do) should throw `FuncPanic`, reported as Go reports a
   * recovered panic.
   */
  readonly fn: (args: GoValue[]) => GoValue;
}

export type FuncMap = ReadonlyMap<string, FuncDef>;

/** A function's error result. */
export class FuncError extends Error {}

/** A Go panic inside a function (text/template turns it into `error calling NAME: MESSAGE`). */
export class FuncPanic extends Error {}

/**
 * The most list items or characters one call may create. Go would try (and run out of memory, as
 * `seq 2147483647` does); a template is data here, so a hostile one gets this error instead of taking
 * the process down. Real templates stay far below it. The executor also bounds what all calls of one
 * execution create together (ExecLimits.maxCreatedSize).
 */
export const MAX_RESULT_SIZE = 1 << 24;

/** Throws before a function builds a result of `size` items or characters past MAX_RESULT_SIZE. */
export function checkResultSize(size: number): void {
  if (!(size <= MAX_RESULT_SIZE)) throw new FuncError(`the result would hold ${size} items or characters, more than the limit of ${MAX_RESULT_SIZE}`);
}

/** Later maps override earlier ones, as successive template.Funcs calls do. */
export function mergeFuncMaps(...maps: FuncMap[]): Map<string, FuncDef> {
  const out = new Map<string, FuncDef>();
  for (const m of maps) for (const [k, v] of m) out.set(k, v);
  return out;
}
