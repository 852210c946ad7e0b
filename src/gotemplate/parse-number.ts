// Number constants as Go's parse.newNumber reads them: the same text may be an int, a uint and a
// float at once (`1.0` is all three); character constants and imaginary literals included.
import { NumberNode } from './nodes.js';
import { unquoteChar } from './go-strings.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** strconv.ParseInt/ParseUint with base 0 (prefixes 0x 0o 0b, leading 0 = octal, underscores). */
function parseGoInteger(text: string, signed: boolean): bigint | null {
  let s = text;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    if (!signed) return null;
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '') return null;
  let base = 10;
  let digits = s;
  let prefixed = false;
  if (s[0] === '0' && s.length > 1) {
    const p = s[1].toLowerCase();
    if (p === 'x') base = 16;
    else if (p === 'o') base = 8;
    else if (p === 'b') base = 2;
    if (base !== 10) {
      digits = s.slice(2);
      prefixed = true;
    } else {
      base = 8;
      digits = s.slice(1);
    }
  }
  if (digits.includes('_')) {
    // Underscores only between digits or right after the base prefix.
    const ok = prefixed || base === 8 ? /^(_?[0-9a-zA-Z])+$/ : /^[0-9a-zA-Z](_?[0-9a-zA-Z])*$/;
    if (!ok.test(digits)) return null;
    digits = digits.replace(/_/g, '');
  }
  if (digits === '') return base === 8 && !prefixed ? 0n : null;
  const valid = base === 16 ? /^[0-9a-fA-F]+$/ : base === 8 ? /^[0-7]+$/ : base === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!valid.test(digits)) return null;
  const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '';
  let v = BigInt(prefix + digits);
  if (neg) v = -v;
  if (signed ? v < INT64_MIN || v > INT64_MAX : v > UINT64_MAX) return null;
  return v;
}

/** strconv.ParseFloat(text, 64): null on syntax error or overflow to infinity. */
export function parseGoFloat(text: string): number | null {
  let s = text;
  let sign = 1;
  if (s[0] === '+' || s[0] === '-') {
    sign = s[0] === '-' ? -1 : 1;
    s = s.slice(1);
  }
  if (/^0[xX]/.test(s)) {
    const m = /^0[xX]((?:_?[0-9a-fA-F])*)(?:\.((?:[0-9a-fA-F]_?)*))?[pP]([+-]?[0-9](?:_?[0-9])*)$/.exec(s);
    if (!m || (m[1] === '' && (m[2] ?? '') === '')) return null;
    const intPart = m[1].replace(/_/g, '');
    const frac = (m[2] ?? '').replace(/_/g, '');
    let mant = 0;
    for (const c of intPart + frac) mant = mant * 16 + parseInt(c, 16);
    const v = sign * mant * Math.pow(2, Number(m[3].replace(/_/g, '')) - 4 * frac.length);
    return Number.isFinite(v) ? v : null;
  }
  if (!/^(?:[0-9](?:_?[0-9])*)?(?:\.(?:[0-9](?:_?[0-9])*)?)?(?:[eE][+-]?[0-9](?:_?[0-9])*)?$/.test(s)) return null;
  if (!/[0-9]/.test(s.split(/[eE]/)[0])) return null;
  if (s.includes('_') && !/^[0-9]/.test(s)) return null;
  const v = sign * Number(s.replace(/_/g, ''));
  return Number.isFinite(v) ? v : null;
}

function setFromFloat(n: NumberNode, f: number): void {
  n.isFloat = true;
  n.float64 = f;
  if (!n.isInt && Number.isInteger(f) && f >= -(2 ** 63) && f < 2 ** 63) {
    n.isInt = true;
    n.int64 = f;
  }
  if (!n.isUint && Number.isInteger(f) && f >= 0 && f < 2 ** 64) {
    n.isUint = true;
    n.uint64 = f;
  }
}

/** Builds a NumberNode; throws an Error with Go's message on bad syntax. */
export function newNumber(pos: number, text: string, typ: 'char' | 'complex' | 'number'): NumberNode {
  const n = new NumberNode(pos, text);
  if (typ === 'char') {
    let cp: number;
    let tail: string;
    try {
      const [c, next] = unquoteChar(text, 1, "'");
      cp = c.codePointAt(0)!;
      tail = text.slice(next);
    } catch {
      throw new Error('invalid syntax');
    }
    if (tail !== "'") throw new Error(`malformed character constant: ${text}`);
    n.isInt = n.isUint = n.isFloat = true;
    n.int64 = n.uint64 = n.float64 = cp;
    return n;
  }
  if (typ === 'complex') {
    const m = /^(.+?)([+-][^+-]*i)$/.exec(text.replace(/([eEpP])([+-])/g, '$1\u0000$2'));
    const re = m ? parseGoFloat(m[1].replace(/\u0000/g, '')) : null;
    const im = m ? parseGoFloat(m[2].slice(0, -1).replace(/\u0000/g, '')) : null;
    if (re === null || im === null) throw new Error('expected integer');
    n.isComplex = true;
    n.complex = [re, im];
    simplifyComplex(n);
    return n;
  }
  if (text.endsWith('i')) {
    const f = parseGoFloat(text.slice(0, -1));
    if (f !== null) {
      n.isComplex = true;
      n.complex = [0, f];
      simplifyComplex(n);
      return n;
    }
  }
  const u = parseGoInteger(text, false);
  if (u !== null) {
    n.isUint = true;
    n.uint64 = Number(u);
  }
  const i = parseGoInteger(text, true);
  if (i !== null) {
    n.isInt = true;
    n.int64 = Number(i);
    if (i === 0n) {
      n.isUint = true;
      n.uint64 = 0;
    }
  }
  if (n.isInt) {
    n.isFloat = true;
    n.float64 = n.int64;
  } else if (n.isUint) {
    n.isFloat = true;
    n.float64 = n.uint64;
  } else {
    const f = parseGoFloat(text);
    if (f !== null) {
      if (!/[.eEpP]/.test(text)) throw new Error(`integer overflow: ${JSON.stringify(text)}`);
      setFromFloat(n, f);
    }
  }
  if (!n.isInt && !n.isUint && !n.isFloat) throw new Error(`illegal number syntax: ${JSON.stringify(text)}`);
  return n;
}

function simplifyComplex(n: NumberNode): void {
  n.isFloat = n.complex[1] === 0;
  if (n.isFloat) {
    const f = n.complex[0];
    n.float64 = f;
    n.isInt = Number.isInteger(f) && Math.abs(f) < 2 ** 63;
    if (n.isInt) n.int64 = f;
    n.isUint = Number.isInteger(f) && f >= 0 && f < 2 ** 64;
    if (n.isUint) n.uint64 = f;
  }
}
