// Go's time.ParseDuration, step for step: what istiod accepts for a Duration (legacy jsonpb reads
// google.protobuf.Duration with it) and what Istio's formatDuration helper parses, with Go's messages.
import { goTimeQuote } from './go-strings.js';

/** A text time.ParseDuration refuses; the message is Go's (`time: invalid duration "1x"`). */
export class GoDurationError extends Error {}

const UNIT_NANOS = new Map<string, bigint>([
  ['ns', 1n], ['us', 1_000n], ['µs', 1_000n], ['μs', 1_000n], ['ms', 1_000_000n], ['s', 1_000_000_000n],
  ['m', 60_000_000_000n], ['h', 3_600_000_000_000n],
]);
const TWO_63 = 1n << 63n;

/** Nanoseconds of a duration text such as "1h30m", "-1.5s", "300ms"; throws GoDurationError. */
export function goParseDuration(orig: string): bigint {
  const invalid = () => new GoDurationError(`time: invalid duration ${goTimeQuote(orig)}`);
  let s = orig;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw invalid();
  let d = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s, 0))) throw invalid();
    // [0-9]*, refused past 2^63.
    let i = 0;
    let v = 0n;
    for (; i < s.length && isDigit(s, i); i++) {
      if (v > TWO_63 / 10n) throw invalid();
      v = v * 10n + BigInt(s.charCodeAt(i) - 48);
      if (v > TWO_63) throw invalid();
    }
    const pre = i > 0;
    s = s.slice(i);
    // (\.[0-9]*)?: digits past int64 precision are read but no longer counted.
    let f = 0n;
    let scale = 1;
    let post = false;
    if (s !== '' && s[0] === '.') {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      for (; j < s.length && isDigit(s, j); j++) {
        if (overflow) continue;
        if (f > (TWO_63 - 1n) / 10n) { overflow = true; continue; }
        const y = f * 10n + BigInt(s.charCodeAt(j) - 48);
        if (y > TWO_63) { overflow = true; continue; }
        f = y;
        scale *= 10;
      }
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) throw invalid();
    // The unit: everything up to the next digit or '.'.
    let k = 0;
    while (k < s.length && s[k] !== '.' && !isDigit(s, k)) k++;
    if (k === 0) throw new GoDurationError(`time: missing unit in duration ${goTimeQuote(orig)}`);
    const u = s.slice(0, k);
    s = s.slice(k);
    const unit = UNIT_NANOS.get(u);
    if (unit === undefined) throw new GoDurationError(`time: unknown unit ${goTimeQuote(u)} in duration ${goTimeQuote(orig)}`);
    if (v > TWO_63 / unit) throw invalid();
    v *= unit;
    if (f > 0n) {
      // Go computes the fraction in float64 (nanosecond-exact up to hours) and truncates.
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > TWO_63) throw invalid();
    }
    d += v;
    if (d > TWO_63) throw invalid();
  }
  if (neg) return -d;
  if (d > TWO_63 - 1n) throw invalid();
  return d;
}

function isDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}
