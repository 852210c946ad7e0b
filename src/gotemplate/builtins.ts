// Go's predefined template functions (and or not len index slice print printf println html js
// urlquery call eq ne lt le gt ge) with Go 1.19's type rules and error texts. Most take their
// arguments as reflect.Value in Go, so "no value" reaches them as is: their parameters are declared
// as REFLECT_VALUE, which the executor passes through unconverted.
import { FuncError, type FuncDef } from './func-def.js';
import { sprint, sprintf, sprintln, formatValue } from './fmt.js';
import { htmlEscape, jsEscape, queryEscape } from './builtins-escape.js';
import { fromUtf8, utf8Bytes, utf8Length } from './go-strings.js';
import { GoComplex, GoEnum, GoFunc, GoInt, GoMap, GoPtr, GoSlice, T, compareStrings, truthy, typeName, typeOf, zeroValue, type GoType, type GoValue } from './value.js';

export { htmlEscape, jsEscape, queryEscape } from './builtins-escape.js';

/** A parameter Go declares as reflect.Value: the argument arrives unconverted (undefined kept). */
export const REFLECT_VALUE: GoType = { kind: 'interface' };

/** indirectInterface: a nil interface becomes "no value". */
function ii(v: GoValue): GoValue {
  return v === null ? undefined : v;
}

/** Go's indirect through pointers and interfaces: [value, isNil]. */
function indirect(v: GoValue): [GoValue, boolean] {
  for (;;) {
    if (v === null) return [v, true];
    if (v instanceof GoPtr) {
      if (v.target === null) return [v, true];
      v = v.target;
      continue;
    }
    return [v, false];
  }
}

export function truth(v: GoValue): boolean {
  return truthy(ii(v));
}

type Kind = 'bool' | 'int' | 'uint' | 'float' | 'complex' | 'string' | 'invalid';

function basicKind(v: GoValue): Kind {
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return 'float';
    case 'string':
      return 'string';
  }
  if (v instanceof GoInt) return v.name.charCodeAt(0) === 117 /* u */ ? 'uint' : 'int';
  if (v instanceof GoEnum) return 'int';
  if (v instanceof GoComplex) return 'complex';
  return 'invalid';
}

function num(v: GoValue): number {
  return v instanceof GoInt || v instanceof GoEnum ? v.v : (v as number);
}

const errBadComparisonType = 'invalid type for comparison';
const errBadComparison = 'incompatible types for comparison';

function isNil(v: GoValue): boolean {
  if (v === undefined || v === null) return true;
  if (v instanceof GoMap || v instanceof GoSlice || v instanceof GoPtr) return v.isNil;
  return false;
}

function comparable(v: GoValue): boolean {
  return !(v instanceof GoMap || v instanceof GoSlice || v instanceof GoFunc);
}

/** %s of a value, as Go's error messages print reflect.Values. */
function fmtS(v: GoValue): string {
  return sprintf('%s', [v]);
}

export function eq(arg1: GoValue, ...rest: GoValue[]): boolean {
  arg1 = ii(arg1);
  if (rest.length === 0) throw new FuncError('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (let arg of rest) {
    arg = ii(arg);
    const k2 = basicKind(arg);
    let t = false;
    if (k1 !== k2) {
      if (k1 === 'int' && k2 === 'uint') t = num(arg1) >= 0 && num(arg1) === num(arg);
      else if (k1 === 'uint' && k2 === 'int') t = num(arg) >= 0 && num(arg1) === num(arg);
      else if (arg1 !== undefined && arg !== undefined) throw new FuncError(errBadComparison);
    } else {
      switch (k1) {
        case 'bool':
        case 'string':
        case 'float':
          t = arg1 === arg;
          break;
        case 'int':
        case 'uint':
          t = num(arg1) === num(arg);
          break;
        case 'complex':
          t = (arg1 as GoComplex).re === (arg as GoComplex).re && (arg1 as GoComplex).im === (arg as GoComplex).im;
          break;
        default: {
          // Go's canCompare: the same reflect.Kind (a map[string]string and a map[string]interface{} pass
          // it and then fail as non-comparable), or one side invalid.
          if (arg1 !== undefined && arg !== undefined && typeOf(arg1).kind !== typeOf(arg).kind) {
            throw new FuncError(`non-comparable types ${fmtS(arg1)}: ${typeName(typeOf(arg1))}, ${typeName(typeOf(arg))}: ${formatValue(arg)}`);
          }
          if (isNil(arg1) || isNil(arg)) t = isNil(arg) === isNil(arg1);
          else {
            if (!comparable(arg)) throw new FuncError(`non-comparable type ${fmtS(arg)}: ${typeName(typeOf(arg))}`);
            t = arg1 === arg || (arg1 instanceof GoPtr && arg instanceof GoPtr && arg1.target === arg.target);
          }
        }
      }
    }
    if (t) return true;
  }
  return false;
}

export function lt(arg1: GoValue, arg2: GoValue): boolean {
  arg1 = ii(arg1);
  const k1 = basicKind(arg1);
  if (k1 === 'invalid') throw new FuncError(errBadComparisonType);
  arg2 = ii(arg2);
  const k2 = basicKind(arg2);
  if (k2 === 'invalid') throw new FuncError(errBadComparisonType);
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') return num(arg1) < 0 || num(arg1) < num(arg2);
    if (k1 === 'uint' && k2 === 'int') return num(arg2) >= 0 && num(arg1) < num(arg2);
    throw new FuncError(errBadComparison);
  }
  switch (k1) {
    case 'bool':
    case 'complex':
      throw new FuncError(errBadComparisonType);
    case 'string':
      return compareStrings(arg1 as string, arg2 as string) < 0;
    default:
      return num(arg1) < num(arg2);
  }
}

function le(a: GoValue, b: GoValue): boolean {
  return lt(a, b) || eq(a, b);
}

function indexArg(index: GoValue, cap: number): number {
  let x: number;
  if (index instanceof GoInt || index instanceof GoEnum) x = index.v;
  else if (index === undefined || index === null) throw new FuncError('cannot index slice/array with nil');
  else throw new FuncError(`cannot index slice/array with type ${typeName(typeOf(index))}`);
  if (x < 0 || x > cap) throw new FuncError(`index out of range: ${x}`);
  return x;
}

function stringBytes(s: string): Uint8Array | null {
  return utf8Length(s) === s.length ? null : utf8Bytes(s);
}

export function index(item: GoValue, ...indexes: GoValue[]): GoValue {
  item = ii(item);
  if (item === undefined) throw new FuncError('index of untyped nil');
  for (let idx of indexes) {
    idx = ii(idx);
    let nil: boolean;
    [item, nil] = indirect(item);
    if (nil) throw new FuncError('index of nil pointer');
    if (item instanceof GoSlice || typeof item === 'string') {
      const bytes = typeof item === 'string' ? stringBytes(item) : null;
      const len = typeof item === 'string' ? (bytes ? bytes.length : item.length) : item.length;
      const x = indexArg(idx, len);
      // Go 1.19 checks x > len only; x == len is reflect's panic.
      if (x === len) throw new FuncError(`reflect: ${typeof item === 'string' ? 'string' : 'slice'} index out of range`);
      item = typeof item === 'string' ? new GoInt('uint8', bytes ? bytes[x] : item.charCodeAt(x)) : item.at(x);
    } else if (item instanceof GoMap) {
      if (idx === undefined) throw new FuncError('value is nil; should be of type string');
      if (typeof idx !== 'string') throw new FuncError(`value has type ${typeName(typeOf(idx))}; should be string`);
      item = item.has(idx) ? item.get(idx) : zeroValue(item.elem);
    } else throw new FuncError(`can't index item of type ${typeName(typeOf(item))}`);
  }
  return item;
}

export function slice(item: GoValue, ...indexes: GoValue[]): GoValue {
  item = ii(item);
  if (item === undefined) throw new FuncError('slice of untyped nil');
  if (indexes.length > 3) throw new FuncError(`too many slice indexes: ${indexes.length}`);
  let cap: number;
  let bytes: Uint8Array | null = null;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new FuncError('cannot 3-index slice a string');
    bytes = utf8Bytes(item);
    cap = bytes.length;
  } else if (item instanceof GoSlice) cap = item.length;
  else throw new FuncError(`can't slice item of type ${typeName(typeOf(item))}`);
  const idx = [0, typeof item === 'string' ? cap : item.length, 0];
  indexes.forEach((x, i) => (idx[i] = indexArg(ii(x), cap)));
  if (idx[0] > idx[1]) throw new FuncError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1] > idx[2]) throw new FuncError(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (bytes) return fromUtf8(bytes.subarray(idx[0], idx[1]));
  const s = item as GoSlice;
  return GoSlice.of(s.elem, s.items().slice(idx[0], idx[1]));
}

export function length(item: GoValue): GoValue {
  const [v, nil] = indirect(item);
  if (nil) throw new FuncError('len of nil pointer');
  if (typeof v === 'string') return new GoInt('int', utf8Length(v));
  if (v instanceof GoSlice) return new GoInt('int', v.length);
  if (v instanceof GoMap) return new GoInt('int', v.size);
  if (v === undefined) throw new FuncError('reflect: call of reflect.Value.Type on zero Value');
  throw new FuncError(`len of type ${typeName(typeOf(v))}`);
}

function call(fn: GoValue, ...args: GoValue[]): GoValue {
  fn = ii(fn);
  if (fn === undefined) throw new FuncError('call of nil');
  if (!(fn instanceof GoFunc)) throw new FuncError(`non-function of type ${typeName(typeOf(fn))}`);
  return fn.fn(args);
}

/** Go's evalArgs for html/js/urlquery: one string as is, else fmt.Sprint of printable values. */
function evalArgs(args: GoValue[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (a === undefined || a === null ? '<no value>' : a instanceof GoPtr && a.target !== null ? a.target : a)));
}

const RV = REFLECT_VALUE;
const def = (params: GoType[], variadic: boolean, fn: (args: GoValue[]) => GoValue): FuncDef => ({ params, variadic, fn });

const BUILTINS: ReadonlyMap<string, FuncDef> = new Map<string, FuncDef>([
  ['and', def([RV, RV], true, (a) => a.find((v) => !truth(v)) ?? a[a.length - 1])],
  ['or', def([RV, RV], true, (a) => a.find((v) => truth(v)) ?? a[a.length - 1])],
  ['not', def([RV], false, (a) => !truth(a[0]))],
  ['len', def([RV], false, (a) => length(a[0]))],
  ['index', def([RV, RV], true, (a) => (a.length === 2 ? index(a[0], a[1]) : index(a[0], ...a.slice(1))))],
  ['slice', def([RV, RV], true, (a) => slice(a[0], ...a.slice(1)))],
  ['call', def([RV, RV], true, (a) => call(a[0], ...a.slice(1)))],
  ['print', def([T.interface], true, (a) => sprint(a))],
  ['printf', def([T.string, T.interface], true, (a) => sprintf(a[0] as string, a.slice(1)))],
  ['println', def([T.interface], true, (a) => sprintln(a))],
  ['html', def([T.interface], true, (a) => htmlEscape(evalArgs(a)))],
  ['js', def([T.interface], true, (a) => jsEscape(evalArgs(a)))],
  ['urlquery', def([T.interface], true, (a) => queryEscape(evalArgs(a)))],
  ['eq', def([RV, RV], true, (a) => (a.length === 2 ? eq(a[0], a[1]) : eq(a[0], ...a.slice(1))))],
  ['ne', def([RV, RV], false, (a) => !eq(a[0], a[1]))],
  ['lt', def([RV, RV], false, (a) => lt(a[0], a[1]))],
  ['le', def([RV, RV], false, (a) => le(a[0], a[1]))],
  ['gt', def([RV, RV], false, (a) => !le(a[0], a[1]))],
  ['ge', def([RV, RV], false, (a) => !lt(a[0], a[1]))],
]);
const BUILTIN_DEFS = new Set(BUILTINS.values());

/** Go's builtins (a fresh map each call; the FuncDefs are shared and recognised by the executor). */
export function builtinFuncs(): Map<string, FuncDef> {
  return new Map(BUILTINS);
}

export function isBuiltinDef(d: FuncDef): boolean {
  return BUILTIN_DEFS.has(d);
}
