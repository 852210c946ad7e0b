// Go's fmt, the scalar half: flags, width and padding, and the verbs of bools, integers, floats and
// strings (fmt's fmtBool, fmtInteger, fmtFloat, fmtS/fmtQ/fmtSx), with Go's bad-verb notation.
// Printer (fmt.ts) adds composite values on top.
import { typeName, typeOf, type GoValue } from './value.js';
import { formatFloat, formatIntDigits } from './fmt-number.js';
import { canBackquote, goQuote, quoteRune, utf8Bytes } from './go-strings.js';

export class Flags {
  plus = false;
  minus = false;
  sharp = false;
  space = false;
  zero = false;
  plusV = false;
  sharpV = false;
  wid = 0;
  widPresent = false;
  prec = 0;
  precPresent = false;
  clear(): void {
    this.plus = this.minus = this.sharp = this.space = this.zero = this.plusV = this.sharpV = false;
    this.wid = this.prec = 0;
    this.widPresent = this.precPresent = false;
  }
}

export const UNSIGNED = new Set(['uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr']);

export function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

/** Formats scalars into `buf`; printValue (composite values, %v) is Printer's. */
export abstract class ScalarPrinter {
  buf = '';
  readonly f = new Flags();
  protected erroring = false;

  abstract printValue(v: GoValue, verb: string, depth: number): void;

  protected pad(s: string): void {
    const f = this.f;
    if (!f.widPresent || f.wid === 0) {
      this.buf += s;
      return;
    }
    const width = f.wid - runeCount(s);
    if (width <= 0) {
      this.buf += s;
      return;
    }
    if (f.minus) this.buf += s + ' '.repeat(width);
    else this.buf += (f.zero ? '0' : ' ').repeat(width) + s;
  }

  protected badVerb(verb: string, v: GoValue): void {
    this.erroring = true;
    this.buf += '%!' + verb + '(';
    if (v === undefined || v === null) this.buf += '<nil>';
    else {
      this.buf += typeName(typeOf(v)) + '=';
      this.printValue(v, 'v', 0);
    }
    this.buf += ')';
    this.erroring = false;
  }

  fmtBool(v: boolean, verb: string): void {
    if (verb === 't' || verb === 'v') this.pad(v ? 'true' : 'false');
    else this.badVerb(verb, v);
  }

  fmtInteger(v: number, unsigned: boolean, verb: string, orig: GoValue): void {
    const f = this.f;
    switch (verb) {
      case 'v':
        if (f.sharpV && unsigned) return this.fmtIntBase(v, 16, unsigned, 'x', true);
        return this.fmtIntBase(v, 10, unsigned, verb, false);
      case 'd':
        return this.fmtIntBase(v, 10, unsigned, verb, false);
      case 'b':
        return this.fmtIntBase(v, 2, unsigned, verb, false);
      case 'o':
      case 'O':
        return this.fmtIntBase(v, 8, unsigned, verb, false);
      case 'x':
      case 'X':
        return this.fmtIntBase(v, 16, unsigned, verb, false);
      case 'c':
        return this.pad(v >= 0 && v <= 0x10ffff && !(v >= 0xd800 && v <= 0xdfff) ? String.fromCodePoint(v) : '\ufffd');
      case 'q': {
        const cp = v >= 0 && v <= 0x10ffff && !(v >= 0xd800 && v <= 0xdfff) ? v : 0xfffd;
        if (f.sharp && cp !== 0x27 && cp < 0x10ffff && cp >= 0x20 && cp !== 0x7f) return this.pad(`'${String.fromCodePoint(cp)}'`);
        return this.pad(`'${quoteRune(cp, "'", f.plus)}'`);
      }
      case 'U': {
        let s = 'U+' + formatIntDigits(v, 16, true).padStart(f.precPresent && f.prec > 4 ? f.prec : 4, '0');
        if (f.sharp && v >= 0 && v <= 0x10ffff) s += ` '${String.fromCodePoint(v)}'`;
        const z = f.zero;
        f.zero = false;
        this.pad(s);
        f.zero = z;
        return;
      }
      default:
        return this.badVerb(verb, orig);
    }
  }

  protected fmtIntBase(v: number, base: number, unsigned: boolean, verb: string, sharpV: boolean): void {
    const f = this.f;
    const neg = v < 0 && !unsigned;
    let digits = formatIntDigits(v, base, verb === 'X');
    let prec = -1;
    if (f.precPresent) {
      prec = f.prec;
      if (prec === 0 && v === 0) {
        this.buf += ' '.repeat(f.widPresent ? f.wid : 0);
        return;
      }
    } else if (f.zero && f.widPresent && !f.minus) {
      prec = f.wid;
      if (neg || f.plus || f.space) prec--;
    }
    if (prec > digits.length) digits = digits.padStart(prec, '0');
    if (f.sharp || sharpV) {
      if (base === 2) digits = '0b' + digits;
      else if (base === 8 && digits[0] !== '0') digits = '0' + digits;
      else if (base === 16) digits = (verb === 'X' ? '0X' : '0x') + digits;
    }
    if (verb === 'O') digits = '0o' + digits;
    if (neg) digits = '-' + digits;
    else if (f.plus) digits = '+' + digits;
    else if (f.space) digits = ' ' + digits;
    const z = f.zero;
    f.zero = false;
    this.pad(digits);
    f.zero = z;
  }

  fmtFloat(v: number, verb: string): void {
    const f = this.f;
    let prec = -1;
    let fmt: string;
    switch (verb) {
      case 'v':
        fmt = 'g';
        break;
      case 'g':
      case 'G':
      case 'e':
      case 'E':
      case 'f':
      case 'F':
        fmt = verb;
        if (verb !== 'g' && verb !== 'G') prec = 6;
        break;
      case 'x':
      case 'X':
      case 'b':
        fmt = verb;
        break;
      default:
        return this.badVerb(verb, v);
    }
    if (f.precPresent) prec = f.prec;
    let num = formatFloat(v, fmt, prec);
    if (f.sharp && !/[eE]/.test(num) && !num.includes('.') && /\d$/.test(num)) num += '.';
    let sign = '+';
    if (num[0] === '-' || num[0] === '+') {
      sign = num[0];
      num = num.slice(1);
    }
    if (f.space && sign === '+' && !f.plus) sign = ' ';
    if (num === 'Inf' || num === 'NaN') {
      const z = f.zero;
      f.zero = false;
      if (num === 'NaN' && !f.space && !f.plus) this.pad(num);
      else this.pad(sign + num);
      f.zero = z;
      return;
    }
    if (f.plus || sign !== '+') {
      if (f.zero && f.widPresent && f.wid > num.length + 1) {
        this.buf += sign + '0'.repeat(f.wid - num.length - 1) + num;
        return;
      }
      this.pad(sign + num);
      return;
    }
    this.pad(num);
  }

  fmtString(v: string, verb: string): void {
    const f = this.f;
    switch (verb) {
      case 'v':
        if (f.sharpV) return this.fmtQ(v);
        return this.fmtS(v);
      case 's':
        return this.fmtS(v);
      case 'x':
      case 'X':
        return this.fmtSx(v, verb === 'X');
      case 'q':
        return this.fmtQ(v);
      default:
        return this.badVerb(verb, v);
    }
  }

  protected truncate(s: string): string {
    const f = this.f;
    if (f.precPresent) {
      const chars = [...s];
      if (chars.length > f.prec) return chars.slice(0, f.prec).join('');
    }
    return s;
  }
  protected fmtS(s: string): void {
    this.pad(this.truncate(s));
  }
  protected fmtSx(s: string, upper: boolean): void {
    const f = this.f;
    let bytes = utf8Bytes(s);
    if (f.precPresent && f.prec < bytes.length) bytes = bytes.slice(0, f.prec);
    const parts: string[] = [];
    for (const b of bytes) {
      let h = b.toString(16).padStart(2, '0');
      if (upper) h = h.toUpperCase();
      parts.push(h);
    }
    const pre = upper ? '0X' : '0x';
    let out: string;
    if (f.space) out = parts.map((p) => (f.sharp ? pre + p : p)).join(' ');
    else out = (f.sharp && parts.length > 0 ? pre : '') + parts.join('');
    this.pad(out);
  }
  protected fmtQ(s: string): void {
    const f = this.f;
    s = this.truncate(s);
    if (f.sharp && canBackquote(s)) this.pad('`' + s + '`');
    else this.pad(goQuote(s, f.plus));
  }

  /** printArg: a top-level operand. */

  protected fmtSPlain(s: string): void {
    this.pad(this.truncate(s));
  }
}
