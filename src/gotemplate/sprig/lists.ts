// Sprig's list functions (list.go). Each `mustX` returns Go's error where `x` panics with the same text;
// both reach the template as `error calling NAME: MESSAGE`. Lists are never changed in place: every
// result is a new []interface{} (except `slice`, which keeps the list's own element type, as Go's does).
import { checkResultSize, FuncError, FuncPanic, type FuncDef } from '../func-def.js';
import { GoSlice, T, type GoValue } from '../value.js';
import { isEmpty, kindName, toInt64 } from './cast.js';
import { A, I, anySlice, fixed, int, nilAnySlice, variadic } from './define.js';
import { deepEqual } from './reflect.js';

const NIL_DEREF = 'runtime error: invalid memory address or nil pointer dereference';

/** The list argument as a slice, or Go's failure: reflect.TypeOf(nil).Kind() dereferences nil. */
function asList(v: GoValue, message: (kind: string) => string, must: boolean): GoSlice {
  if (v instanceof GoSlice) return v;
  if (v === null || v === undefined) throw new FuncPanic(NIL_DEREF);
  const msg = message(kindName(v));
  throw must ? new FuncError(msg) : new FuncPanic(msg);
}

/** Registers `name` and `mustName` (both names given) over one implementation. */
function pair(name: string, mustName: string, build: (must: boolean) => FuncDef): Array<[string, FuncDef]> {
  return [
    [name, build(false)],
    [mustName, build(true)],
  ];
}

const oneList = (msg: (k: string) => string, f: (l: GoSlice) => GoValue) => (must: boolean) => fixed([A], (a) => f(asList(a[0], msg, must)));

function inList(haystack: GoValue[], needle: GoValue): boolean {
  return haystack.some((h) => deepEqual(needle, h));
}

function chunk(size: number, l: GoSlice): GoSlice {
  const n = l.length;
  const count = Math.floor((n - 1) / size) + 1;
  if (!Number.isFinite(count) || count < 0) throw new FuncPanic('runtime error: makeslice: len out of range');
  const items = l.items();
  const out: GoValue[] = [];
  for (let i = 0; i < count; i++) {
    let len = size;
    if (i === count - 1) len = Math.floor(n % size) || size;
    out.push(anySlice(items.slice(i * size, i * size + len)));
  }
  return GoSlice.of(T.slice(T.interface), out);
}

function slice(l: GoSlice, indices: GoValue[]): GoValue {
  const n = l.length;
  if (n === 0) return null;
  const start = indices.length > 0 ? toInt64(indices[0]) : 0;
  const end = indices.length >= 2 ? toInt64(indices[1]) : n;
  if (start < 0 || end < start || end > n) throw new FuncPanic('reflect.Value.Slice: slice index out of bounds');
  return GoSlice.of(l.elem, l.items().slice(start, end));
}

export const listFuncs: Array<[string, FuncDef]> = [
  ['list', variadic([A], (a) => anySlice(a.slice()))],
  ['tuple', variadic([A], (a) => anySlice(a.slice()))],
  ...pair('push', 'mustPush', (must) => fixed([A, A], (a) => anySlice([...asList(a[0], (k) => `Cannot push on type ${k}`, must).items(), a[1]]))),
  ...pair('append', 'mustAppend', (must) => fixed([A, A], (a) => anySlice([...asList(a[0], (k) => `Cannot push on type ${k}`, must).items(), a[1]]))),
  ...pair('prepend', 'mustPrepend', (must) => fixed([A, A], (a) => anySlice([a[1], ...asList(a[0], (k) => `Cannot prepend on type ${k}`, must).items()]))),
  ...pair('chunk', 'mustChunk', (must) => fixed([I, A], (a) => chunk(int(a[0]), asList(a[1], (k) => `Cannot chunk type ${k}`, must)))),
  ...pair('last', 'mustLast', oneList((k) => `Cannot find last on type ${k}`, (l) => (l.length === 0 ? null : l.at(l.length - 1)))),
  ...pair('first', 'mustFirst', oneList((k) => `Cannot find first on type ${k}`, (l) => (l.length === 0 ? null : l.at(0)))),
  ...pair('rest', 'mustRest', oneList((k) => `Cannot find rest on type ${k}`, (l) => (l.length === 0 ? nilAnySlice() : anySlice(l.items().slice(1))))),
  ...pair('initial', 'mustInitial', oneList((k) => `Cannot find initial on type ${k}`, (l) => (l.length === 0 ? nilAnySlice() : anySlice(l.items().slice(0, -1))))),
  ...pair('reverse', 'mustReverse', oneList((k) => `Cannot find reverse on type ${k}`, (l) => anySlice(l.items().reverse()))),
  ...pair('compact', 'mustCompact', oneList((k) => `Cannot compact on type ${k}`, (l) => anySlice(l.items().filter((v) => !isEmpty(v))))),
  ...pair(
    'uniq',
    'mustUniq',
    oneList(
      (k) => `Cannot find uniq on type ${k}`,
      (l) => {
        const dest: GoValue[] = [];
        for (const item of l.items()) if (!inList(dest, item)) dest.push(item);
        return anySlice(dest);
      },
    ),
  ),
  ...pair('without', 'mustWithout', (must) =>
    variadic([A, A], (a) => {
      const omit = a.slice(1);
      return anySlice(asList(a[0], (k) => `Cannot find without on type ${k}`, must).items().filter((v) => !inList(omit, v)));
    }),
  ),
  ...pair('has', 'mustHas', (must) =>
    fixed([A, A], (a) => {
      if (a[1] === null || a[1] === undefined) return false;
      return inList(asList(a[1], (k) => `Cannot find has on type ${k}`, must).items(), a[0]);
    }),
  ),
  ...pair('slice', 'mustSlice', (must) => variadic([A, A], (a) => slice(asList(a[0], (k) => `list should be type of slice or array but ${k}`, must), a.slice(1)))),
  [
    'concat',
    variadic([A], (a) => {
      if (a.length === 0) return nilAnySlice();
      const lists = a.map((l) => asList(l, (k) => `Cannot concat type ${k} as list`, false));
      checkResultSize(lists.reduce((n, l) => n + l.length, 0));
      const out: GoValue[] = [];
      // One push per item: spreading a long list as arguments overflows the call stack.
      for (const l of lists) for (let i = 0; i < l.length; i++) out.push(l.at(i));
      return anySlice(out);
    }),
  ],
];
