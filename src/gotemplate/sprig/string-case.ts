// Case and word functions as Sprig 3.2.3 gets them from huandu/xstrings 1.3.3 (`snakecase`, `kebabcase`,
// `camelcase`) and Masterminds/goutils (`swapcase`, `untitle`, `initials`, `wrap`, `abbrev`, `nospace`),
// plus strings.Title. goutils walks bytes for `initials` and `nospace`, so non-ASCII text comes out as
// Latin-1 mojibake there, exactly as in Go.
import { fromBytes, isLetter, isLower, isNumber, isPunct, isSpace, isTitleCase, isUpper, toBytes, toLowerRune, toTitleRune, toUpperRune } from './go-strings.js';

const isConnector = (r: string): boolean => r === '-' || r === '_' || isSpace(r);
/** xstrings' isAlphabet: a letter that is not a CJK ideograph. */
const isAlphabet = (r: string): boolean => isLetter(r) && !/\p{Script=Han}/u.test(r);

/** xstrings.ToCamelCase. */
export function camelCase(str: string): string {
  const runes = Array.from(str);
  if (runes.length === 0) return '';
  let out = '';
  let i = 0;
  let r0 = '';
  while (i < runes.length) {
    r0 = runes[i++];
    if (!isConnector(r0)) {
      r0 = toUpperRune(r0);
      break;
    }
    out += r0;
  }
  // Go writes the last rune once more when only connectors were seen ("__" becomes "___").
  if (i >= runes.length) return out + r0;
  while (i < runes.length) {
    const r1 = r0;
    r0 = runes[i++];
    if (isConnector(r0) && isConnector(r1)) {
      out += r1;
      continue;
    }
    if (isConnector(r1)) r0 = toUpperRune(r0);
    else {
      r0 = toLowerRune(r0);
      out += r1;
    }
  }
  return out + r0;
}

const enum W {
  Invalid,
  Number,
  Upper,
  Alphabet,
  Connector,
  Punct,
  Other,
}

interface Word {
  t: W;
  word: string[];
  rest: string[];
}

/** xstrings' nextWord: splits off the next word (an upper-case run keeps its last letter for the next word). */
function nextWord(s: string[]): Word {
  if (s.length === 0) return { t: W.Invalid, word: [], rest: [] };
  const r = s[0];
  let n = 1;
  let t: W;
  const run = (pred: (c: string) => boolean): void => {
    while (n < s.length && pred(s[n])) n++;
  };
  if (isConnector(r)) (t = W.Connector), run(isConnector);
  else if (isPunct(r)) (t = W.Punct), run(isPunct);
  else if (isUpper(r)) {
    t = W.Upper;
    if (n < s.length) {
      if (isUpper(s[n])) {
        run(isUpper);
        if (n < s.length && isAlphabet(s[n])) n--; // "HTTPServer": the S starts the next word
      } else if (isAlphabet(s[n])) run((c) => isAlphabet(c) && !isUpper(c));
    }
  } else if (isAlphabet(r)) (t = W.Alphabet), run((c) => isAlphabet(c) && !isUpper(c));
  else if (isNumber(r)) (t = W.Number), run(isNumber);
  else (t = W.Other), run((c) => !(isConnector(c) || isAlphabet(c) || isNumber(c) || isPunct(c)));
  return { t, word: s.slice(0, n), rest: s.slice(n) };
}

function lowerWord(t: W, word: string[], connector: string): string {
  if (t !== W.Upper && t !== W.Connector) return word.join('');
  return word.map((r) => (isConnector(r) ? connector : isUpper(r) ? toLowerRune(r) : r)).join('');
}

/** xstrings' camelCaseToLowerCase (ToSnakeCase with '_', ToKebabCase with '-'). */
export function camelToLower(str: string, connector: string): string {
  if (str === '') return '';
  let out = '';
  let { t, word, rest } = nextWord(Array.from(str));
  const advance = (): void => {
    ({ t, word, rest } = nextWord(rest));
  };
  while (rest.length > 0) {
    if (t !== W.Connector) out += lowerWord(t, word, connector);
    const prev = t;
    const last = word;
    advance();
    if (prev === W.Number) {
      while (t === W.Alphabet || t === W.Number) {
        out += lowerWord(t, word, connector);
        advance();
      }
      if (t !== W.Invalid && t !== W.Punct && t !== W.Connector) out += connector;
    } else if (prev === W.Connector) {
      out += lowerWord(prev, last, connector);
    } else if (prev !== W.Punct) {
      if (t !== W.Number) {
        if (t !== W.Connector && t !== W.Punct) out += connector;
        continue;
      }
      if (rest.length === 0) continue;
      const num = word;
      advance();
      const after = t as W; // advance() changed t
      if (after !== W.Alphabet) {
        out += lowerWord(W.Number, num, connector);
        if (after !== W.Connector && after !== W.Punct) out += connector;
        continue;
      }
      out += connector + lowerWord(W.Number, num, connector);
      while ((t as W) === W.Alphabet || t === W.Number) {
        out += lowerWord(t, word, connector);
        advance();
      }
      if (t !== W.Invalid && t !== W.Connector && t !== W.Punct) out += connector;
    }
  }
  return out + lowerWord(t, word, connector);
}

/** goutils.SwapCase: word-initial lower case letters become title case. */
export function swapCase(str: string): string {
  let ws = true;
  return Array.from(str, (ch) => {
    if (isUpper(ch) || isTitleCase(ch)) {
      ws = false;
      return toLowerRune(ch);
    }
    if (isLower(ch)) {
      const r = ws ? toTitleRune(ch) : toUpperRune(ch);
      ws = false;
      return r;
    }
    ws = isSpace(ch);
    return ch;
  }).join('');
}

/** goutils.Uncapitalize with whitespace delimiters. */
export function uncapitalize(str: string): string {
  let next = true;
  return Array.from(str, (ch) => {
    if (isSpace(ch)) {
      next = true;
      return ch;
    }
    if (next) {
      next = false;
      return toLowerRune(ch);
    }
    return ch;
  }).join('');
}

/** strings.Title: upper-cases (title-cases) every letter that follows a separator. */
export function title(str: string): string {
  let prev = ' ';
  return Array.from(str, (ch) => {
    const out = isSeparator(prev) ? toTitleRune(ch) : ch;
    prev = ch;
    return out;
  }).join('');
}

function isSeparator(r: string): boolean {
  if (r.charCodeAt(0) <= 0x7f) return !/[0-9a-zA-Z_]/.test(r);
  if (isLetter(r) || /\p{Nd}/u.test(r)) return false;
  return isSpace(r);
}

/** goutils.Initials: walks bytes; each byte becomes a rune of that value. */
export function initials(str: string): string {
  const b = toBytes(str);
  let out = '';
  let gap = true;
  for (const ch of b) {
    if (isSpace(ch)) gap = true;
    else if (gap) {
      out += ch;
      gap = false;
    }
  }
  return out;
}

/** goutils.DeleteWhiteSpace: byte-wise; unchanged when nothing is removed. */
export function deleteWhiteSpace(str: string): string {
  const b = toBytes(str);
  let out = '';
  for (const ch of b) if (!isSpace(ch)) out += ch;
  return out.length === b.length ? str : out;
}

/** goutils.WrapCustom on bytes. */
export function wrapCustom(str: string, wrapLength: number, newLine: string, wrapLong: boolean): string {
  if (str === '') return '';
  if (newLine === '') newLine = '\n';
  if (wrapLength < 1) wrapLength = 1;
  const s = toBytes(str);
  const nl = toBytes(newLine);
  let offset = 0;
  let out = '';
  while (s.length - offset > wrapLength) {
    if (s[offset] === ' ') {
      offset++;
      continue;
    }
    const end = wrapLength + offset + 1;
    const at = s.slice(offset, end).lastIndexOf(' ') + offset;
    if (at >= offset) {
      out += s.slice(offset, at) + nl;
      offset = at + 1;
    } else if (wrapLong) {
      out += s.slice(offset, wrapLength + offset) + nl;
      offset += wrapLength;
    } else {
      const e = wrapLength + offset;
      const idx = s.indexOf(' ', e);
      if (idx === -1) {
        out += s.slice(offset);
        offset = s.length;
      } else {
        out += s.slice(offset, idx) + nl;
        offset = idx + 1;
      }
    }
  }
  return fromBytes(out + s.slice(offset));
}

/** goutils.AbbreviateFull on bytes ("" for the illegal widths it rejects). */
export function abbreviateFull(str: string, offset: number, maxWidth: number): string {
  if (str === '') return '';
  if (maxWidth < 4) return '';
  const s = toBytes(str);
  if (s.length <= maxWidth) return str;
  if (offset > s.length) offset = s.length;
  if (s.length - offset < maxWidth - 3) offset = s.length - (maxWidth - 3);
  if (offset <= 4) return fromBytes(s.slice(0, maxWidth - 3) + '...');
  if (maxWidth < 7) return '';
  if (offset + maxWidth - 3 < s.length) return '...' + abbreviateFull(fromBytes(s.slice(offset)), 0, maxWidth - 3);
  return fromBytes('...' + s.slice(s.length - (maxWidth - 3)));
}
