// Go string semantics Sprig's string functions inherit: strings are UTF-8 bytes (so `trunc`, `substr`,
// `wrap` cut bytes), Unicode predicates are Go's `unicode` package, slicing out of range panics.
import { checkResultSize, FuncPanic } from '../func-def.js';

const ASCII = /^[\x00-\x7f]*$/;

/** The string's UTF-8 bytes as a "binary" JS string (one char per byte), so byte offsets are indices. */
export function toBytes(s: string): string {
  return ASCII.test(s) ? s : Buffer.from(s, 'utf8').toString('latin1');
}

/** Back from bytes to text (bytes that are not valid UTF-8 become U+FFFD). */
export function fromBytes(b: string): string {
  return ASCII.test(b) ? b : Buffer.from(b, 'latin1').toString('utf8');
}

/** Go's s[lo:hi] on bytes, with the runtime's panic when out of range. */
export function sliceBytes(b: string, lo: number, hi: number, hiGiven = true): string {
  if (hi < 0 || hi > b.length) throw new FuncPanic(`runtime error: slice bounds out of range [:${hi}] with length ${b.length}`);
  if (lo < 0 || lo > hi) throw new FuncPanic(hiGiven ? `runtime error: slice bounds out of range [${lo}:${hi}]` : `runtime error: slice bounds out of range [${lo}:${hi}]`);
  return b.slice(lo, hi);
}

/** unicode.IsSpace. */
export const GO_SPACE_CLASS = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const SPACE = new RegExp(`^[${GO_SPACE_CLASS}]$`);
export const isSpace = (ch: string): boolean => SPACE.test(ch);
export const isUpper = (ch: string): boolean => /^\p{Lu}$/u.test(ch);
export const isLower = (ch: string): boolean => /^\p{Ll}$/u.test(ch);
export const isTitleCase = (ch: string): boolean => /^\p{Lt}$/u.test(ch);
export const isLetter = (ch: string): boolean => /^\p{L}$/u.test(ch);
export const isNumber = (ch: string): boolean => /^\p{N}$/u.test(ch);
export const isDigit = (ch: string): boolean => /^\p{Nd}$/u.test(ch);
export const isPunct = (ch: string): boolean => /^\p{P}$/u.test(ch);

/** unicode.ToUpper of one rune: the simple mapping (a rune whose uppercase is several runes stays). */
export function toUpperRune(ch: string): string {
  const u = ch.toUpperCase();
  return u.length === ch.length || [...u].length === 1 ? u : ch;
}
export function toLowerRune(ch: string): string {
  if (ch === '\u0130') return 'i';
  const l = ch.toLowerCase();
  return [...l].length === 1 ? l : ch;
}
/** unicode.ToTitle (title case differs from upper case only for a few digraphs). */
export function toTitleRune(ch: string): string {
  const titles: Record<string, string> = { '\u01c4': '\u01c5', '\u01c5': '\u01c5', '\u01c6': '\u01c5', '\u01c7': '\u01c8', '\u01c8': '\u01c8', '\u01c9': '\u01c8', '\u01ca': '\u01cb', '\u01cb': '\u01cb', '\u01cc': '\u01cb', '\u01f1': '\u01f2', '\u01f2': '\u01f2', '\u01f3': '\u01f2' };
  return Object.prototype.hasOwnProperty.call(titles, ch) ? titles[ch] : toUpperRune(ch);
}

/** strings.ToUpper / ToLower: rune by rune with the simple mappings. */
export function goToUpper(s: string): string {
  if (ASCII.test(s)) return s.toUpperCase();
  return Array.from(s, toUpperRune).join('');
}
export function goToLower(s: string): string {
  if (ASCII.test(s)) return s.toLowerCase();
  return Array.from(s, toLowerRune).join('');
}

/** strings.TrimSpace. A scan from each end: the RegExp `[\\s]+$` retried at every space of a long inner
 *  run takes quadratic time (a 100,000-space run took 7 s). */
export function trimSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isSpace(s[start]!)) start++;
  while (end > start && isSpace(s[end - 1]!)) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** strings.Trim(s, cutset): drops leading and trailing runes that are in cutset. */
export function trimCutset(s: string, cutset: string): string {
  if (s === '' || cutset === '') return s;
  const set = new Set(Array.from(cutset));
  const runes = Array.from(s);
  let lo = 0;
  let hi = runes.length;
  while (lo < hi && set.has(runes[lo])) lo++;
  while (hi > lo && set.has(runes[hi - 1])) hi--;
  return runes.slice(lo, hi).join('');
}

/** strings.Split / SplitN (n < 0: all; n == 0: none; an empty separator splits into runes). */
export function splitN(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const runes = Array.from(s);
    if (n < 0 || n >= runes.length) return runes;
    return [...runes.slice(0, n - 1), runes.slice(n - 1).join('')];
  }
  const parts = s.split(sep);
  if (n < 0 || parts.length <= n) return parts;
  return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}

/** strings.Replace(s, old, new, -1). An empty `old` matches before every rune and at the end. */
export function replaceAll(s: string, old: string, repl: string): string {
  if (old === '') return repl + Array.from(s).join(repl) + (s === '' ? '' : repl);
  return s.split(old).join(repl);
}

/** strings.Repeat, which panics on a negative count. */
export function repeat(s: string, count: number): string {
  if (count < 0) throw new FuncPanic('strings: negative Repeat count');
  if (s.length * count > Number.MAX_SAFE_INTEGER) throw new FuncPanic('strings: Repeat output length overflow');
  checkResultSize(s.length * count);
  return s.repeat(count);
}
