// Go's regexp syntax (RE2) translated to a JavaScript RegExp with the same meaning, or Go's parse error.
// Both engines pick the leftmost-first match, so the search semantics carry over; what differs is the
// syntax and the classes: Go's \s, \d, \w, \b are ASCII, `.` excludes only \n, (?m) lines end at \n only,
// \A \z \Q..\E \pN \x{..} (?P<name>) [[:alpha:]] exist, and backreferences and lookarounds do not.
// Constructs JS cannot express here (flag groups such as `(?i:x)` after the start) are rejected with an
// explicit error rather than matched differently.

import { CATEGORIES, PERL, POSIX, lit } from './regex-classes.js';

export class RegexSyntaxError extends Error {}

const fail = (code: string, expr: string): never => {
  throw new RegexSyntaxError(`error parsing regexp: ${code}: \`${expr}\``);
};

export interface Translated {
  source: string;
  flags: string;
}

export function translateRegex(expr: string): Translated {
  return new Translator(expr).run();
}

class Translator {
  private i = 0;
  private out = '';
  private flags = { i: false, s: false, m: false, U: false };
  private depth = 0;
  private names = new Set<string>();
  /** Whether the last thing written can take a quantifier, and whether it already has one. */
  private atom = false;
  private repeated = false;
  private atomStart = 0;
  constructor(private readonly s: string) {}

  run(): Translated {
    this.leadingFlags();
    while (this.i < this.s.length) this.step();
    if (this.depth > 0) fail('missing closing )', this.s);
    return { source: this.out, flags: 'u' + (this.flags.i ? 'i' : '') };
  }

  private leadingFlags(): void {
    const m = /^\(\?([imsU]+)\)/.exec(this.s);
    if (!m) return;
    for (const f of m[1]) this.flags[f as 'i' | 'm' | 's' | 'U'] = true;
    this.i = m[0].length;
  }

  private emitAtom(text: string): void {
    this.atomStart = this.out.length;
    this.out += text;
    this.atom = true;
    this.repeated = false;
  }
  private emitAssertion(text: string): void {
    this.out += text;
    this.atom = false;
    this.repeated = false;
  }

  private step(): void {
    const s = this.s;
    const c = s[this.i];
    switch (c) {
      case '(':
        return this.group();
      case ')':
        if (this.depth === 0) fail('unexpected )', s);
        this.depth--;
        this.i++;
        this.closeGroup();
        return;
      case '|':
        this.i++;
        return this.emitAssertion('|');
      case '^':
        this.i++;
        return this.emitAssertion(this.flags.m ? '(?<![^\\n])' : '^');
      case '$':
        this.i++;
        return this.emitAssertion(this.flags.m ? '(?![^\\n])' : '$');
      case '.':
        this.i++;
        return this.emitAtom(this.flags.s ? '[^]' : '[^\\n]');
      case '[':
        return this.emitAtom(this.charClass());
      case '*':
      case '+':
      case '?':
        return this.quantifier(c);
      case '{': {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(this.i));
        if (m) return this.quantifier(m[0], m);
        this.i++;
        return this.emitAtom('\\{');
      }
      case '\\':
        return this.escape();
      default: {
        const cp = s.codePointAt(this.i)!;
        this.i += cp > 0xffff ? 2 : 1;
        return this.emitAtom(lit(cp));
      }
    }
  }

  private groupStarts: number[] = [];
  private group(): void {
    const s = this.s;
    const rest = s.slice(this.i);
    let open: string;
    if (rest.startsWith('(?P<')) {
      const m = /^\(\?P<([A-Za-z0-9_]*)>/.exec(rest);
      if (!m || m[1] === '') fail('invalid named capture', rest.slice(0, rest.indexOf('>') + 1 || rest.length));
      // Go 1.19 allows a name twice (references use the first); JS does not, so repeats stay unnamed.
      open = this.names.has(m![1]) ? '(' : `(?<${m![1]}>`;
      this.names.add(m![1]);
      this.i += m![0].length;
    } else if (rest.startsWith('(?:')) {
      open = '(?:';
      this.i += 3;
    } else if (rest.startsWith('(?')) {
      const m = /^\(\?([imsU-]*)(:|\))/.exec(rest);
      if (!m) fail('invalid or unsupported Perl syntax', rest.slice(0, 3));
      throw new RegexSyntaxError(`error parsing regexp: flags inside the pattern are not supported by this renderer: \`${m![0]}\` (put them at the start)`);
    } else {
      open = '(';
      this.i += 1;
    }
    this.groupStarts.push(this.out.length);
    this.depth++;
    this.out += open;
    this.atom = false;
  }
  private closeGroup(): void {
    const start = this.groupStarts.pop()!;
    this.out += ')';
    this.atomStart = start;
    this.atom = true;
    this.repeated = false;
  }

  private quantifier(op: string, m?: RegExpExecArray): void {
    this.i += op.length;
    if (m) {
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
      if (min > 1000 || max > 1000 || (max >= 0 && min > max)) fail('invalid repeat count', op);
    }
    let lazy = false;
    if (this.s[this.i] === '?') {
      lazy = true;
      this.i++;
    }
    if (this.flags.U) lazy = !lazy;
    const shown = op + (this.s[this.i - 1] === '?' && op !== '?' ? '?' : '');
    if (!this.atom) {
      if (this.repeated) fail('invalid nested repetition operator', this.lastOp + shown);
      fail('missing argument to repetition operator', shown);
    }
    this.out += op + (lazy ? '?' : '');
    this.atom = false;
    this.repeated = true;
    this.lastOp = shown;
  }
  private lastOp = '';

  private escape(): void {
    const s = this.s;
    const c = s[this.i + 1];
    if (c === undefined) fail('trailing backslash at end of expression', '');
    const cls = this.classEscape();
    if (cls !== undefined) return this.emitAtom(cls.negated ? `[^${cls.body}]` : `[${cls.body}]`);
    this.i += 2;
    switch (c) {
      case 'A':
        return this.emitAssertion('(?<![^])');
      case 'z':
        return this.emitAssertion('(?![^])');
      case 'b':
        return this.emitAssertion('(?:(?<=[0-9A-Za-z_])(?![0-9A-Za-z_])|(?<![0-9A-Za-z_])(?=[0-9A-Za-z_]))');
      case 'B':
        return this.emitAssertion('(?:(?<=[0-9A-Za-z_])(?=[0-9A-Za-z_])|(?<![0-9A-Za-z_])(?![0-9A-Za-z_]))');
      case 'Q': {
        const end = s.indexOf('\\E', this.i);
        const text = end < 0 ? s.slice(this.i) : s.slice(this.i, end);
        this.i = end < 0 ? s.length : end + 2;
        for (const ch of text) this.emitAtom(lit(ch.codePointAt(0)!));
        return;
      }
    }
    this.i -= 2;
    this.emitAtom(lit(this.literalEscape()));
  }

  /** \d \w \s (and negations), \pX / \p{Name} / \PX: a class body, or undefined for other escapes. */
  private classEscape(): { body: string; negated: boolean } | undefined {
    const s = this.s;
    const c = s[this.i + 1];
    const perl = PERL.get(c.toLowerCase());
    if (perl && /[dswDSW]/.test(c)) {
      this.i += 2;
      return { body: perl, negated: c !== c.toLowerCase() };
    }
    if (c === 'p' || c === 'P') {
      let name: string;
      let len: number;
      if (s[this.i + 2] === '{') {
        const end = s.indexOf('}', this.i);
        if (end < 0) fail('invalid character class range', s.slice(this.i));
        name = s.slice(this.i + 3, end);
        len = end + 1 - this.i;
      } else {
        name = s[this.i + 2] ?? '';
        len = 3;
      }
      let negated = c === 'P';
      if (name.startsWith('^')) (negated = !negated), (name = name.slice(1));
      const body = name === 'Any' ? '\\u{0}-\\u{10ffff}' : CATEGORIES.has(name) ? `\\p{${name}}` : `\\p{Script=${name}}`;
      try {
        new RegExp(`[${body}]`, 'u');
      } catch {
        fail('invalid character class range', s.slice(this.i, this.i + len));
      }
      this.i += len;
      return { body, negated };
    }
    return undefined;
  }

  /** An escape that stands for one character: \n, \x41, \x{263a}, \123, \. (punctuation). */
  private literalEscape(): number {
    const s = this.s;
    const c = s[this.i + 1];
    const start = this.i;
    this.i += 2;
    const simple: Record<string, number> = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };
    if (Object.prototype.hasOwnProperty.call(simple, c)) return simple[c];
    if (c >= '0' && c <= '7') {
      const m = /^[0-7]{1,3}/.exec(s.slice(this.i - 1))!;
      if (c !== '0' && m[0].length === 1) fail('invalid escape sequence', s.slice(start, this.i));
      this.i += m[0].length - 1;
      return parseInt(m[0], 8);
    }
    if (c === 'x') {
      const m = /^\{([0-9A-Fa-f]+)\}|^[0-9A-Fa-f]{2}/.exec(s.slice(this.i));
      const cp = m ? parseInt(m[1] ?? m[0], 16) : NaN;
      if (!m || cp > 0x10ffff) fail('invalid escape sequence', s.slice(start, this.i + (m ? m[0].length : 2)));
      this.i += m![0].length;
      return cp;
    }
    const cp = c.codePointAt(0)!;
    if (cp < 0x80 && !/[A-Za-z0-9]/.test(c)) return cp;
    return fail('invalid escape sequence', s.slice(start, this.i));
  }

  /** A bracketed class `[...]`, translated to a JS class. */
  private charClass(): string {
    const s = this.s;
    const start = this.i;
    this.i++;
    let negated = false;
    if (s[this.i] === '^') (negated = true), this.i++;
    let body = '';
    let first = true;
    const unclosed = (): never => fail('missing closing ]', s.slice(start));
    while (first || s[this.i] !== ']') {
      if (this.i >= s.length) unclosed();
      first = false;
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(s.slice(this.i));
      if (posix) {
        const b = POSIX.get(posix[2]);
        if (!b) fail('invalid character class range', posix[0]);
        // A negated POSIX class inside a class needs a nested class, which JS only has in `v` mode.
        if (posix[1]) throw new RegexSyntaxError(`error parsing regexp: negated POSIX classes inside a class are not supported by this renderer: \`${posix[0]}\``);
        body += b;
        this.i += posix[0].length;
        continue;
      }
      if (s[this.i] === '\\') {
        const cls = this.i + 1 < s.length ? this.classEscape() : undefined;
        if (cls) {
          if (cls.negated) throw new RegexSyntaxError(`error parsing regexp: negated classes inside a class are not supported by this renderer: \`${s.slice(start)}\``);
          body += cls.body;
          continue;
        }
      }
      const lo = this.classChar(unclosed);
      if (s[this.i] === '-' && s[this.i + 1] !== ']' && this.i + 1 < s.length) {
        this.i++;
        const hi = this.classChar(unclosed);
        if (hi < lo) fail('invalid character class range', `${String.fromCodePoint(lo)}-${String.fromCodePoint(hi)}`);
        body += `${lit(lo)}-${lit(hi)}`;
      } else body += lit(lo);
    }
    this.i++;
    if (body === '') return negated ? '[^]' : '[]';
    return negated ? `[^${body}]` : `[${body}]`;
  }

  private classChar(unclosed: () => never): number {
    const s = this.s;
    if (this.i >= s.length) unclosed();
    if (s[this.i] === '\\') {
      if (this.i + 1 >= s.length) unclosed();
      return this.literalEscape();
    }
    const cp = s.codePointAt(this.i)!;
    this.i += cp > 0xffff ? 2 : 1;
    return cp;
  }
}
