// The message Go's encoding/json scanner gives for malformed input (`invalid character 'n' looking for
// beginning of object key string`, `unexpected end of JSON input` ...). Only called once JSON.parse has
// failed, so it only has to find the first error the way Go's scanner would.

class Stop {
  constructor(readonly message: string) {}
}

/** Go's error message for text that is not valid JSON. */
export function decodeError(text: string): string {
  const p = new Scanner(text);
  try {
    p.value();
    p.ws();
    if (p.i < text.length) p.fail('after top-level value');
    return 'unexpected end of JSON input';
  } catch (e) {
    if (e instanceof Stop) return e.message;
    throw e;
  }
}

class Scanner {
  i = 0;
  constructor(private readonly s: string) {}

  fail(context: string): never {
    if (this.i >= this.s.length) throw new Stop('unexpected end of JSON input');
    throw new Stop(`invalid character ${quoteChar(this.s, this.i)} ${context}`);
  }
  ws(): void {
    while (this.i < this.s.length && ' \t\n\r'.includes(this.s[this.i])) this.i++;
  }
  value(): void {
    this.ws();
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    if (c === 't') return this.literal('true');
    if (c === 'f') return this.literal('false');
    if (c === 'n') return this.literal('null');
    this.fail('looking for beginning of value');
  }
  object(): void {
    this.i++;
    this.ws();
    if (this.s[this.i] === '}') return void this.i++;
    for (;;) {
      if (this.s[this.i] !== '"') this.fail('looking for beginning of object key string');
      this.string();
      this.ws();
      if (this.s[this.i] !== ':') this.fail('after object key');
      this.i++;
      this.value();
      this.ws();
      if (this.s[this.i] === '}') return void this.i++;
      if (this.s[this.i] !== ',') this.fail('after object key:value pair');
      this.i++;
      this.ws();
    }
  }
  array(): void {
    this.i++;
    this.ws();
    if (this.s[this.i] === ']') return void this.i++;
    for (;;) {
      this.value();
      this.ws();
      if (this.s[this.i] === ']') return void this.i++;
      if (this.s[this.i] !== ',') this.fail('after array element');
      this.i++;
    }
  }
  string(): void {
    this.i++;
    for (;;) {
      if (this.i >= this.s.length) this.fail('');
      const c = this.s.charCodeAt(this.i);
      if (c === 0x22) return void this.i++;
      if (c < 0x20) this.fail('in string literal');
      if (c === 0x5c) {
        this.i++;
        const e = this.s[this.i];
        if (e === 'u') {
          for (let k = 0; k < 4; k++) {
            this.i++;
            if (!/[0-9a-fA-F]/.test(this.s[this.i] ?? '')) this.fail('in \\u hexadecimal character escape');
          }
        } else if (e === undefined || !'"\\/bfnrt'.includes(e)) this.fail('in string escape code');
      }
      this.i++;
    }
  }
  digits(): void {
    while (this.s[this.i] >= '0' && this.s[this.i] <= '9') this.i++;
  }
  number(): void {
    if (this.s[this.i] === '-') {
      this.i++;
      if (!(this.s[this.i] >= '0' && this.s[this.i] <= '9')) this.fail('in numeric literal');
    }
    if (this.s[this.i] === '0') this.i++;
    else this.digits();
    if (this.s[this.i] === '.') {
      this.i++;
      if (!(this.s[this.i] >= '0' && this.s[this.i] <= '9')) this.fail('after decimal point in numeric literal');
      this.digits();
    }
    if (this.s[this.i] === 'e' || this.s[this.i] === 'E') {
      this.i++;
      if (this.s[this.i] === '+' || this.s[this.i] === '-') this.i++;
      if (!(this.s[this.i] >= '0' && this.s[this.i] <= '9')) this.fail('in exponent of numeric literal');
      this.digits();
    }
  }
  literal(word: string): void {
    for (let k = 1; k < word.length; k++) {
      this.i++;
      if (this.s[this.i] !== word[k]) this.fail(`in literal ${word} (expecting '${word[k]}')`);
    }
    this.i++;
  }
}

/** Go's quoteChar of the byte at i (the first UTF-8 byte of a non-ASCII character, as Go sees bytes). */
function quoteChar(s: string, i: number): string {
  const cp = s.codePointAt(i)!;
  const byte = cp < 0x80 ? cp : Buffer.from(String.fromCodePoint(cp))[0];
  if (byte === 0x27) return `'\\''`;
  if (byte === 0x22) return `'"'`;
  const named: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 0x5c: '\\\\' };
  if (named[byte]) return `'${named[byte]}'`;
  if (byte < 0x20 || byte === 0x7f) return `'\\x${byte.toString(16).padStart(2, '0')}'`;
  if (byte >= 0x80 && byte < 0xa0) return `'\\u00${byte.toString(16)}'`;
  return `'${String.fromCharCode(byte)}'`;
}
