// Go's strconv.FormatFloat ('e', 'f', 'g' with shortest or fixed precision, round half to even on
// exact ties) and integer digits in a base: the pieces fmt builds %v %e %f %g %d %x %o %b from.

/** Decimal digits and exponent of |v|: v = 0.d1d2d3... * 10^dp. Shortest round-trip when prec < 0. */
interface Digits {
  d: string; // significant digits without trailing zeros ('' for zero)
  dp: number; // decimal point position
}

function shortestDigits(v: number): Digits {
  if (v === 0) return { d: '', dp: 0 };
  const s = Math.abs(v).toExponential(); // shortest round-trip digits
  const [m, e] = s.split('e');
  const d = m.replace('.', '').replace(/0+$/, '');
  return { d, dp: Number(e) + 1 };
}

/** Exact decimal expansion of |v| (finite), as integer digits and fraction digits. */
function exactDecimal(v: number): { int: string; frac: string } {
  const a = Math.abs(v);
  // Decompose a = mant * 2^exp exactly.
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, a);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const bexp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (bexp === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = bexp - 1075;
  }
  if (exp >= 0) return { int: (mant << BigInt(exp)).toString(), frac: '' };
  // a = mant / 2^-exp = mant * 5^-exp / 10^-exp
  const n = -exp;
  const scaled = (mant * 5n ** BigInt(n)).toString().padStart(n + 1, '0');
  return { int: scaled.slice(0, scaled.length - n), frac: scaled.slice(scaled.length - n).replace(/0+$/, '') };
}

/** Rounds |v| to `nd` significant digits (half to even on exact ties), or `nf` fraction digits. */
function roundedDigits(v: number, mode: 'sig' | 'frac', n: number): Digits {
  if (v === 0) return { d: '', dp: 0 };
  const { int, frac } = exactDecimal(v);
  let all = (int === '0' ? '' : int) + frac;
  let dp = int === '0' ? 0 : int.length;
  // strip leading zeros of the fraction when int is 0
  if (int === '0') {
    const lead = frac.length - frac.replace(/^0+/, '').length;
    all = frac.slice(lead);
    dp = -lead;
  }
  const keep = mode === 'sig' ? n : dp + n;
  if (keep < 0) return { d: '', dp: 0 };
  if (all.length <= keep) return { d: all.replace(/0+$/, ''), dp };
  const head = all.slice(0, keep);
  const next = all.charCodeAt(keep) - 48;
  const rest = all.slice(keep + 1);
  let up = next > 5 || (next === 5 && (/[1-9]/.test(rest) || (keep > 0 && (head.charCodeAt(keep - 1) - 48) % 2 === 1)));
  if (next === 5 && !/[1-9]/.test(rest) && keep === 0) up = false; // 0.5 -> 0 (even)
  let digits = head;
  if (up) {
    const arr = digits.split('').map(Number);
    let i = arr.length - 1;
    while (i >= 0 && arr[i] === 9) arr[i--] = 0;
    if (i < 0) {
      arr.unshift(1);
      dp++;
    } else arr[i]++;
    digits = arr.join('');
  }
  if (digits === '' && !up) return { d: '', dp: 0 };
  return { d: digits.replace(/0+$/, ''), dp };
}

function fmtE(dg: Digits, prec: number, upper: boolean): string {
  // prec < 0: shortest, all digits.
  const d = dg.d === '' ? '0' : dg.d;
  let mant = d[0];
  const fracDigits = prec < 0 ? d.slice(1) : d.slice(1).padEnd(prec, '0').slice(0, prec);
  if (fracDigits.length > 0) mant += '.' + fracDigits;
  const exp = dg.d === '' ? 0 : dg.dp - 1;
  const es = Math.abs(exp) < 10 ? '0' + Math.abs(exp) : String(Math.abs(exp));
  return `${mant}${upper ? 'E' : 'e'}${exp < 0 ? '-' : '+'}${es}`;
}

function fmtF(dg: Digits, prec: number): string {
  const d = dg.d;
  let intPart: string;
  let frac: string;
  if (d === '') {
    intPart = '0';
    frac = '';
  } else if (dg.dp <= 0) {
    intPart = '0';
    frac = '0'.repeat(-dg.dp) + d;
  } else if (dg.dp >= d.length) {
    intPart = d + '0'.repeat(dg.dp - d.length);
    frac = '';
  } else {
    intPart = d.slice(0, dg.dp);
    frac = d.slice(dg.dp);
  }
  if (prec >= 0) frac = frac.padEnd(prec, '0').slice(0, prec);
  return frac.length > 0 ? `${intPart}.${frac}` : intPart;
}

/** strconv.FormatFloat(v, fmt, prec, 64) for fmt in e E f F g G (prec -1 = shortest). */
export function formatFloat(v: number, fmt: string, prec: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const neg = v < 0 || Object.is(v, -0);
  const sign = neg ? '-' : '';
  const shortest = prec < 0;
  switch (fmt) {
    case 'x':
    case 'X':
      return sign + hexFloat(Math.abs(v), fmt === 'X');
    case 'b': {
      const [mant, exp] = binaryParts(Math.abs(v));
      return `${sign}${mant}p${exp >= 0 ? '+' : '-'}${Math.abs(exp)}`;
    }
    case 'e':
    case 'E': {
      const dg = shortest ? shortestDigits(v) : roundedDigits(v, 'sig', prec + 1);
      return sign + fmtE(dg, prec, fmt === 'E');
    }
    case 'f':
    case 'F': {
      const dg = shortest ? shortestDigits(v) : roundedDigits(v, 'frac', prec);
      return sign + fmtF(dg, prec);
    }
    default: {
      // g / G
      let p = prec;
      if (p === 0) p = 1;
      const dg = shortest ? shortestDigits(v) : roundedDigits(v, 'sig', p);
      let eprec = p;
      const nd = Math.max(dg.d.length, 1);
      if (eprec > nd && nd >= dg.dp) eprec = nd;
      if (shortest) eprec = 6;
      const exp = dg.d === '' ? 0 : dg.dp - 1;
      if (exp < -4 || exp >= eprec) {
        return sign + fmtE(dg, shortest ? -1 : Math.max(dg.d.length - 1, 0), fmt === 'G');
      }
      return sign + fmtF(dg, shortest ? -1 : Math.max(dg.d.length - dg.dp, 0));
    }
  }
}

/** The 53-bit integer mantissa and binary exponent of a finite non-negative double (v = mant * 2^exp). */
function binaryParts(v: number): [bigint, number] {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, v);
  const hi = buf.getUint32(0);
  const bexp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(buf.getUint32(4));
  if (bexp === 0) return [mant, -1074];
  mant |= 1n << 52n;
  return [mant, bexp - 1075];
}

/** strconv 'x' format, shortest: 0x1.8p+01. */
function hexFloat(v: number, upper: boolean): string {
  let out: string;
  if (v === 0) out = '0x0p+00';
  else {
    let [mant, exp] = binaryParts(v);
    // Normalize so the leading bit is bit 52.
    while (mant < 1n << 52n) {
      mant <<= 1n;
      exp--;
    }
    exp += 52;
    const frac = (mant & ((1n << 52n) - 1n)).toString(16).padStart(13, '0').replace(/0+$/, '');
    const e = Math.abs(exp);
    out = `0x1${frac ? '.' + frac : ''}p${exp < 0 ? '-' : '+'}${e < 10 ? '0' + e : e}`;
  }
  return upper ? out.toUpperCase() : out;
}

/** Digits of an integer magnitude in a base (2..16), lower or upper case. */
export function formatIntDigits(v: bigint | number, base: number, upper: boolean): string {
  // Past 2^53 a number's own toString prints the shortest text that reads back (2^63 as
  // 9223372036854776000); Go prints the integer's every digit, which BigInt gives exactly.
  const magnitude = typeof v === 'bigint' ? (v < 0n ? -v : v) : Math.abs(v);
  const s = (typeof magnitude === 'number' && !Number.isSafeInteger(magnitude) ? BigInt(magnitude) : magnitude).toString(base);
  return upper ? s.toUpperCase() : s;
}
