// Sprig's arithmetic (numeric.go and the math entries of its map). Integer functions work on int64 via
// cast.ToInt64; the `...f` functions go through shopspring/decimal, which is exact for + - * and rounds
// division to 16 decimal places (half away from zero), then converts back to the nearest float64.
import { checkResultSize, FuncPanic, type FuncDef } from '../func-def.js';
import { formatValue } from '../fmt.js';
import { GoSlice, T, type GoValue } from '../value.js';
import { parseGoInt, toFloat64, toInt64 } from './cast.js';
import { A, I, S, fixed, goInt, goInt64, int, str, variadic } from './define.js';

/** int64 arithmetic with Go's wrap-around (exact through BigInt once past 2^53). */
function wrap64(exact: () => bigint, approx: number): number {
  if (Number.isSafeInteger(approx)) return approx;
  return Number(BigInt.asIntN(64, exact()));
}
const add64 = (a: number, b: number): number => wrap64(() => BigInt(a) + BigInt(b), a + b);
const sub64 = (a: number, b: number): number => wrap64(() => BigInt(a) - BigInt(b), a - b);
const mul64 = (a: number, b: number): number => wrap64(() => BigInt(a) * BigInt(b), a * b);
function div64(a: number, b: number, op: 'div' | 'mod'): number {
  if (b === 0) throw new FuncPanic('runtime error: integer divide by zero');
  if (op === 'div') return Math.trunc(a / b) || 0;
  return a % b || 0;
}

/** A decimal value coef * 10^exp (shopspring/decimal). */
interface Dec {
  coef: bigint;
  exp: number;
}

/** decimal.NewFromFloat: the shortest decimal that round-trips (the digits JavaScript prints too). */
function decFromFloat(f: number): Dec {
  if (!Number.isFinite(f)) throw new FuncPanic(`Cannot create a Decimal from ${Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf'}`);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(f))!;
  const frac = m[3] ?? '';
  return { coef: BigInt(m[1] + m[2] + frac), exp: Number(m[4] ?? 0) - frac.length };
}

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const exp = Math.min(a.exp, b.exp);
  return [a.coef * 10n ** BigInt(a.exp - exp), b.coef * 10n ** BigInt(b.exp - exp), exp];
}

const decOps = {
  add: (a: Dec, b: Dec): Dec => {
    const [x, y, exp] = align(a, b);
    return { coef: x + y, exp };
  },
  sub: (a: Dec, b: Dec): Dec => {
    const [x, y, exp] = align(a, b);
    return { coef: x - y, exp };
  },
  mul: (a: Dec, b: Dec): Dec => ({ coef: a.coef * b.coef, exp: a.exp + b.exp }),
  /** DivRound(b, 16). */
  div: (a: Dec, b: Dec): Dec => {
    if (b.coef === 0n) throw new FuncPanic('decimal division by 0'); // shopspring/decimal's words
    const shift = a.exp - b.exp + 16;
    let num = a.coef;
    let den = b.coef;
    if (shift >= 0) num *= 10n ** BigInt(shift);
    else den *= 10n ** BigInt(-shift);
    let q = num / den;
    const r = num % den;
    const abs = (x: bigint): bigint => (x < 0n ? -x : x);
    if (2n * abs(r) >= abs(den)) q += (num < 0n) !== (den < 0n) ? -1n : 1n;
    return { coef: q, exp: -16 };
  },
};

function decimalOp(first: GoValue, rest: GoValue[], op: (a: Dec, b: Dec) => Dec): number {
  let acc = decFromFloat(toFloat64(first));
  for (const x of rest) acc = op(acc, decFromFloat(toFloat64(x)));
  return Number(`${acc.coef}e${acc.exp}`);
}

/** untilStep: start up to (not including) stop by step, empty when step points away from stop. */
function untilStep(start: number, stop: number, step: number): number[] {
  if (step !== 0 && (stop - start) / step > 0) checkResultSize(Math.ceil((stop - start) / step));
  const v: number[] = [];
  if (stop < start) {
    if (step >= 0) return v;
    for (let i = start; i > stop; i += step) v.push(i);
    return v;
  }
  if (step <= 0) return v;
  for (let i = start; i < stop; i += step) v.push(i);
  return v;
}

const intSlice = (ns: number[]): GoSlice => GoSlice.of(T.int, ns.map(goInt));

function seq(params: number[]): string {
  let inc = 1;
  let out: number[];
  switch (params.length) {
    case 1: {
      const end = params[0];
      if (end < 1) inc = -1;
      out = untilStep(1, end + inc, inc);
      break;
    }
    case 2: {
      const [start, end] = params;
      const step = end < start ? -1 : 1;
      out = untilStep(start, end + step, step);
      break;
    }
    case 3: {
      const [start, step, end] = params;
      if (end < start) {
        inc = -1;
        if (step > 0) return '';
      }
      out = untilStep(start, end + inc, step);
      break;
    }
    default:
      return '';
  }
  return out.join(' ');
}

function round(a: GoValue, p: number, rOpt: GoValue[]): number {
  const roundOn = rOpt.length > 0 ? (rOpt[0] as number) : 0.5;
  const val = toFloat64(a);
  const pow = Math.pow(10, p);
  const digit = pow * val;
  const frac = digit % 1;
  return (frac >= roundOn ? Math.ceil(digit) : Math.floor(digit)) / pow;
}

function atoi(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) return 0;
  const n = BigInt(s);
  if (n > (1n << 63n) - 1n) return 9223372036854775807;
  if (n < -(1n << 63n)) return -9223372036854775808;
  return Number(n);
}

const fold = (f: (acc: number, x: number) => number) => (a: GoValue[]) => goInt64(a.slice(1).reduce<number>((acc, x) => f(acc, toInt64(x)), toInt64(a[0])));
const foldF = (f: (acc: number, x: number) => number) => (a: GoValue[]) => a.slice(1).reduce<number>((acc, x) => f(acc, toFloat64(x)), toFloat64(a[0]));
const decimalFunc = (op: (a: Dec, b: Dec) => Dec): FuncDef => variadic([A, A], (a) => decimalOp(a[0], a.slice(1), op));
const goMax = (x: number, y: number): number => (Number.isNaN(x) || Number.isNaN(y) ? NaN : x === 0 && y === 0 ? (Object.is(x, -0) ? y : x) : Math.max(x, y));
const goMin = (x: number, y: number): number => (Number.isNaN(x) || Number.isNaN(y) ? NaN : x === 0 && y === 0 ? (Object.is(x, -0) ? x : y) : Math.min(x, y));

export const mathFuncs: Array<[string, FuncDef]> = [
  ['atoi', fixed([S], (a) => goInt(atoi(str(a[0]))))],
  ['int64', fixed([A], (a) => goInt64(toInt64(a[0])))],
  ['int', fixed([A], (a) => goInt(toInt64(a[0])))],
  ['float64', fixed([A], (a) => toFloat64(a[0]))],
  ['seq', variadic([I], (a) => seq(a.map(int)))],
  ['toDecimal', fixed([A], (a) => goInt64(parseGoInt(formatValue(a[0] ?? null), 8) ?? 0))],
  ['until', fixed([I], (a) => intSlice(untilStep(0, int(a[0]), int(a[0]) < 0 ? -1 : 1)))],
  ['untilStep', fixed([I, I, I], (a) => intSlice(untilStep(int(a[0]), int(a[1]), int(a[2]))))],
  ['add1', fixed([A], (a) => goInt64(add64(toInt64(a[0]), 1)))],
  ['add', variadic([A], (a) => goInt64(a.reduce<number>((acc, x) => add64(acc, toInt64(x)), 0)))],
  ['sub', fixed([A, A], (a) => goInt64(sub64(toInt64(a[0]), toInt64(a[1]))))],
  ['div', fixed([A, A], (a) => goInt64(div64(toInt64(a[0]), toInt64(a[1]), 'div')))],
  ['mod', fixed([A, A], (a) => goInt64(div64(toInt64(a[0]), toInt64(a[1]), 'mod')))],
  ['mul', variadic([A, A], fold(mul64))],
  ['add1f', fixed([A], (a) => decimalOp(a[0], [1], decOps.add))],
  ['addf', variadic([A], (a) => decimalOp(0, a, decOps.add))],
  ['subf', decimalFunc(decOps.sub)],
  ['divf', decimalFunc(decOps.div)],
  ['mulf', decimalFunc(decOps.mul)],
  ['biggest', variadic([A, A], fold((x, y) => (y > x ? y : x)))],
  ['max', variadic([A, A], fold((x, y) => (y > x ? y : x)))],
  ['min', variadic([A, A], fold((x, y) => (y < x ? y : x)))],
  ['maxf', variadic([A, A], foldF(goMax))],
  ['minf', variadic([A, A], foldF(goMin))],
  ['ceil', fixed([A], (a) => Math.ceil(toFloat64(a[0])))],
  ['floor', fixed([A], (a) => Math.floor(toFloat64(a[0])))],
  ['round', variadic([A, I, T.float64], (a) => round(a[0], int(a[1]), a.slice(2)))],
];

