// `semver` and `semverCompare` with Masterminds/semver v3.2.0's rules: NewVersion's lenient parse
// ("1.2" is 1.2.0, a leading "v" is allowed), and NewConstraint/Check with its operators, wildcards,
// hyphen ranges, `||` and `,`, and its rule that a prerelease version only satisfies a constraint that
// itself names a prerelease. `semver` returns a *semver.Version whose methods templates call.
// Its regular expressions run on re2js (Go's regexp semantics, linear time): in JavaScript's RegExp the
// constraint grammar backtracks exponentially (`1   1   1   1 ... !` took 1.5 s at 10 repetitions).
import { RE2JS } from 're2js';
import { FuncError, type FuncDef } from '../func-def.js';
import { GoInt, GoPtr, GoStruct, T, indirect, type GoValue, type MethodDef, type StructDef } from '../value.js';
import { S, fixed, goInt, str } from './define.js';

export interface Version {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string;
  metadata: string;
  original: string;
}

const PART = '[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*';
const VERSION_RE = RE2JS.compile(`^v?([0-9]+)(\\.[0-9]+)?(\\.[0-9]+)?(?:-(${PART}))?(?:\\+(${PART}))?$`);
const UINT64_MAX = (1n << 64n) - 1n;

class SemverError extends Error {}

function segment(s: string): bigint {
  const n = BigInt(s);
  if (n > UINT64_MAX) throw new SemverError(`Error parsing version segment: strconv.ParseUint: parsing "${s}": value out of range`);
  return n;
}

/** semver.NewVersion. */
export function parseVersion(v: string): Version {
  const m = submatch(VERSION_RE, v);
  if (!m) throw new SemverError('Invalid Semantic Version');
  const ver: Version = {
    major: segment(m[1]!),
    minor: m[2] ? segment(m[2].slice(1)) : 0n,
    patch: m[3] ? segment(m[3].slice(1)) : 0n,
    pre: m[4] ?? '',
    metadata: m[5] ?? '',
    original: v,
  };
  for (const p of ver.pre === '' ? [] : ver.pre.split('.')) if (/^[0-9]+$/.test(p) && p.length > 1 && p[0] === '0') throw new SemverError('Version segment starts with 0');
  return ver;
}

export function versionString(v: Version): string {
  return `${v.major}.${v.minor}.${v.patch}` + (v.pre ? `-${v.pre}` : '') + (v.metadata ? `+${v.metadata}` : '');
}

const cmp = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return o !== '' ? -1 : 1;
  if (o === '') return s !== '' ? 1 : -1;
  const sn = /^[0-9]+$/.test(s) && BigInt(s) <= UINT64_MAX;
  const on = /^[0-9]+$/.test(o) && BigInt(o) <= UINT64_MAX;
  if (!sn && !on) return s > o ? 1 : -1; // Go compares the strings' bytes; these are ASCII
  if (!on) return -1;
  if (!sn) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

function comparePrerelease(a: string, b: string): number {
  const sp = a.split('.');
  const op = b.split('.');
  for (let i = 0; i < Math.max(sp.length, op.length); i++) {
    const d = comparePrePart(sp[i] ?? '', op[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

export function compareVersions(v: Version, o: Version): number {
  const d = cmp(v.major, o.major) || cmp(v.minor, o.minor) || cmp(v.patch, o.patch);
  if (d !== 0) return d;
  if (v.pre === '' && o.pre === '') return 0;
  if (v.pre === '') return 1;
  if (o.pre === '') return -1;
  return comparePrerelease(v.pre, o.pre);
}

// --- constraints ---

const WS = '[\\t\\n\\f\\r ]';
const CV = 'v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?';
const OPS = '=||!=|>|<|>=|=>|<=|=<|~|~>|\\^';
const CONSTRAINT_RE = RE2JS.compile(`^${WS}*(${OPS})${WS}*(${CV})${WS}*$`);
const RANGE_RE = RE2JS.compile(`${WS}*(${CV})${WS}+-${WS}+(${CV})${WS}*`);
const FIND_RE = RE2JS.compile(`(${OPS})${WS}*(${CV})`);
const VALID_RE = RE2JS.compile(`^(${WS}*(${OPS})${WS}*(${CV})${WS}*)((?:${WS}+|,${WS}*)(${OPS})${WS}*(${CV})${WS}*)*$`);

/** Go's FindStringSubmatch: the first match and its groups (undefined where a group did not take part). */
function submatch(re: RE2JS, s: string): (string | undefined)[] | null {
  const m = re.matcher(s);
  if (!m.find()) return null;
  const out: (string | undefined)[] = [];
  for (let g = 0; g <= re.groupCount(); g++) out.push(m.group(g) ?? undefined);
  return out;
}

/** Go's FindAllStringSubmatch(s, -1), for patterns that never match empty. */
function allSubmatches(re: RE2JS, s: string): (string | undefined)[][] {
  const m = re.matcher(s);
  const out: (string | undefined)[][] = [];
  while (m.find()) {
    const groups: (string | undefined)[] = [];
    for (let g = 0; g <= re.groupCount(); g++) groups.push(m.group(g) ?? undefined);
    out.push(groups);
  }
  return out;
}

interface Constraint {
  con: Version;
  op: string;
  dirty: boolean;
  minorDirty: boolean;
  patchDirty: boolean;
}

const isX = (x: string): boolean => x === 'x' || x === '*' || x === 'X';

function parseConstraint(c: string): Constraint {
  const m = submatch(CONSTRAINT_RE, c);
  if (!m) throw new SemverError(`improper constraint: ${c}`);
  let ver = m[2]!;
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  const pre = m[6] ?? '';
  if (m[3] === undefined || isX(m[3])) (ver = `0.0.0${pre}`), (dirty = true);
  else if (m[4] === undefined || isX(m[4].slice(1))) (minorDirty = dirty = true), (ver = `${m[3]}.0.0${pre}`);
  else if (m[5] === undefined || isX(m[5].slice(1))) (dirty = patchDirty = true), (ver = `${m[3]}${m[4]}.0${pre}`);
  let con: Version;
  try {
    con = parseVersion(ver);
  } catch {
    throw new SemverError('constraint Parser Error');
  }
  return { con, op: m[1]!, dirty, minorDirty, patchDirty };
}

/** semver.NewConstraint: OR groups of AND-ed constraints. */
export function parseConstraints(c: string): Constraint[][] {
  // rewriteRange: each hyphen range found is replaced at its first occurrence in the text so far.
  let rewritten = c;
  for (const v of allSubmatches(RANGE_RE, c)) rewritten = rewritten.replace(v[0]!, () => `>= ${v[1]}, <= ${v[11]}`);
  return rewritten.split('||').map((part) => {
    if (!VALID_RE.matcher(part).find()) throw new SemverError(`improper constraint: ${part}`);
    const found = allSubmatches(FIND_RE, part).map((g) => g[0]!);
    return (found.length > 0 ? found : [part]).map(parseConstraint);
  });
}

function check(v: Version, c: Constraint): boolean {
  const k = c.con;
  const lt = (): boolean => compareVersions(v, k) < 0;
  if (c.op !== '!=' && v.pre !== '' && k.pre === '') return false;
  switch (c.op) {
    case '':
    case '=':
      return c.dirty ? tilde(v, c) : compareVersions(v, k) === 0;
    case '!=':
      if (c.dirty) {
        if (v.pre !== '' && k.pre === '') return false;
        if (k.major !== v.major) return true;
        if (k.minor !== v.minor && !c.minorDirty) return true;
        if (c.minorDirty) return false;
        if (k.patch !== v.patch && !c.patchDirty) return true;
        if (c.patchDirty) return (v.pre !== '' || k.pre !== '') && comparePrerelease(v.pre, k.pre) !== 0;
      }
      return compareVersions(v, k) !== 0;
    case '>':
      if (!c.dirty) return compareVersions(v, k) === 1;
      if (v.major !== k.major) return v.major > k.major;
      if (c.minorDirty) return false;
      if (c.patchDirty) return v.minor > k.minor;
      return compareVersions(v, k) === 1;
    case '<':
      return lt();
    case '>=':
    case '=>':
      return !lt();
    case '<=':
    case '=<':
      if (!c.dirty) return compareVersions(v, k) <= 0;
      if (v.major > k.major) return false;
      return !(v.major === k.major && v.minor > k.minor && !c.minorDirty);
    case '~':
    case '~>':
      return tilde(v, c);
    case '^':
      if (lt()) return false;
      if (k.major > 0n || c.minorDirty) return v.major === k.major;
      if (v.major > 0n) return false;
      if (k.minor > 0n || c.patchDirty) return v.minor === k.minor;
      if (v.minor > 0n) return false;
      return k.patch === v.patch;
  }
  return false;
}

function tilde(v: Version, c: Constraint): boolean {
  const k = c.con;
  if (compareVersions(v, k) < 0) return false;
  if (k.major === 0n && k.minor === 0n && k.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== k.major) return false;
  return !(v.minor !== k.minor && !c.minorDirty);
}

export function satisfies(constraints: Constraint[][], v: Version): boolean {
  return constraints.some((group) => group.every((c) => check(v, c)));
}

// --- the *semver.Version value templates see ---

const u64 = (n: bigint): GoInt => new GoInt('uint64', Number(n));
const versionOf = (recv: GoValue): Version => ((indirect(recv) as GoStruct).backing as { version: Version }).version;
const method = (params: MethodDef['params'], result: MethodDef['result'], call: (v: Version, args: GoValue[]) => GoValue): MethodDef => ({ params, result, call: (recv, args) => call(versionOf(recv), args) });

const methods = new Map<string, MethodDef>();
export const VERSION_DEF: StructDef = { name: 'semver.Version', fields: new Map(), methods };
const VERSION_PTR = T.ptr(T.struct(VERSION_DEF));
const bump = (v: Version, part: 'major' | 'minor' | 'patch'): GoValue => {
  const next: Version = { ...v, pre: '', metadata: '' };
  if (part === 'major') (next.major = v.major + 1n), (next.minor = 0n), (next.patch = 0n);
  if (part === 'minor') (next.minor = v.minor + 1n), (next.patch = 0n);
  if (part === 'patch' && v.pre === '') next.patch = v.patch + 1n;
  next.original = (v.original.startsWith('v') ? 'v' : '') + versionString(next);
  return new GoStruct(VERSION_DEF, { version: next });
};
methods.set('Major', method([], T.intOf('uint64'), (v) => u64(v.major)));
methods.set('Minor', method([], T.intOf('uint64'), (v) => u64(v.minor)));
methods.set('Patch', method([], T.intOf('uint64'), (v) => u64(v.patch)));
methods.set('Prerelease', method([], T.string, (v) => v.pre));
methods.set('Metadata', method([], T.string, (v) => v.metadata));
methods.set('Original', method([], T.string, (v) => v.original));
methods.set('String', method([], T.string, (v) => versionString(v)));
methods.set('MarshalJSON', method([], T.string, (v) => JSON.stringify(versionString(v))));
methods.set('Compare', method([VERSION_PTR], T.int, (v, [o]) => goInt(compareVersions(v, versionOf(o)))));
methods.set('LessThan', method([VERSION_PTR], T.bool, (v, [o]) => compareVersions(v, versionOf(o)) < 0));
methods.set('GreaterThan', method([VERSION_PTR], T.bool, (v, [o]) => compareVersions(v, versionOf(o)) > 0));
methods.set('Equal', method([VERSION_PTR], T.bool, (v, [o]) => compareVersions(v, versionOf(o)) === 0));
methods.set('IncMajor', method([], T.struct(VERSION_DEF), (v) => bump(v, 'major')));
methods.set('IncMinor', method([], T.struct(VERSION_DEF), (v) => bump(v, 'minor')));
methods.set('IncPatch', method([], T.struct(VERSION_DEF), (v) => bump(v, 'patch')));

function wrapErrors<R>(f: () => R): R {
  try {
    return f();
  } catch (e) {
    if (e instanceof SemverError) throw new FuncError(e.message);
    throw e;
  }
}

const constraintCache = new Map<string, Constraint[][]>();

export const semverFuncs: Array<[string, FuncDef]> = [
  ['semver', fixed([S], (a) => wrapErrors(() => new GoPtr(T.struct(VERSION_DEF), new GoStruct(VERSION_DEF, { version: parseVersion(str(a[0])) }))))],
  [
    'semverCompare',
    fixed([S, S], (a) =>
      wrapErrors(() => {
        let cs = constraintCache.get(str(a[0]));
        if (!cs) {
          cs = parseConstraints(str(a[0]));
          if (constraintCache.size > 500) constraintCache.clear();
          constraintCache.set(str(a[0]), cs);
        }
        return satisfies(cs, parseVersion(str(a[1])));
      }),
    ),
  ],
];
