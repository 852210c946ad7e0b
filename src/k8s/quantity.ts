// Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource), as far as injection needs
// them: validating the proxy resource annotations and printing quantities the way a typed round
// trip through Go (`Quantity.String()`) prints them, e.g. `2000m` -> `2`, `1024Mi` -> `1Gi`.
// Values are kept exact with BigInt (value = sign * digits * 10^exp10 * 2^exp2), so nothing is
// lost to floating point.
//
// Quantities come from untrusted pods and annotations, so no work may grow with the exponent
// (`1e-300000000` is 12 characters): zeros are counted in strings, never multiplied out, anything
// finer than 1n rounds up to 1n without dividing, and the significant digits are bounded.

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface ParsedQuantity {
  /** -1 for a leading `-`, else 1. */
  sign: 1 | -1;
  /** Significant digits: integer and fraction digits joined, leading and trailing zeros removed (`1.50` -> 15n). */
  digits: bigint;
  /** Power of ten of `digits`: the suffix's exponent, minus the fraction digits, plus the trailing zeros removed. */
  exp10: number;
  /** Power of two of a binary suffix (Ki = 10, Mi = 20, ...), else 0. */
  exp2: number;
  format: QuantityFormat;
  /** The text as given; Go keeps it verbatim as the printed form when it is already canonical. */
  source: string;
  /** Whether Go's ParseQuantity keeps `source` as the printed form (its fast, "already canonical" path). */
  keepsSource: boolean;
}

/** The regular expression Kubernetes cites when it rejects a quantity. */
export const QUANTITY_FORMAT_MESSAGE = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/**
 * Significant digits a quantity may carry. Kubernetes documents quantities as at most 2^63-1 with
 * nano precision (28 digits); Go's parser has no limit, but BigInt work grows with the square of
 * the digits, so a pod carrying a megabyte of them must not get that far.
 */
export const MAX_QUANTITY_DIGITS = 1000;
export const QUANTITY_DIGITS_MESSAGE = `quantities may have at most ${MAX_QUANTITY_DIGITS} significant digits`;

const DECIMAL_SUFFIXES = new Map<string, number>([['n', -9], ['u', -6], ['m', -3], ['', 0], ['k', 3], ['M', 6], ['G', 9], ['T', 12], ['P', 15], ['E', 18]]);
const BINARY_SUFFIXES = new Map<string, number>([['Ki', 10], ['Mi', 20], ['Gi', 30], ['Ti', 40], ['Pi', 50], ['Ei', 60]]);
const SI_SUFFIX_OF_EXPONENT = new Map([...DECIMAL_SUFFIXES].map(([suffix, exp]) => [exp, suffix]));
const SUFFIX_CHARS = 'eEinumkKMGTP';
const MAX_INT64 = (1n << 63n) - 1n;
const MIN_INT64 = -(1n << 63n);
/** Digits of MAX_INT64: any integer with more is larger. */
const MAX_INT64_DIGITS = 19;

type Parse = { quantity: ParsedQuantity } | { problem: string };

/** Splits a quantity like Kubernetes' parseQuantityString + suffix interpretation; null when invalid. */
export function parseQuantity(s: string): ParsedQuantity | null {
  const r = parse(s);
  return 'quantity' in r ? r.quantity : null;
}

export function isQuantity(s: string): boolean {
  return 'quantity' in parse(s);
}

/** Why `s` is not a quantity (the sentence Kubernetes uses, or the digit bound), or undefined. */
export function quantityProblem(s: string): string | undefined {
  const r = parse(s);
  return 'problem' in r ? r.problem : undefined;
}

function parse(s: string): Parse {
  const invalid = { problem: QUANTITY_FORMAT_MESSAGE };
  if (s.length === 0) return invalid;
  if (s === '0') return { quantity: { sign: 1, digits: 0n, exp10: 0, exp2: 0, format: 'DecimalSI', source: s, keepsSource: true } };
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
  if (pos < s.length) return invalid;
  const suffix = s.slice(suffixStart);

  let suffixExp10 = 0;
  let exp2 = 0;
  let format: QuantityFormat;
  const decimal = DECIMAL_SUFFIXES.get(suffix);
  const binary = BINARY_SUFFIXES.get(suffix);
  if (decimal !== undefined) { suffixExp10 = decimal; format = 'DecimalSI'; }
  else if (binary !== undefined) { exp2 = binary; format = 'BinarySI'; }
  else {
    const exponent = goSuffixExponent(suffix);
    if (exponent === undefined) return invalid;
    suffixExp10 = exponent;
    format = 'DecimalExponent';
  }

  // Significant digits and their power of ten, by counting zeros instead of multiplying them out.
  const all = num + denom;
  let first = 0;
  while (first < all.length && all[first] === '0') first++;
  let end = all.length;
  while (end > first && all[end - 1] === '0') end--;
  const significant = all.slice(first, end);
  const quantity: ParsedQuantity = {
    sign,
    digits: 0n,
    exp10: suffixExp10 - denom.length + (all.length - end),
    exp2,
    format,
    source: s,
    keepsSource: false,
  };
  if (significant === '') return { quantity: { ...quantity, exp10: 0, keepsSource: goKeepsSource(num, denom, suffixExp10, exp2, format) } };
  if (significant.length > MAX_QUANTITY_DIGITS) return { problem: QUANTITY_DIGITS_MESSAGE };
  quantity.digits = BigInt(significant);
  quantity.keepsSource = goKeepsSource(num, denom, suffixExp10, exp2, format);
  return { quantity };
}

/**
 * The exponent of an `e`/`E` suffix as Go reads it: strconv.ParseInt (int64, else the quantity is
 * invalid), then converted to int32, which wraps (`1e4294967296` is 1 to Kubernetes).
 */
function goSuffixExponent(suffix: string): number | undefined {
  const m = /^[eE]([-+]?)0*([0-9]+)$/.exec(suffix);
  if (!m) return undefined;
  const digits = m[2]!;
  if (digits.length > MAX_INT64_DIGITS) return undefined;
  const value = m[1] === '-' ? -BigInt(digits) : BigInt(digits);
  if (value > MAX_INT64 || value < MIN_INT64) return undefined;
  return Number(BigInt.asIntN(32, value));
}

/** Go's ParseQuantity fast path: small enough for an int64 and already written canonically. */
function goKeepsSource(rawNum: string, denom: string, suffixExp10: number, exp2: number, format: QuantityFormat): boolean {
  const stripped = rawNum.replace(/^0+/, '');
  const num = stripped === '' ? '0' : stripped;
  const shifted = num + denom;
  if (format === 'BinarySI') {
    if (denom.length > 0) return false;
    const precision = 15 - num.length - Math.trunc((exp2 * 3) / 10) - 1;
    if (precision < 0) return false;
    const value = BigInt(shifted);
    if (value * (1n << BigInt(exp2)) > MAX_INT64) return false;
    return exp2 % 10 === 0 && (value & 7n) !== 0n;
  }
  const precision = 18 - (num.length + denom.length);
  if (precision < 0 || suffixExp10 - denom.length < -9) return false;
  if (BigInt(shifted) > MAX_INT64) return false;
  return (suffixExp10 - denom.length) % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
}

/** Exact value as mantissa * 10^exponent after Kubernetes' rounding and cap; mantissa has no trailing zero digit. */
interface Decimal { mantissa: bigint; exponent: number }

function digitCount(n: bigint): number {
  return (n < 0n ? -n : n).toString().length;
}

/** Moves trailing zero digits into the exponent (at most MAX_QUANTITY_DIGITS + 19 steps). */
function normalize(mantissa: bigint, exponent: number): Decimal {
  if (mantissa === 0n) return { mantissa, exponent: 0 };
  const text = mantissa.toString();
  let end = text.length;
  while (text[end - 1] === '0') end--;
  if (end === text.length) return { mantissa, exponent };
  return { mantissa: BigInt(text.slice(0, end)), exponent: exponent + (text.length - end) };
}

function valueOf(q: ParsedQuantity): Decimal {
  let mantissa = q.digits * (1n << BigInt(q.exp2)) * BigInt(q.sign);
  let exponent = q.exp10;
  if (mantissa === 0n) return { mantissa, exponent: 0 };
  if (exponent < -9) {
    // Go rounds anything finer than 1n up (away from zero) so a tiny request still gets something.
    const drop = -9 - exponent;
    const abs = mantissa < 0n ? -mantissa : mantissa;
    let rounded = 1n;
    // Fewer digits than are dropped: the value is below 1n, and rounds up to exactly 1n.
    if (drop <= digitCount(abs)) {
      const div = 10n ** BigInt(drop);
      rounded = abs / div;
      if (rounded * div !== abs) rounded += 1n;
    }
    mantissa = mantissa < 0n ? -rounded : rounded;
    exponent = -9;
  }
  if (q.format === 'BinarySI' && exceedsInt64(mantissa, exponent)) {
    // Go caps binary quantities at the largest int64.
    return normalize(mantissa < 0n ? -MAX_INT64 : MAX_INT64, 0);
  }
  return normalize(mantissa, exponent);
}

/** |mantissa * 10^exponent| > 2^63-1, for an exponent of at least -9. */
function exceedsInt64(mantissa: bigint, exponent: number): boolean {
  const abs = mantissa < 0n ? -mantissa : mantissa;
  if (exponent >= 0) return digitCount(abs) + exponent > MAX_INT64_DIGITS || abs * 10n ** BigInt(exponent) > MAX_INT64;
  return abs > MAX_INT64 * 10n ** BigInt(-exponent);
}

/** Kubernetes `Quantity.String()` of a quantity given as text (or a JSON number). Throws on an invalid quantity. */
export function canonicalQuantity(s: string | number): string {
  const text = typeof s === 'number' ? String(s) : s;
  const r = parse(text);
  if ('problem' in r) throw new Error(`invalid quantity ${JSON.stringify(text.length > 64 ? `${text.slice(0, 64)}...` : text)}: ${r.problem}`);
  const q = r.quantity;
  if (q.source === '0') return '0';
  const { mantissa, exponent } = valueOf(q);
  if (mantissa === 0n) return '0';
  if (q.keepsSource) return q.source;

  let format = q.format;
  if (format === 'BinarySI') {
    // After valueOf a binary value is at most 2^63-1 with an exponent of at least -9, so the powers below are small.
    const abs = mantissa < 0n ? -mantissa : mantissa;
    const integral = exponent >= 0;
    const lessThan1024 = exponent >= 0 ? abs * 10n ** BigInt(exponent) < 1024n : abs < 1024n * 10n ** BigInt(-exponent);
    if (lessThan1024 || !integral) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    let value = mantissa * 10n ** BigInt(exponent);
    let times = 0;
    while (value % 1024n === 0n && times < 6) { value /= 1024n; times++; }
    return `${value}${['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'][times]}`;
  }
  // The mantissa has no trailing zeros: at most two steps make the exponent a multiple of three.
  let m = mantissa;
  let e = exponent;
  while (e % 3 !== 0) { m *= 10n; e--; }
  if (format === 'DecimalExponent') return e === 0 ? `${m}` : `${m}e${e}`;
  const si = SI_SUFFIX_OF_EXPONENT.get(e);
  return si !== undefined ? `${m}${si}` : `${m}e${e}`;
}

/** Equal as amounts (`1000m` equals `1`, `1Gi` equals `1024Mi`); false if either is not a quantity. */
export function quantityEquals(a: string | number, b: string | number): boolean {
  const pa = parseQuantity(String(a));
  const pb = parseQuantity(String(b));
  if (!pa || !pb) return false;
  // Both normalized (no trailing zeros), so equal amounts have equal mantissas and exponents.
  const va = valueOf(pa);
  const vb = valueOf(pb);
  return va.mantissa === vb.mantissa && va.exponent === vb.exponent;
}
