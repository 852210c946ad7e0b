// The items of Go's template lexer (lex.ts): item types, tokens, keywords, delimiters and the
// character classes and trim-marker rules Go's lexer uses.
import { goQuote } from './go-strings.js';

export const enum Item {
  Error,
  Bool,
  Char,
  CharConstant,
  Comment,
  Complex,
  Assign,
  Declare,
  EOF,
  Field,
  Identifier,
  LeftDelim,
  LeftParen,
  Number,
  Pipe,
  RawString,
  RightDelim,
  RightParen,
  Space,
  String,
  Text,
  Variable,
  // Keywords (after Keyword): printed as <word> in messages.
  Keyword,
  Block,
  Break,
  Continue,
  Dot,
  Define,
  Else,
  End,
  If,
  Nil,
  Range,
  Template,
  With,
}

export interface Token {
  readonly typ: Item;
  /** Offset (UTF-16 index) of the item in the input. */
  readonly pos: number;
  readonly val: string;
  /** Line (1-based) where the item starts. */
  readonly line: number;
}

export const KEYWORDS = new Map<string, Item>([
  ['.', Item.Dot],
  ['block', Item.Block],
  ['break', Item.Break],
  ['continue', Item.Continue],
  ['define', Item.Define],
  ['else', Item.Else],
  ['end', Item.End],
  ['if', Item.If],
  ['range', Item.Range],
  ['nil', Item.Nil],
  ['template', Item.Template],
  ['with', Item.With],
]);

export const LEFT = '{{';
export const RIGHT = '}}';
export const LEFT_COMMENT = '/*';
export const RIGHT_COMMENT = '*/';

export function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}
export const ALNUM = /^[\p{L}\p{Nd}_]$/u;
export function isAlphaNumeric(c: string): boolean {
  return c !== '' && (c === '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c.charCodeAt(0) > 127 && ALNUM.test(c)));
}
/** The end of the run of letters, digits and underscores starting at `pos` (ASCII inline, others by code point). */
export function alphaNumericEnd(input: string, pos: number): number {
  for (;;) {
    const u = input.charCodeAt(pos);
    if ((u >= 97 && u <= 122) || (u >= 65 && u <= 90) || (u >= 48 && u <= 57) || u === 95) pos++;
    else if (u > 127) {
      const c = String.fromCodePoint(input.codePointAt(pos)!);
      if (!isAlphaNumeric(c)) return pos;
      pos += c.length;
    } else return pos;
  }
}

/**
 * The index just after the closing `quote` of a quoted string or character constant whose body starts
 * at `pos`, or -1 when it is unterminated (a newline, unless `raw`, or the end of the input). Quotes,
 * backslash and newline are ASCII: scanning UTF-16 units finds them as scanning code points would.
 */
export function quotedEnd(input: string, pos: number, quote: string, raw: boolean): number {
  const q = quote.charCodeAt(0);
  const n = input.length;
  while (pos < n) {
    const u = input.charCodeAt(pos++);
    if (u === 92 /* backslash */ && !raw) {
      if (pos >= n || input.charCodeAt(pos) === 10) return -1;
      pos++;
      continue;
    }
    if (u === 10 && !raw) return -1;
    if (u === q) return pos;
  }
  return -1;
}

export const MAX_KEYWORD = 8; // `template`, the longest keyword

export function hasLeftTrimMarker(s: string, i: number): boolean {
  return s.charCodeAt(i) === 45 /* - */ && i + 1 < s.length && isSpace(s[i + 1]);
}
export function hasRightTrimMarker(s: string, i: number): boolean {
  return i + 1 < s.length && isSpace(s[i]) && s[i + 1] === '-';
}
export function rightTrimLength(s: string, from: number, to: number): number {
  let i = to;
  while (i > from && isSpace(s[i - 1])) i--;
  return to - i;
}
export function leftTrimLength(s: string, from: number): number {
  let i = from;
  while (i < s.length && isSpace(s[i])) i++;
  return i - from;
}

/** `%#U` of a rune: U+0023 '#'. */
export function formatRuneU(cp: number): string {
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  const printable = cp >= 0x20 && cp !== 0x7f && !(cp >= 0x80 && cp < 0xa0);
  return printable ? `U+${hex} '${String.fromCodePoint(cp)}'` : `U+${hex}`;
}
