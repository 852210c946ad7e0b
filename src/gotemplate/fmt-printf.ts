// fmt.Sprintf: Go's format-string walk (flags, width, precision, `*`, argument indexes, `%%`), with
// its notations for problems: `%!d(MISSING)`, `%!(EXTRA int=1)`, `%!(NOVERB)`, `%!(BADWIDTH)`.
import { GoInt, typeName, typeOf, type GoValue } from './value.js';
import { Printer } from './fmt.js';

const TOO_LARGE = 1e6;

function intFromArg(args: GoValue[], argNum: number): [num: number, ok: boolean, next: number] {
  if (argNum >= args.length) return [0, false, argNum];
  const a = args[argNum];
  let num = 0;
  let ok = false;
  if (a instanceof GoInt) {
    num = a.v;
    ok = true;
  }
  if (num > TOO_LARGE || num < -TOO_LARGE) {
    num = 0;
    ok = false;
  }
  return [num, ok, argNum + 1];
}

function parseNum(s: string, i: number): [num: number, present: boolean, next: number] {
  let num = 0;
  let present = false;
  while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) {
    if (num > TOO_LARGE) return [0, false, s.length];
    num = num * 10 + s.charCodeAt(i) - 48;
    present = true;
    i++;
  }
  return [num, present, i];
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: GoValue[]): string {
  const p = new Printer();
  const f = p.f;
  let argNum = 0;
  let afterIndex = false;
  let reordered = false;
  let goodArgNum = true;
  const end = format.length;

  // "[n]" argument index: returns the new argNum and position.
  const argNumber = (i: number): void => {
    if (i >= end || format[i] !== '[') return;
    reordered = true;
    for (let j = i + 1; j < end; j++) {
      if (format[j] === ']') {
        const [w, ok, nj] = parseNum(format, i + 1);
        if (!ok || nj !== j) {
          goodArgNum = false;
          pos = j + 1;
          afterIndex = false;
          return;
        }
        const idx = w - 1;
        if (idx >= 0 && idx < args.length) {
          argNum = idx;
          goodArgNum = true;
        } else goodArgNum = false;
        pos = j + 1;
        afterIndex = true;
        return;
      }
    }
    goodArgNum = false;
    pos = i + 1;
    afterIndex = false;
  };

  let pos = 0;
  while (pos < end) {
    goodArgNum = true;
    const last = pos;
    while (pos < end && format[pos] !== '%') pos++;
    if (pos > last) p.buf += format.slice(last, pos);
    if (pos >= end) break;
    pos++;
    f.clear();
    let simple = false;
    flags: for (; pos < end; pos++) {
      const c = format[pos];
      switch (c) {
        case '#':
          f.sharp = true;
          break;
        case '0':
          f.zero = !f.minus;
          break;
        case '+':
          f.plus = true;
          break;
        case '-':
          f.minus = true;
          f.zero = false;
          break;
        case ' ':
          f.space = true;
          break;
        default:
          if (c >= 'a' && c <= 'z' && argNum < args.length) {
            if (c === 'v') {
              f.sharpV = f.sharp;
              f.sharp = false;
              f.plusV = f.plus;
              f.plus = false;
            }
            p.printArg(args[argNum], c);
            argNum++;
            pos++;
            simple = true;
          }
          break flags;
      }
    }
    if (simple) continue;

    afterIndex = false;
    argNumber(pos);
    if (pos < end && format[pos] === '*') {
      pos++;
      [f.wid, f.widPresent, argNum] = intFromArg(args, argNum);
      if (!f.widPresent) p.buf += '%!(BADWIDTH)';
      if (f.wid < 0) {
        f.wid = -f.wid;
        f.minus = true;
        f.zero = false;
      }
      afterIndex = false;
    } else {
      [f.wid, f.widPresent, pos] = parseNum(format, pos);
      if (afterIndex && f.widPresent) goodArgNum = false;
    }
    if (pos + 1 < end && format[pos] === '.') {
      pos++;
      if (afterIndex) goodArgNum = false;
      afterIndex = false;
      argNumber(pos);
      if (pos < end && format[pos] === '*') {
        pos++;
        [f.prec, f.precPresent, argNum] = intFromArg(args, argNum);
        if (f.prec < 0) {
          f.prec = 0;
          f.precPresent = false;
        }
        if (!f.precPresent) p.buf += '%!(BADPREC)';
        afterIndex = false;
      } else {
        [f.prec, f.precPresent, pos] = parseNum(format, pos);
        if (!f.precPresent) {
          f.prec = 0;
          f.precPresent = true;
        }
      }
    }
    if (!afterIndex) argNumber(pos);
    if (pos >= end) {
      p.buf += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(pos)!);
    pos += verb.length;
    if (verb === '%') p.buf += '%';
    else if (!goodArgNum) p.buf += `%!${verb}(BADINDEX)`;
    else if (argNum >= args.length) p.buf += `%!${verb}(MISSING)`;
    else {
      if (verb === 'v') {
        f.sharpV = f.sharp;
        f.sharp = false;
        f.plusV = f.plus;
        f.plus = false;
      }
      p.printArg(args[argNum], verb);
      argNum++;
    }
  }
  if (!reordered && argNum < args.length) {
    f.clear();
    p.buf += '%!(EXTRA ';
    for (let i = argNum; i < args.length; i++) {
      if (i > argNum) p.buf += ', ';
      const a = args[i];
      if (a === undefined || a === null) p.buf += '<nil>';
      else {
        p.buf += typeName(typeOf(a)) + '=';
        p.printArg(a, 'v');
      }
    }
    p.buf += ')';
  }
  return p.buf;
}
