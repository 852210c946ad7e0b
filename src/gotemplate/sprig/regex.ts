// Sprig's regex functions over Go's regexp semantics: FindAll/Split/ReplaceAll follow Go's loops (an
// empty match right after a match is skipped; `$1`, `${name}` expansion by Go's rules), patterns are
// translated by regex-translate.ts. `regexX` panics on a bad pattern (MustCompile), `mustRegexX` errors.
import { FuncError, FuncPanic, type FuncDef } from '../func-def.js';
import { canBackquote, goQuote } from '../go-strings.js';
import type { GoValue } from '../value.js';
import { I, S, fixed, int, nilStringSlice, str, stringSlice } from './define.js';
import { RegexSyntaxError, translateRegex } from './regex-translate.js';

interface Compiled {
  re: RegExp;
  names: Map<string, number>;
  groups: number;
}

const cache = new Map<string, Compiled | RegexSyntaxError>();

function compile(expr: string): Compiled {
  let c = cache.get(expr);
  if (c === undefined) {
    try {
      const t = translateRegex(expr);
      const re = new RegExp(t.source, t.flags + 'g');
      const names = new Map<string, number>();
      // Group numbers of named groups, in order of their opening parenthesis.
      const groups = new RegExp(re.source + '|', re.flags.replace('g', '')).exec('')!.length - 1;
      let n = 0;
      for (const m of t.source.matchAll(/\\.|\[(?:\\.|[^\]])*\]|\((\?<([A-Za-z0-9_]+)>|(?!\?))/g)) {
        if (m[0].startsWith('(')) {
          n++;
          if (m[2]) names.set(m[2], n);
        }
      }
      c = { re, names, groups };
    } catch (e) {
      c = e instanceof RegexSyntaxError ? e : new RegexSyntaxError(`error parsing regexp: ${(e as Error).message}`);
    }
    if (cache.size > 500) cache.clear();
    cache.set(expr, c);
  }
  if (c instanceof RegexSyntaxError) throw c;
  return c;
}

/** Go's allMatches loop: successive non-overlapping matches, skipping an empty match abutting the previous. */
function allMatches(c: Compiled, s: string, n: number): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  const re = c.re;
  let pos = 0;
  let prevEnd = -1;
  while ((n < 0 || out.length < n) && pos <= s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) break;
    const end = m.index + m[0].length;
    let accept = true;
    if (end === pos && m[0] === '') {
      if (m.index === prevEnd) accept = false;
      pos += pos < s.length ? (s.codePointAt(pos)! > 0xffff ? 2 : 1) : 1;
    } else pos = end;
    prevEnd = end;
    if (accept) out.push(m);
  }
  return out;
}

/** Go's Regexp.Expand of a ReplaceAllString template: $1, ${1}, $name, ${name}, $$. */
function expand(template: string, m: RegExpExecArray, c: Compiled): string {
  return template.replace(/\$(\$|\{([A-Za-z0-9_]*)\}|([A-Za-z0-9_]+))/g, (whole, _x: string, braced?: string, bare?: string) => {
    if (whole === '$$') return '$';
    const name = braced ?? bare;
    if (braced !== undefined && braced === '') return whole; // "${}" is not a reference: kept as is
    if (name === undefined) return whole;
    if (/^\d+$/.test(name)) {
      const k = Number(name);
      return k <= c.groups ? (m[k] ?? '') : '';
    }
    const k = c.names.get(name);
    return k === undefined ? '' : (m[k] ?? '');
  });
}

function replaceAll(c: Compiled, s: string, repl: (m: RegExpExecArray) => string): string {
  const re = c.re;
  let out = '';
  let lastEnd = 0;
  let search = 0;
  while (search <= s.length) {
    re.lastIndex = search;
    const m = re.exec(s);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    out += s.slice(lastEnd, start);
    if (end > lastEnd || start === 0) out += repl(m);
    lastEnd = end;
    const width = search < s.length ? (s.codePointAt(search)! > 0xffff ? 2 : 1) : 1;
    if (search + width > end) search += width;
    else if (search + 1 > end) search++;
    else search = end;
  }
  return out + s.slice(lastEnd);
}

function split(c: Compiled, s: string, n: number): string[] | null {
  if (n === 0) return null;
  if (c.re.source !== '(?:)' && s === '') return [''];
  const matches = allMatches(c, s, n);
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of matches) {
    if (n > 0 && out.length === n - 1) break;
    end = m.index;
    if (m.index + m[0].length !== 0) out.push(s.slice(beg, end));
    beg = m.index + m[0].length;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

/** regexp.QuoteMeta. */
function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

type Arg = string | number;

/** Registers `name` (MustCompile: panics on a bad pattern) and `mustName` (returns the error). */
function both(name: string, params: FuncDef['params'], f: (c: Compiled, args: Arg[]) => GoValue, conv: Array<(v: GoValue) => Arg>, onBadPattern?: GoValue): Array<[string, FuncDef]> {
  const make = (must: boolean): FuncDef =>
    fixed([...params], (a) => {
      let c: Compiled;
      try {
        c = compile(str(a[0]));
      } catch (e) {
        const msg = (e as Error).message;
        if (must) throw new FuncError(msg);
        if (onBadPattern !== undefined) return onBadPattern;
        throw new FuncPanic(`regexp: Compile(${regexpQuote(str(a[0]))}): ${msg}`);
      }
      return f(
        c,
        a.slice(1).map((v, i) => conv[i](v)),
      );
    });
  return [
    [name, make(false)],
    ['must' + name[0].toUpperCase() + name.slice(1), make(true)],
  ];
}

/** regexp's own quote: backquoted when strconv.CanBackquote allows, else strconv.Quote. */
const regexpQuote = (s: string): string => (canBackquote(s) ? '`' + s + '`' : goQuote(s));

export const regexFuncs: Array<[string, FuncDef]> = [
  ...both('regexMatch', [S, S], (c, [s]) => allMatches(c, s as string, 1).length > 0, [str], false),
  ...both('regexFindAll', [S, S, I], (c, [s, n]) => {
    const ms = allMatches(c, s as string, n as number);
    return ms.length === 0 ? nilStringSlice() : stringSlice(ms.map((m) => m[0]));
  }, [str, int]),
  ...both('regexFind', [S, S], (c, [s]) => allMatches(c, s as string, 1)[0]?.[0] ?? '', [str]),
  ...both('regexReplaceAll', [S, S, S], (c, [s, r]) => replaceAll(c, s as string, (m) => expand(r as string, m, c)), [str, str]),
  ...both('regexReplaceAllLiteral', [S, S, S], (c, [s, r]) => replaceAll(c, s as string, () => r as string), [str, str]),
  ...both('regexSplit', [S, S, I], (c, [s, n]) => {
    const parts = split(c, s as string, n as number);
    return parts === null ? nilStringSlice() : stringSlice(parts);
  }, [str, int]),
  ['regexQuoteMeta', fixed([S], (a) => quoteMeta(str(a[0])))],
];
