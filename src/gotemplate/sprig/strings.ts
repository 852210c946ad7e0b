// Sprig's string functions (strings.go and the string entries of its function map).
import { checkResultSize, type FuncDef } from '../func-def.js';
import { formatValue } from '../fmt.js';
import { lineCount } from '../go-strings.js';
import { GoMap, T, type GoValue } from '../value.js';
import { strval } from './cast.js';
import { A, I, S, fixed, int, str, stringSlice, variadic } from './define.js';
import { fromBytes, goToLower, goToUpper, repeat, replaceAll, sliceBytes, splitN, toBytes, trimCutset, trimSpace } from './go-strings.js';
import { abbreviateFull, camelCase, camelToLower, deleteWhiteSpace, initials, swapCase, title, uncapitalize, wrapCustom } from './string-case.js';
import { joinList, sortAlpha, strslice } from './string-lists.js';

const s1 = (f: (s: string) => string): FuncDef => fixed([S], (a) => f(str(a[0])));
const s2 = (f: (a: string, b: string) => GoValue): FuncDef => fixed([S, S], (a) => f(str(a[0]), str(a[1])));

function trunc(c: number, s: string): string {
  const b = toBytes(s);
  if (c < 0 && b.length + c > 0) return fromBytes(b.slice(b.length + c));
  if (c >= 0 && b.length > c) return fromBytes(b.slice(0, c));
  return s;
}

function substr(start: number, end: number, s: string): string {
  const b = toBytes(s);
  if (start < 0) return fromBytes(sliceBytes(b, 0, end));
  if (end < 0 || end > b.length) return fromBytes(sliceBytes(b, start, b.length, false));
  return fromBytes(sliceBytes(b, start, end));
}

function indent(spaces: number, v: string): string {
  checkResultSize(v.length + spaces * lineCount(v));
  const pad = repeat(' ', spaces);
  return pad + v.split('\n').join('\n' + pad);
}

/** strconv.Quote (what `%q` of a string prints). */
export function goQuote(s: string): string {
  if (PRINTABLE_ASCII_UNQUOTED.test(s)) return `"${s}"`;
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c < 0x80 || !/[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch)) out += escapeRune(c);
    else out += ch;
  }
  return out + '"';
}

// Printable ASCII but `"` and `\\`: quoted as is.
const PRINTABLE_ASCII_UNQUOTED = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

const SHORT_ESCAPES = new Map([
  [7, '\\a'],
  [8, '\\b'],
  [12, '\\f'],
  [10, '\\n'],
  [13, '\\r'],
  [9, '\\t'],
  [11, '\\v'],
]);

function escapeRune(c: number): string {
  const short = SHORT_ESCAPES.get(c);
  if (short) return short;
  if (c < 0x20 || c === 0x7f) return '\\x' + c.toString(16).padStart(2, '0');
  if (c >= 0xd800 && c <= 0xdfff) return '\ufffd'; // a lone surrogate is invalid UTF-8: Go sees RuneError
  if (c < 0x10000) return '\\u' + c.toString(16).padStart(4, '0');
  return '\\U' + c.toString(16).padStart(8, '0');
}

function splitMap(parts: string[]): GoMap {
  return GoMap.of(
    T.string,
    parts.map((p, i) => [`_${i}`, p]),
  );
}

export const stringFuncs: Array<[string, FuncDef]> = [
  ['hello', fixed([], () => 'Hello!')],
  ['abbrev', fixed([I, S], (a) => (int(a[0]) < 4 ? str(a[1]) : abbreviateFull(str(a[1]), 0, int(a[0]))))],
  [
    'abbrevboth',
    fixed([I, I, S], (a) => {
      const [left, right, s] = [int(a[0]), int(a[1]), str(a[2])];
      return right < 4 || (left > 0 && right < 7) ? s : abbreviateFull(s, left, right);
    }),
  ],
  ['trunc', fixed([I, S], (a) => trunc(int(a[0]), str(a[1])))],
  ['trim', s1(trimSpace)],
  ['upper', s1(goToUpper)],
  ['lower', s1(goToLower)],
  ['title', s1(title)],
  ['untitle', s1(uncapitalize)],
  ['substr', fixed([I, I, S], (a) => substr(int(a[0]), int(a[1]), str(a[2])))],
  ['repeat', fixed([I, S], (a) => repeat(str(a[1]), int(a[0])))],
  ['trimall', s2((a, b) => trimCutset(b, a))],
  ['trimAll', s2((a, b) => trimCutset(b, a))],
  ['trimSuffix', s2((a, b) => (a !== '' && b.endsWith(a) ? b.slice(0, b.length - a.length) : b))],
  ['trimPrefix', s2((a, b) => (a !== '' && b.startsWith(a) ? b.slice(a.length) : b))],
  ['nospace', s1(deleteWhiteSpace)],
  ['initials', s1(initials)],
  ['swapcase', s1(swapCase)],
  ['snakecase', s1((s) => camelToLower(s, '_'))],
  ['camelcase', s1(camelCase)],
  ['kebabcase', s1((s) => camelToLower(s, '-'))],
  ['wrap', fixed([I, S], (a) => wrapCustom(str(a[1]), int(a[0]), '', false))],
  ['wrapWith', fixed([I, S, S], (a) => wrapCustom(str(a[2]), int(a[0]), str(a[1]), true))],
  ['contains', s2((sub, s) => s.includes(sub))],
  ['hasPrefix', s2((p, s) => s.startsWith(p))],
  ['hasSuffix', s2((p, s) => s.endsWith(p))],
  ['quote', variadic([A], (a) => a.filter((v) => v !== null && v !== undefined).map((v) => goQuote(strval(v))).join(' '))],
  ['squote', variadic([A], (a) => a.filter((v) => v !== null && v !== undefined).map((v) => `'${formatValue(v)}'`).join(' '))],
  ['cat', variadic([A], (a) => a.filter((v) => v !== null && v !== undefined).map((v) => formatValue(v)).join(' '))],
  ['indent', fixed([I, S], (a) => indent(int(a[0]), str(a[1])))],
  ['nindent', fixed([I, S], (a) => '\n' + indent(int(a[0]), str(a[1])))],
  ['replace', fixed([S, S, S], (a) => replaceAll(str(a[2]), str(a[0]), str(a[1])))],
  ['plural', fixed([S, S, I], (a) => (int(a[2]) === 1 ? str(a[0]) : str(a[1])))],
  ['toString', fixed([A], (a) => strval(a[0]))],
  ['split', s2((sep, s) => splitMap(splitN(s, sep, -1)))],
  ['splitList', s2((sep, s) => stringSlice(splitN(s, sep, -1)))],
  ['splitn', fixed([S, I, S], (a) => splitMap(splitN(str(a[2]), str(a[0]), int(a[1]))))],
  ['toStrings', fixed([A], (a) => stringSlice(strslice(a[0])))],
  ['join', fixed([S, A], (a) => joinList(str(a[0]), a[1]))],
  ['sortAlpha', fixed([A], (a) => stringSlice(sortAlpha(a[0])))],
];
