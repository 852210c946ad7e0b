// Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource), as far as injection needs
// them: validating the proxy resource annotations and printing quantities the way a typed round
// trip through Go (`Quantity.String()`) prints them, e.g. `2000m` -> `2`, `1024Mi` -> `1Gi`.
// Values are kept exact with BigInt (value = sign * digits * 10^exp10 * 2^exp2), so nothing is
// lost to floating point.

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface ParsedQuantity {
  /** -1 for a leading `-`, else 1. */
  sign: 1 | -1;
  /** Integer and fraction digits joined, leading zeros removed (`1.50` -> 150n). */
  digits: bigint;
  /** Power of ten: minus the number of fraction digits plus a decimal suffix's exponent. */
  exp10: number;
  /** Power of two of a binary suffix (Ki = 10, Mi = 20, ...), else 0. */
  exp2: number;
  format: QuantityFormat;
  /** The text as given; Go keeps it verbatim as the printed form when it is already canonical. */
  source: string;
}

/** The regular expression Kubernetes cites when it rejects a quantity. */
export const QUANTITY_FORMAT_MESSAGE = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const SUFFIX_CHARS = 'eEinumkKMGTP';
const MAX_INT64 = (1n << 63n) - 1n;

/** Splits a quantity like Kubernetes' parseQuantityString + suffix interpretation; null when invalid. */
export function parseQuantity(s: string): ParsedQuantity | null {
  if (s.length === 0) return null;
  if (s === '0') return { sign: 1, digits: 0n, exp10: 0, exp2: 0, format: 'DecimalSI', source: s };
  let pos = 0;
  let sign: 1 | -1 = 1;
  if (s[0] === '-') { sign = -1; pos++; } else if (s[0] === '+') pos++;
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  const numStart = pos;
  while (isDigit(s[pos])) pos++;
  const num = s.slice(numStart, pos);
  let denom = '';
  if (s[pos] === '.') {
    pos++;
    const denomStart = pos;
    while (isDigit(s[pos])) pos++;
    denom = s.slice(denomStart, pos);
  }
  const suffixStart = pos;
  while (pos < s.length && SUFFIX_CHARS.includes(s[pos]!)) pos++;
  if (s[pos] === '-' || s[pos] === '+') pos++;
  while (isDigit(s[pos])) pos++;
  if (pos < s.length) return null;
  const suffix = s.slice(suffixStart);

  let exp10 = 0;
  let exp2 = 0;
  let format: QuantityFormat;
  if (suffix in DECIMAL_SUFFIXES) { exp10 = DECIMAL_SUFFIXES[suffix]!; format = 'DecimalSI'; }
  else if (suffix in BINARY_SUFFIXES) { exp2 = BINARY_SUFFIXES[suffix]!; format = 'BinarySI'; }
  else if (/^[eE][-+]?[0-9]+$/.test(suffix)) {
    exp10 = Number.parseInt(suffix.slice(1), 10);
    if (!Number.isSafeInteger(exp10)) return null;
    format = 'DecimalExponent';
  } else return null;
  const all = (num + denom).replace(/^0+/, '');
  return { sign, digits: all === '' ? 0n : BigInt(all), exp10: exp10 - denom.length, exp2, format, source: s };
}

export function isQuantity(s: string): boolean {
  return parseQuantity(s) !== null;
}

/** Exact value as mantissa * 10^exponent, after Kubernetes' rounding (up, to whole nano units) and cap. */
interface Decimal { mantissa: bigint; exponent: number }

function valueOf(q: ParsedQuantity): Decimal {
  let mantissa = q.digits * (1n << BigInt(q.exp2)) * BigInt(q.sign);
  let exponent = q.exp10;
  if (exponent < -9 && mantissa !== 0n) {
    // Go rounds anything finer than 1n up (away from zero) so a tiny request still gets something.
    const div = 10n ** BigInt(-9 - exponent);
    const abs = mantissa < 0n ? -mantissa : mantissa;
    let rounded = abs / div;
    if (rounded * div !== abs) rounded += 1n;
    mantissa = mantissa < 0n ? -rounded : rounded;
    exponent = -9;
  }
  if (q.format === 'BinarySI' && exponent >= 0) {
    const abs = mantissa < 0n ? -mantissa : mantissa;
    if (abs * 10n ** BigInt(exponent) > MAX_INT64) {
      // Go caps binary quantities at the largest int64.
      mantissa = mantissa < 0n ? -MAX_INT64 : MAX_INT64;
      exponent = 0;
    }
  }
  return { mantissa, exponent };
}

/** Whether Go's ParseQuantity keeps the input string as the printed form (its fast, "already canonical" path). */
function keepsSource(q: ParsedQuantity): boolean {
  const m = /^[+-]?0*([0-9]*)(?:\.([0-9]*))?/.exec(q.source)!;
  const num = m[1] === '' ? '0' : m[1]!;
  const denom = m[2] ?? '';
  const shifted = num + denom;
  if (q.format === 'BinarySI') {
    if (denom.length > 0) return false;
    const precision = 15 - num.length - Math.trunc((q.exp2 * 3) / 10) - 1;
    if (precision < 0) return false;
    const value = BigInt(shifted);
    if (value * (1n << BigInt(q.exp2)) > MAX_INT64) return false;
    return q.exp2 % 10 === 0 && (value & 7n) !== 0n;
  }
  const precision = 18 - (num.length + denom.length);
  if (precision < 0 || q.exp10 < -9) return false;
  if (BigInt(shifted) > MAX_INT64) return false;
  return q.exp10 % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
}

/** Kubernetes `Quantity.String()` of a quantity given as text (or a JSON number). Throws on an invalid quantity. */
export function canonicalQuantity(s: string | number): string {
  const text = typeof s === 'number' ? String(s) : s;
  const q = parseQuantity(text);
  if (!q) throw new Error(`invalid quantity ${JSON.stringify(text)}: ${QUANTITY_FORMAT_MESSAGE}`);
  if (q.source === '0') return '0';
  const { mantissa, exponent } = valueOf(q);
  if (mantissa === 0n) return '0';
  if (keepsSource(q)) return q.source;

  let format = q.format;
  if (format === 'BinarySI') {
    const abs = mantissa < 0n ? -mantissa : mantissa;
    const integral = exponent >= 0 || abs % 10n ** BigInt(-exponent) === 0n;
    const lessThan1024 = exponent >= 0 ? abs * 10n ** BigInt(exponent) < 1024n : abs < 1024n * 10n ** BigInt(-exponent);
    if (lessThan1024 || !integral) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    let value = exponent >= 0 ? mantissa * 10n ** BigInt(exponent) : mantissa / 10n ** BigInt(-exponent);
    let times = 0;
    while (value % 1024n === 0n && times < 6) { value /= 1024n; times++; }
    return `${value}${['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'][times]}`;
  }
  let m = mantissa;
  let e = exponent;
  while (m % 10n === 0n) { m /= 10n; e++; }
  while (e % 3 !== 0) { m *= 10n; e--; }
  if (format === 'DecimalExponent') return e === 0 ? `${m}` : `${m}e${e}`;
  const si = Object.entries(DECIMAL_SUFFIXES).find(([, x]) => x === e);
  return si ? `${m}${si[0]}` : `${m}e${e}`;
}

/** Equal as amounts (`1000m` equals `1`, `1Gi` equals `1024Mi`); false if either is not a quantity. */
export function quantityEquals(a: string | number, b: string | number): boolean {
  const pa = parseQuantity(String(a));
  const pb = parseQuantity(String(b));
  if (!pa || !pb) return false;
  const va = valueOf(pa);
  const vb = valueOf(pb);
  const e = Math.min(va.exponent, vb.exponent);
  return va.mantissa * 10n ** BigInt(va.exponent - e) === vb.mantissa * 10n ** BigInt(vb.exponent - e);
}
