// Go's string conventions the engine needs: strconv.Quote / Unquote / UnquoteChar, unicode.IsPrint,
// and UTF-8 byte lengths (Go strings are bytes; a column or `len` counts bytes, not UTF-16 units).

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** unicode.IsPrint (letters, marks, numbers, punctuation, symbols and the ASCII space). */
export function isPrint(cp: number): boolean {
  if (cp < 0x7f) return cp >= 0x20;
  if (cp < 0xa1) return false;
  return PRINTABLE.test(String.fromCodePoint(cp));
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** One rune as strconv.Quote escapes it (quote is `"` or `'`). */
export function quoteRune(cp: number, quote: string, asciiOnly = false): string {
  const c = String.fromCodePoint(cp);
  if (c === quote || c === '\\') return '\\' + c;
  if (asciiOnly ? cp < 0x7f && isPrint(cp) : isPrint(cp)) return c;
  switch (cp) {
    case 7:
      return '\\a';
    case 8:
      return '\\b';
    case 12:
      return '\\f';
    case 10:
      return '\\n';
    case 13:
      return '\\r';
    case 9:
      return '\\t';
    case 11:
      return '\\v';
  }
  if (cp < 0x20 || cp === 0x7f) return '\\x' + hex(cp, 2);
  if (cp === 0xfffd && !asciiOnly) return c;
  if (cp < 0x10000) return '\\u' + hex(cp, 4);
  return '\\U' + hex(cp, 8);
}

/** strconv.Quote (or QuoteToASCII). Lone surrogates (invalid UTF-8 in Go) print as \ufffd. */
export function goQuote(s: string, asciiOnly = false): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    let cp = s.codePointAt(i)!;
    if (cp > 0xffff) i++;
    else if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    out += quoteRune(cp, '"', asciiOnly);
  }
  return out + '"';
}

/**
 * The quoting of Go's time package in its errors (`time: invalid duration "..."`): not strconv.Quote but
 * every byte of a control or non-ASCII character as \xNN, and only `"` and `\` backslash-escaped.
 */
export function goTimeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || cp >= 0x80) {
      for (const b of Buffer.from(cp >= 0xd800 && cp <= 0xdfff ? '\ufffd' : ch, 'utf8')) out += '\\x' + b.toString(16).padStart(2, '0');
    } else out += ch === '"' || ch === '\\' ? '\\' + ch : ch;
  }
  return out + '"';
}

/** Lines of a text (its line breaks plus one): how many times an indent pads. */
export function lineCount(v: string): number {
  let n = 1;
  for (let i = v.indexOf('\n'); i >= 0; i = v.indexOf('\n', i + 1)) n++;
  return n;
}

/** Backquoted raw string when possible (strconv.CanBackquote), as `%#q` prints. */
export function canBackquote(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x60 || c === 0xfeff) return false;
    if (c < 0x20 && c !== 9) return false;
    if (c === 0x7f) return false;
  }
  return true;
}

export class SyntaxError_ extends Error {
  constructor() {
    super('invalid syntax');
  }
}

/** strconv.UnquoteChar: one (possibly escaped) character at s[i]; returns [value, next index]. */
export function unquoteChar(s: string, i: number, quote: string): [string, number] {
  const c = s[i];
  if (c === undefined) throw new SyntaxError_();
  if (c === quote && (quote === "'" || quote === '"')) throw new SyntaxError_();
  if (c !== '\\') {
    const cp = s.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    return [ch, i + ch.length];
  }
  const e = s[i + 1];
  i += 2;
  switch (e) {
    case 'a':
      return ['\x07', i];
    case 'b':
      return ['\b', i];
    case 'f':
      return ['\f', i];
    case 'n':
      return ['\n', i];
    case 'r':
      return ['\r', i];
    case 't':
      return ['\t', i];
    case 'v':
      return ['\v', i];
    case '\\':
      return ['\\', i];
    case "'":
    case '"':
      if (e !== quote) throw new SyntaxError_();
      return [e, i];
    case 'x':
    case 'u':
    case 'U': {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const digits = s.slice(i, i + n);
      if (digits.length < n || !/^[0-9a-fA-F]+$/.test(digits)) throw new SyntaxError_();
      const v = parseInt(digits, 16);
      i += n;
      if (e === 'x') return [v < 0x80 ? String.fromCharCode(v) : '\ufffd', i];
      if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new SyntaxError_();
      return [String.fromCodePoint(v), i];
    }
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7': {
      const digits = s.slice(i - 1, i + 2);
      if (!/^[0-7]{3}$/.test(digits)) throw new SyntaxError_();
      const v = parseInt(digits, 8);
      if (v > 255) throw new SyntaxError_();
      return [v < 0x80 ? String.fromCharCode(v) : '\ufffd', i + 2];
    }
  }
  throw new SyntaxError_();
}

/** strconv.Unquote of a "..." or `...` literal; throws SyntaxError_ (message "invalid syntax"). */
export function goUnquote(lit: string): string {
  const n = lit.length;
  if (n < 2) throw new SyntaxError_();
  const q = lit[0];
  if (q !== lit[n - 1]) throw new SyntaxError_();
  const body = lit.slice(1, n - 1);
  if (q === '`') {
    if (body.includes('`')) throw new SyntaxError_();
    return body.includes('\r') ? body.replace(/\r/g, '') : body;
  }
  if (q !== '"' && q !== "'") throw new SyntaxError_();
  if (!body.includes('\\') && !body.includes(q) && !body.includes('\n')) {
    if (q === '"') return body;
    if ([...body].length === 1) return body;
  }
  let out = '';
  let i = 0;
  while (i < body.length) {
    if (body[i] === '\n') throw new SyntaxError_();
    const [c, j] = unquoteChar(body, i, q);
    out += c;
    i = j;
    if (q === "'" && i < body.length) throw new SyntaxError_();
  }
  return out;
}

/** Number of UTF-8 bytes of s (lone surrogates count as the 3 bytes of U+FFFD). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** True when the string is pure ASCII (byte offsets equal UTF-16 offsets). */
export function isASCII(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/[^\x00-\x7f]/.test(s);
}

/** The bytes of a string in UTF-8. */
export function utf8Bytes(s: string): Uint8Array {
  return Buffer.from(s, 'utf8');
}

/** Decodes UTF-8 bytes as Go would print them (invalid sequences become U+FFFD). */
export function fromUtf8(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');
}

/** Go's ordering of strings: byte order of UTF-8, which equals code point order (not UTF-16 order). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}
