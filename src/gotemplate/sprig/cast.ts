// Conversions Sprig leans on everywhere: spf13/cast 1.5.0's ToInt64/ToInt/ToFloat64 (the `int`, `int64`,
// `float64`, `add`, `max` ... functions), Sprig's own strval (`toString`, `join`, `dict` keys), and Go's
// strconv parsing rules those use (base prefixes, underscores, range errors turn into 0).
import { formatValue } from '../fmt.js';
import { GoComplex, GoEnum, GoFunc, GoInt, GoMap, GoPtr, GoSlice, GoStruct, isEmptyGoValue, type GoValue } from '../value.js';

const INT64_MIN = -9223372036854775808;
const INT64_MAX_BIG = (1n << 63n) - 1n;

/** strconv.ParseInt(s, base, 64) as a number, or undefined where Go returns an error (syntax or range). */
export function parseGoInt(s: string, base: 0 | 8 | 10): number | undefined {
  let rest = s;
  let neg = false;
  if (rest[0] === '+' || rest[0] === '-') {
    neg = rest[0] === '-';
    rest = rest.slice(1);
  }
  if (rest === '') return undefined;
  let radix: number = base;
  if (base === 0) {
    radix = 10;
    if (rest[0] === '0') {
      const p = rest.length >= 3 ? rest[1].toLowerCase() : '';
      if (p === 'b') (radix = 2), (rest = rest.slice(2));
      else if (p === 'o') (radix = 8), (rest = rest.slice(2));
      else if (p === 'x') (radix = 16), (rest = rest.slice(2));
      else (radix = 8), (rest = rest.slice(1));
    }
    if (s.includes('_') && !underscoreOK(s)) return undefined;
  }
  let big = 0n;
  const r = BigInt(radix);
  for (const ch of rest) {
    if (ch === '_' && base === 0) continue;
    const d = digitValue(ch);
    if (d < 0 || d >= radix) return undefined;
    big = big * r + BigInt(d);
  }
  if (neg) big = -big;
  if (big > INT64_MAX_BIG || big < -(1n << 63n)) return undefined;
  return Number(big);
}

function digitValue(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 122) return c - 87;
  if (c >= 65 && c <= 90) return c - 55;
  return -1;
}

/** Go's strconv underscoreOK: underscores only between digits, or right after a base prefix. */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s[0] === '+' || s[0] === '-') s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1])) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** strconv.ParseFloat(s, 64), or undefined on a syntax or range error. */
export function parseGoFloat(s: string): number | undefined {
  if (s.includes('_')) {
    if (!underscoreOK(s)) return undefined;
    s = s.replace(/_/g, '');
  }
  const t = s.replace(/^[+-]/, '');
  const sign = s[0] === '-' ? -1 : 1;
  const lower = t.toLowerCase();
  if (lower === 'inf' || lower === 'infinity') return sign * Infinity;
  if (lower === 'nan') return NaN;
  let v: number;
  if (/^0x/i.test(t)) {
    const m = /^0x((?:[0-9a-f]_?)*[0-9a-f]?)(?:\.((?:[0-9a-f]_?)*))?p([+-]?\d+)$/i.exec(t);
    if (!m || (m[1] === '' && !m[2])) return undefined;
    const mant = (m[1] + (m[2] ?? '')).replace(/_/g, '');
    v = parseInt(mant || '0', 16) * Math.pow(2, Number(m[3]) - 4 * (m[2] ?? '').replace(/_/g, '').length);
  } else {
    if (!/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
    v = Number(t);
  }
  if (!Number.isFinite(v)) return undefined;
  return sign * v;
}

/** Strips a zero fraction ("4.00" -> "4") as cast does before parsing an integer. */
function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    const c = s[i - 1];
    if (c === '.') {
      if (foundZero) return s.slice(0, i - 1);
    } else if (c === '0') foundZero = true;
    else return s;
  }
  return s;
}

/** Go's float64 -> int64 conversion as amd64 does it (out of range and NaN give the minimum int64). */
export function floatToInt64(f: number): number {
  if (!Number.isFinite(f) || f >= 9223372036854775808 || f < INT64_MIN) return INT64_MIN;
  return Math.trunc(f) || 0;
}

/** cast.ToInt64 (ToInt is the same on 64-bit Go): 0 for anything it cannot convert. */
export function toInt64(v: GoValue): number {
  v = castIndirect(v);
  if (v === null || v === undefined) return 0;
  switch (typeof v) {
    case 'number':
      return floatToInt64(v);
    case 'boolean':
      return v ? 1 : 0;
    case 'string':
      return parseGoInt(trimZeroDecimal(v), 0) ?? 0;
  }
  if (v instanceof GoInt) return v.v;
  return 0; // named types (proto enums), maps, slices, structs: cast errors, Sprig ignores the error
}

/** cast.ToFloat64: 0 for anything it cannot convert. */
export function toFloat64(v: GoValue): number {
  v = castIndirect(v);
  if (v === null || v === undefined) return 0;
  switch (typeof v) {
    case 'number':
      return v;
    case 'boolean':
      return v ? 1 : 0;
    case 'string':
      return parseGoFloat(v) ?? 0;
  }
  if (v instanceof GoInt) return v.v;
  return 0;
}

/** cast's indirect: follows non-nil pointers. */
function castIndirect(v: GoValue): GoValue {
  while (v instanceof GoPtr && v.target !== null) v = v.target;
  return v;
}

/** Sprig's strval: strings as they are, Stringers through String(), everything else as `%v`. */
export function strval(v: GoValue): string {
  return typeof v === 'string' ? v : formatValue(v);
}

/** Sprig's `empty`: Go's zero-ness by kind (structs are never empty, nil pointers are). */
export function isEmpty(v: GoValue): boolean {
  if (v instanceof GoComplex) return v.re === 0 && v.im === 0;
  return isEmptyGoValue(v, false); // structs and funcs are never empty
}

/** Go's reflect.Kind name of a value (`invalid` for nil). */
export function kindName(v: GoValue): string {
  if (v === undefined || v === null) return 'invalid';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return 'float64';
  }
  if (v instanceof GoInt) return v.name;
  if (v instanceof GoEnum) return 'int32';
  if (v instanceof GoMap) return 'map';
  if (v instanceof GoSlice) return v.array ? 'array' : 'slice';
  if (v instanceof GoPtr) return 'ptr';
  if (v instanceof GoStruct) return 'struct';
  if (v instanceof GoFunc) return 'func';
  if (v instanceof GoComplex) return 'complex128';
  return 'invalid';
}
