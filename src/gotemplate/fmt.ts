// Go's fmt for Go values: Sprint, Sprintln, Sprintf and %v, with Go's flags, width, precision,
// bad-verb and missing/extra-argument notations (`%!d(float64=3)`, `%!s(MISSING)`, `%!(EXTRA ...)`).
import { GoComplex, GoEnum, GoFunc, GoInt, GoMap, GoPtr, GoSlice, GoStruct, typeName, typeOf, type GoValue } from './value.js';
import { ScalarPrinter, UNSIGNED } from './fmt-scalars.js';

/** The result of a value's `String() string` method (Go's fmt.Stringer), if it has one. */
function stringMethod(v: GoStruct | GoPtr): string | undefined {
  let recv: GoValue = v;
  let def;
  if (v instanceof GoPtr) {
    if (v.target === null || v.elem.kind !== 'struct') return undefined;
    def = v.elem.def;
  } else def = v.def;
  const m = def.methods?.get('String');
  if (m === undefined || m.params.length !== 0 || m.result.kind !== 'string') return undefined;
  if (v instanceof GoPtr) recv = v.target;
  const r = m.call(recv, []);
  return typeof r === 'string' ? r : undefined;
}
class Printer extends ScalarPrinter {
  printArg(a: GoValue, verb: string): void {
    if (a === undefined || a === null) {
      if (verb === 'T' || verb === 'v') this.pad('<nil>');
      else this.badVerb(verb, a);
      return;
    }
    if (verb === 'T') {
      this.fmtSPlain(typeName(typeOf(a)));
      return;
    }
    this.printValue(a, verb, 0);
  }
  printValue(v: GoValue, verb: string, depth: number): void {
    const f = this.f;
    if (v === undefined || v === null) {
      this.printElem(v, verb, depth);
      return;
    }
    switch (typeof v) {
      case 'boolean':
        return this.fmtBool(v, verb);
      case 'number':
        return this.fmtFloat(v, verb);
      case 'string':
        return this.fmtString(v, verb);
    }
    if (v instanceof GoInt) return this.fmtInteger(v.v, UNSIGNED.has(v.name), verb, v);
    if (v instanceof GoEnum) {
      if (!this.erroring && !f.sharpV && (verb === 'v' || verb === 's' || verb === 'x' || verb === 'X' || verb === 'q')) return this.fmtString(v.toString(), verb);
      return this.fmtInteger(v.v, false, verb, v);
    }
    if ((v instanceof GoStruct || v instanceof GoPtr) && !this.erroring && !f.sharpV && 'vsxXq'.includes(verb)) {
      const str = stringMethod(v);
      if (str !== undefined) return this.fmtString(str, verb);
    }
    if (v instanceof GoMap) {
      if (f.sharpV) {
        this.buf += typeName(typeOf(v));
        if (v.isNil) {
          this.buf += '(nil)';
          return;
        }
        this.buf += '{';
      } else this.buf += 'map[';
      let first = true;
      for (const k of v.keys()) {
        if (!first) this.buf += f.sharpV ? ', ' : ' ';
        first = false;
        this.printValue(k, verb, depth + 1);
        this.buf += ':';
        this.printElem(v.get(k), verb, depth + 1);
      }
      this.buf += f.sharpV ? '}' : ']';
      return;
    }
    if (v instanceof GoSlice) {
      // %#v: []T{a, b} (or []T(nil)); otherwise [a b].
      if (f.sharpV) {
        this.buf += typeName(typeOf(v));
        if (v.isNil) {
          this.buf += '(nil)';
          return;
        }
      }
      this.buf += f.sharpV ? '{' : '[';
      for (let i = 0; i < v.length; i++) {
        if (i > 0) this.buf += f.sharpV ? ', ' : ' ';
        this.printElem(v.at(i), verb, depth + 1);
      }
      this.buf += f.sharpV ? '}' : ']';
      return;
    }
    if (v instanceof GoStruct) {
      if (f.sharpV) this.buf += v.def.name;
      this.buf += '{';
      let i = 0;
      for (const [name] of v.def.fields) {
        if (i++ > 0) this.buf += f.sharpV ? ', ' : ' ';
        if (f.plusV || f.sharpV) this.buf += name + ':';
        this.printElem(v.field(name), verb, depth + 1);
      }
      this.buf += '}';
      return;
    }
    if (v instanceof GoPtr) {
      if (v.target !== null && depth === 0) {
        const t = v.target;
        if (t instanceof GoSlice || t instanceof GoStruct || t instanceof GoMap) {
          this.buf += '&';
          this.printValue(t, verb, depth + 1);
          return;
        }
      }
      return this.fmtPointer(v.target === null, verb, v);
    }
    if (v instanceof GoComplex) {
      if (!'vbgGxXfFeE'.includes(verb)) return this.badVerb(verb, v);
      const save = this.f.plus;
      this.buf += '(';
      this.fmtFloat(v.re, verb);
      this.f.plus = true;
      this.fmtFloat(v.im, verb);
      this.f.plus = save;
      this.buf += 'i)';
      return;
    }
    if (v instanceof GoFunc) return this.fmtPointer(false, verb, v);
  }

  /** An element inside a container: nil interfaces print `<nil>`, methods (String) apply. */
  protected printElem(v: GoValue, verb: string, depth: number): void {
    if (v === undefined || v === null) {
      this.buf += this.f.sharpV ? 'interface {}(nil)' : '<nil>';
      return;
    }
    this.printValue(v, verb, depth);
  }

  protected fmtPointer(isNil: boolean, verb: string, v: GoValue): void {
    if (verb === 'v' && isNil) {
      if (this.f.sharpV) this.buf += `(${typeName(typeOf(v))})(nil)`;
      else this.pad('<nil>');
      return;
    }
    if (verb === 'v' || verb === 'p' || verb === 'x' || verb === 'X') {
      this.pad(isNil ? '0x0' : '0xc000010000');
      return;
    }
    this.badVerb(verb, v);
  }
}

/** fmt.Sprint: operands separated by a space when neither side is a string. */
export function sprint(args: GoValue[]): string {
  if (args.length === 1) return formatValue(args[0]);
  const p = new Printer();
  let prevString = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const isString = typeof a === 'string';
    if (i > 0 && !isString && !prevString) p.buf += ' ';
    p.f.clear();
    p.printArg(a, 'v');
    prevString = isString;
  }
  return p.buf;
}

/** fmt.Sprintln: operands always separated by a space, newline appended. */
export function sprintln(args: GoValue[]): string {
  const p = new Printer();
  for (let i = 0; i < args.length; i++) {
    if (i > 0) p.buf += ' ';
    p.f.clear();
    p.printArg(args[i], 'v');
  }
  return p.buf + '\n';
}

/** fmt's %v of one value (what `{{ . }}` prints). */
export function formatValue(v: GoValue): string {
  // The common scalars: a string, a bool, an integer (%d), a float64 (remembered: templates print the same few).
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof GoInt && Number.isSafeInteger(v.v)) return String(v.v);
  if (typeof v === 'number' && v !== 0) {
    let text = floatTexts.get(v);
    if (text === undefined) {
      text = printed(v);
      if (floatTexts.size >= MAX_FLOAT_TEXTS) floatTexts.clear();
      floatTexts.set(v, text);
    }
    return text;
  }
  return printed(v);
}

const MAX_FLOAT_TEXTS = 1024;
// Keyed by value; 0 is left out as the Map does not tell -0 (printed "-0") from 0.
const floatTexts = new Map<number, string>();

function printed(v: GoValue): string {
  const p = new Printer();
  p.printArg(v, 'v');
  return p.buf;
}

export { sprintf } from './fmt-printf.js';
export { Printer };
