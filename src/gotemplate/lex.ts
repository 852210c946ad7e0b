// The lexer of Go's text/template (Go 1.19): turns template text into items, with Go's positions,
// line numbers and error texts (an error is an item of type Error whose value is the message).
// Delimiters are always `{{` `}}` (Istio sets no others). Item types and character rules: lex-items.ts.
import {
  Item,
  type Token,
  KEYWORDS,
  LEFT,
  RIGHT,
  LEFT_COMMENT,
  RIGHT_COMMENT,
  isSpace,
  isAlphaNumeric,
  alphaNumericEnd,
  quotedEnd,
  MAX_KEYWORD,
  hasLeftTrimMarker,
  hasRightTrimMarker,
  rightTrimLength,
  leftTrimLength,
  formatRuneU,
} from './lex-items.js';
import { goQuote } from './go-strings.js';

const NO_DELIM = 0;
const DELIM = 1;
const TRIM_DELIM = 2;

/** Lexes the whole input into tokens; stops after the first Error or EOF token. */
export function lex(input: string): Token[] {
  const out: Token[] = [];
  let pos = 0;
  let start = 0;
  let line = 1;
  let nextNewline = input.indexOf('\n'); // the first newline not yet counted in `line`
  let parenDepth = 0;

  // Items are emitted in order, so the line of each is found by counting the newlines passed since.
  const lineOf = (p: number): number => {
    while (nextNewline !== -1 && nextNewline < p) {
      line++;
      nextNewline = input.indexOf('\n', nextNewline + 1);
    }
    return line;
  };
  const emit = (typ: Item): void => {
    out.push({ typ, pos: start, val: input.slice(start, pos), line: lineOf(start) });
    start = pos;
  };
  const error = (msg: string): false => {
    out.push({ typ: Item.Error, pos: start, val: msg, line: lineOf(start) });
    return false;
  };
  // The character at pos; only a high surrogate needs the code point (no allocation otherwise).
  const peek = (): string => {
    if (pos >= input.length) return '';
    const u = input.charCodeAt(pos);
    return u < 0xd800 || u > 0xdbff ? input[pos]! : String.fromCodePoint(input.codePointAt(pos)!);
  };
  const next = (): string => {
    const c = peek();
    pos += c.length;
    return c;
  };
  const accept = (valid: string): boolean => {
    const c = peek();
    if (c !== '' && valid.includes(c)) {
      pos += c.length;
      return true;
    }
    return false;
  };
  const acceptRun = (valid: string): void => {
    while (accept(valid));
  };
  /** At a closing delimiter: NO_DELIM, DELIM (`}}`) or TRIM_DELIM (` -}}`). */
  const atRightDelim = (): number => {
    if (hasRightTrimMarker(input, pos) && input.startsWith(RIGHT, pos + 2)) return TRIM_DELIM;
    if (input.startsWith(RIGHT, pos)) return DELIM;
    return NO_DELIM;
  };
  const atTerminator = (): boolean => {
    const c = peek();
    if (c === '' || isSpace(c)) return true;
    return c === '.' || c === ',' || c === '|' || c === ':' || c === ')' || c === '(' || c === '}';
  };

  // Returns true to continue with text, false when lexing ended (EOF or error).
  const lexText = (): 'action' | 'comment' | 'done' => {
    const x = input.indexOf(LEFT, pos);
    if (x < 0) {
      pos = input.length;
      if (pos > start) emit(Item.Text);
      emit(Item.EOF);
      return 'done';
    }
    pos = x;
    const trim = hasLeftTrimMarker(input, pos + LEFT.length) ? rightTrimLength(input, start, pos) : 0;
    pos -= trim;
    if (pos > start) emit(Item.Text);
    pos += trim;
    start = pos;
    // lexLeftDelim
    pos += LEFT.length;
    const trimSpace = hasLeftTrimMarker(input, pos);
    const after = trimSpace ? 2 : 0;
    if (input.startsWith(LEFT_COMMENT, pos + after)) {
      pos += after;
      start = pos;
      return 'comment';
    }
    emit(Item.LeftDelim);
    pos += after;
    start = pos;
    parenDepth = 0;
    return 'action';
  };

  const lexComment = (): boolean => {
    pos += LEFT_COMMENT.length;
    const x = input.indexOf(RIGHT_COMMENT, pos);
    if (x < 0) return error('unclosed comment');
    pos = x + RIGHT_COMMENT.length;
    const delim = atRightDelim();
    if (delim === NO_DELIM) return error('comment ends before closing delimiter');
    const trimSpace = delim === TRIM_DELIM;
    if (trimSpace) pos += 2;
    pos += RIGHT.length;
    if (trimSpace) pos += leftTrimLength(input, pos);
    start = pos;
    return true;
  };

  const lexRightDelim = (): void => {
    const trimSpace = hasRightTrimMarker(input, pos);
    if (trimSpace) {
      pos += 2;
      start = pos;
    }
    pos += RIGHT.length;
    emit(Item.RightDelim);
    if (trimSpace) {
      pos += leftTrimLength(input, pos);
      start = pos;
    }
  };

  const scanNumber = (): boolean => {
    accept('+-');
    let digits = '0123456789_';
    if (accept('0')) {
      if (accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (digits.length === 11 && accept('eE')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    if (digits.length === 23 && accept('pP')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    accept('i');
    if (isAlphaNumeric(peek())) {
      next();
      return false;
    }
    return true;
  };

  const lexFieldOrVariable = (typ: Item): boolean => {
    if (atTerminator()) {
      emit(typ === Item.Variable ? Item.Variable : Item.Dot);
      return true;
    }
    pos = alphaNumericEnd(input, pos);
    const c = peek();
    if (!atTerminator()) return error(`bad character ${formatRuneU(c === '' ? -1 : c.codePointAt(0)!)}`);
    emit(typ);
    return true;
  };

  const lexQuoted = (quote: string, what: string, raw: boolean): boolean => {
    const end = quotedEnd(input, pos, quote, raw);
    if (end < 0) return error(`unterminated ${what}`);
    pos = end;
    return true;
  };

  // One item inside an action; false when lexing ended, 'right' after the closing delimiter.
  const lexInsideAction = (): boolean | 'right' => {
    if (atRightDelim() !== NO_DELIM) {
      if (parenDepth === 0) {
        lexRightDelim();
        return 'right';
      }
      return error('unclosed left paren');
    }
    const c = next();
    if (c === '') return error('unclosed action');
    if (isSpace(c)) {
      pos -= 1;
      let n = 0;
      for (let u = input.charCodeAt(pos); u === 32 || u === 9 || u === 13 || u === 10; u = input.charCodeAt(pos)) {
        pos++;
        n++;
      }
      if (hasRightTrimMarker(input, pos - 1) && input.startsWith(RIGHT, pos + 1)) {
        pos--;
        if (n === 1) {
          lexRightDelim();
          return 'right';
        }
      }
      emit(Item.Space);
      return true;
    }
    switch (c) {
      case '=':
        emit(Item.Assign);
        return true;
      case ':':
        if (next() !== '=') return error('expected :=');
        emit(Item.Declare);
        return true;
      case '|':
        emit(Item.Pipe);
        return true;
      case '"':
        if (!lexQuoted('"', 'quoted string', false)) return false;
        emit(Item.String);
        return true;
      case '`':
        if (!lexQuoted('`', 'raw quoted string', true)) return false;
        emit(Item.RawString);
        return true;
      case '$':
        if (atTerminator()) {
          emit(Item.Variable);
          return true;
        }
        return lexFieldOrVariable(Item.Variable);
      case "'":
        if (!lexQuoted("'", 'character constant', false)) return false;
        emit(Item.CharConstant);
        return true;
      case '(':
        emit(Item.LeftParen);
        parenDepth++;
        return true;
      case ')':
        emit(Item.RightParen);
        parenDepth--;
        if (parenDepth < 0) return error(`unexpected right paren ${formatRuneU(41)}`);
        return true;
    }
    if (c === '.') {
      const d = input.charCodeAt(pos);
      if (pos >= input.length || d < 48 || d > 57) return lexFieldOrVariable(Item.Field);
    }
    if (c === '.' || c === '+' || c === '-' || (c >= '0' && c <= '9')) {
      pos -= c.length;
      if (!scanNumber()) return error(`bad number syntax: ${goQuote(input.slice(start, pos))}`);
      const sign = peek();
      if (sign === '+' || sign === '-') {
        if (!scanNumber() || input[pos - 1] !== 'i') return error(`bad number syntax: ${goQuote(input.slice(start, pos))}`);
        emit(Item.Complex);
      } else emit(Item.Number);
      return true;
    }
    if (isAlphaNumeric(c)) {
      pos = alphaNumericEnd(input, pos);
      const d = peek();
      const word = input.slice(start, pos);
      if (!atTerminator()) return error(`bad character ${formatRuneU(d === '' ? -1 : d.codePointAt(0)!)}`);
      const kw = word.length <= MAX_KEYWORD ? KEYWORDS.get(word) : undefined;
      if (kw !== undefined) emit(kw);
      else if (word === 'true' || word === 'false') emit(Item.Bool);
      else emit(Item.Identifier);
      return true;
    }
    const cp = c.codePointAt(0)!;
    if (cp <= 0x7f && cp >= 0x20 && cp !== 0x7f) {
      emit(Item.Char);
      return true;
    }
    return error(`unrecognized character in action: ${formatRuneU(cp)}`);
  };

  for (;;) {
    const st = lexText();
    if (st === 'done') return out;
    if (st === 'comment') {
      if (!lexComment()) return out;
      continue;
    }
    for (;;) {
      const r = lexInsideAction();
      if (r === false) return out;
      if (r === 'right') break;
    }
  }
}

export type { Token } from './lex-items.js';
export { isAlphaNumeric, formatRuneU } from './lex-items.js';
