// Sprig's regex functions over Go's regexp: FindAll/Split/ReplaceAll follow Go's loops (an empty match
// right after a match is skipped; `$1`, `${name}` expansion by Go's rules). Patterns are compiled and
// matched by re2js, a port of RE2/J, itself a port of Go's regexp: the same syntax, leftmost-first
// matches, Go's parse errors, and linear time. JavaScript's backtracking RegExp would take exponential
// time on a pattern such as `^(a+)+$`, which a template (data here) must not be able to do.
// `regexX` panics on a bad pattern (MustCompile), `mustRegexX` returns the error.
import { RE2JS } from 're2js';
import { FuncError, FuncPanic, type FuncDef } from '../func-def.js';
import { canBackquote, goQuote } from '../go-strings.js';
import type { GoValue } from '../value.js';
import { I, S, fixed, int, nilStringSlice, str, stringSlice } from './define.js';

interface Compiled {
  re: RE2JS;
  /** Group numbers of each name, in pattern order (Go allows a name twice; `${name}` takes the first that matched). */
  names: Map<string, number[]>;
  groups: number;
  /** The pattern is the empty one (Go's Split special case). */
  empty: boolean;
}

/** A match: `groups[0]` the whole match, then each group (undefined when it did not take part). */
interface Match {
  index: number;
  end: number;
  groups: (string | undefined)[];
}

class RegexSyntaxError extends Error {}

const cache = new Map<string, Compiled | RegexSyntaxError>();

function compile(expr: string): Compiled {
  let c = cache.get(expr);
  if (c === undefined) {
    try {
      const { pattern, alias } = uniqueGroupNames(expr);
      const re = RE2JS.compile(pattern);
      const names = new Map<string, number[]>();
      const numbered = Object.entries(re.namedGroups() as Record<string, number>).sort((a, b) => a[1] - b[1]);
      for (const [name, index] of numbered) {
        const own = alias.get(name) ?? name;
        names.set(own, [...(names.get(own) ?? []), index]);
      }
      c = { re, names, groups: re.groupCount(), empty: expr === '' };
    } catch (e) {
      // re2js words its errors as Go does: "error parsing regexp: missing closing ]: `[`".
      c = new RegexSyntaxError((e as Error).message);
    }
    if (cache.size > 500) cache.clear();
    cache.set(expr, c);
  }
  if (c instanceof RegexSyntaxError) throw c;
  return c;
}

/**
 * Go accepts a capture group name twice, (?P<n>a)(?P<n>b); RE2 (and re2js) refuse it. Every repeat gets
 * a name of its own before compiling, `alias` maps it back. Escapes, \\Q...\\E and classes are skipped:
 * only a real group opening is renamed.
 */
function uniqueGroupNames(expr: string): { pattern: string; alias: Map<string, string> } {
  const alias = new Map<string, string>();
  if (!expr.includes('<')) return { pattern: expr, alias };
  const seen = new Set<string>();
  let out = '';
  let i = 0;
  let inClass = false;
  while (i < expr.length) {
    const ch = expr[i]!;
    if (ch === '\\') {
      if (expr[i + 1] === 'Q') {
        const end = expr.indexOf('\\E', i + 2);
        const stop = end < 0 ? expr.length : end + 2;
        out += expr.slice(i, stop);
        i = stop;
      } else {
        out += expr.slice(i, i + 2);
        i += 2;
      }
      continue;
    }
    if (inClass) {
      if (ch === '[' && expr[i + 1] === ':') {
        const end = expr.indexOf(':]', i + 2);
        if (end >= 0) {
          out += expr.slice(i, end + 2);
          i = end + 2;
          continue;
        }
      }
      if (ch === ']') inClass = false;
      out += ch;
      i++;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      i++;
      // A `]` (after an optional `^`) right at the start is a literal member.
      if (expr[i] === '^') out += expr[i++];
      if (expr[i] === ']') out += expr[i++];
      continue;
    }
    const group = /^\(\?P?<([A-Za-z0-9_]+)>/.exec(expr.slice(i, i + 300));
    if (group) {
      let name = group[1]!;
      if (seen.has(name)) {
        let n = 2;
        while (seen.has(`${name}__${n}`) || expr.includes(`${name}__${n}`)) n++;
        alias.set(`${name}__${n}`, name);
        name = `${name}__${n}`;
      }
      seen.add(name);
      out += group[0].replace(group[1]!, name);
      i += group[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  return { pattern: out, alias };
}

/** Finds matches in one input, each search starting at a given index (UTF-16 units, as JS strings index). */
function searcher(c: Compiled, s: string): (from: number) => Match | null {
  const m = c.re.matcher(s);
  return (from) => {
    if (!m.find(from)) return null;
    const groups: (string | undefined)[] = [];
    for (let g = 0; g <= c.groups; g++) groups.push(m.group(g) ?? undefined);
    return { index: m.start(), end: m.end(), groups };
  };
}

/** Go's allMatches loop: successive non-overlapping matches, skipping an empty match abutting the previous. */
function allMatches(c: Compiled, s: string, n: number): Match[] {
  const out: Match[] = [];
  const find = searcher(c, s);
  let pos = 0;
  let prevEnd = -1;
  while ((n < 0 || out.length < n) && pos <= s.length) {
    const m = find(pos);
    if (!m) break;
    let accept = true;
    if (m.end === pos && m.index === m.end) {
      if (m.index === prevEnd) accept = false;
      pos += pos < s.length ? (s.codePointAt(pos)! > 0xffff ? 2 : 1) : 1;
    } else pos = m.end;
    prevEnd = m.end;
    if (accept) out.push(m);
  }
  return out;
}

/** Go's Regexp.Expand of a ReplaceAllString template: $1, ${1}, $name, ${name}, $$. */
function expand(template: string, m: Match, c: Compiled): string {
  return template.replace(/\$(\$|\{([A-Za-z0-9_]*)\}|([A-Za-z0-9_]+))/g, (whole, _x: string, braced?: string, bare?: string) => {
    if (whole === '$$') return '$';
    const name = braced ?? bare;
    if (braced !== undefined && braced === '') return whole; // "${}" is not a reference: kept as is
    if (name === undefined) return whole;
    if (/^\d+$/.test(name)) {
      const k = Number(name);
      return k <= c.groups ? (m.groups[k] ?? '') : '';
    }
    const k = c.names.get(name)?.find((g) => m.groups[g] !== undefined);
    return k === undefined ? '' : m.groups[k]!;
  });
}

function replaceAll(c: Compiled, s: string, repl: (m: Match) => string): string {
  const find = searcher(c, s);
  let out = '';
  let lastEnd = 0;
  let search = 0;
  while (search <= s.length) {
    const m = find(search);
    if (!m) break;
    const { index: start, end } = m;
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
  if (!c.empty && s === '') return [''];
  const matches = allMatches(c, s, n);
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of matches) {
    if (n > 0 && out.length === n - 1) break;
    end = m.index;
    if (m.end !== 0) out.push(s.slice(beg, end));
    beg = m.end;
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
    return ms.length === 0 ? nilStringSlice() : stringSlice(ms.map((m) => m.groups[0]!));
  }, [str, int]),
  ...both('regexFind', [S, S], (c, [s]) => allMatches(c, s as string, 1)[0]?.groups[0] ?? '', [str]),
  ...both('regexReplaceAll', [S, S, S], (c, [s, r]) => replaceAll(c, s as string, (m) => expand(r as string, m, c)), [str, str]),
  ...both('regexReplaceAllLiteral', [S, S, S], (c, [s, r]) => replaceAll(c, s as string, () => r as string), [str, str]),
  ...both('regexSplit', [S, S, I], (c, [s, n]) => {
    const parts = split(c, s as string, n as number);
    return parts === null ? nilStringSlice() : stringSlice(parts);
  }, [str, int]),
  ['regexQuoteMeta', fixed([S], (a) => quoteMeta(str(a[0])))],
];
