// Lists seen as strings: Sprig's strslice (`toStrings`, `join`) and `sortAlpha`.
import { GoPtr, GoSlice, compareStrings, type GoValue } from '../value.js';
import { strval } from './cast.js';

/** Sprig's strslice: a list's non-nil items as strings; another value as a one-item list; nil as none. */
export function strslice(v: GoValue): string[] {
  if (v instanceof GoSlice) {
    const out: string[] = [];
    const n = v.length;
    for (let i = 0; i < n; i++) {
      const item = v.at(i);
      if (item !== null && item !== undefined) out.push(strval(item));
    }
    return out;
  }
  if (v === null || v === undefined) return [];
  return [strval(v)];
}

export function joinList(sep: string, v: GoValue): string {
  if (v instanceof GoSlice && v.elem.kind === 'string') {
    // []string: no nil items to drop, no conversion.
    const n = v.length;
    let out = '';
    for (let i = 0; i < n; i++) out += (i > 0 ? sep : '') + (v.at(i) as string);
    return out;
  }
  return strslice(v).join(sep);
}

/** sortAlpha: a list (or pointer to one) sorted as strings; anything else as a one-item list. */
export function sortAlpha(v: GoValue): string[] {
  let target = v;
  while (target instanceof GoPtr && !target.isNil) target = target.target;
  if (target instanceof GoSlice) {
    // A pointer to a list reaches strslice as the pointer, which it prints as one item.
    return (v instanceof GoSlice ? strslice(v) : [strval(v)]).sort(compareStrings);
  }
  return [strval(v === undefined ? null : v)];
}
