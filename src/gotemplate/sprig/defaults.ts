// Sprig's defaults and flow functions (defaults.go): `default`, `empty`, `coalesce`, `all`, `any`,
// `ternary`, `fail`, and the JSON family (`toJson` and friends print Go's encoding/json bytes).
import { FuncError, FuncPanic, type FuncDef } from '../func-def.js';
import { decodeJSON, marshalJSON } from '../json.js';
import { T, type GoValue } from '../value.js';
import { isEmpty } from './cast.js';
import { A, S, fixed, str, variadic } from './define.js';

const nilIfNone = (v: GoValue): GoValue => (v === undefined ? null : v);

function toJSON(v: GoValue, indent: string | undefined, escapeHTML: boolean, onError: 'empty' | 'error' | 'panic'): string {
  try {
    return marshalJSON(nilIfNone(v), { indent, escapeHTML });
  } catch (e) {
    if (onError === 'empty') return '';
    const msg = (e as Error).message;
    throw onError === 'panic' ? new FuncPanic(msg) : new FuncError(msg);
  }
}

export const defaultFuncs: Array<[string, FuncDef]> = [
  ['default', variadic([A, A], (a) => (a.length < 2 || isEmpty(a[1]) ? nilIfNone(a[0]) : a[1]))],
  ['empty', fixed([A], (a) => isEmpty(a[0]))],
  ['coalesce', variadic([A], (a) => a.find((v) => !isEmpty(v)) ?? null)],
  ['all', variadic([A], (a) => a.every((v) => !isEmpty(v)))],
  ['any', variadic([A], (a) => a.some((v) => !isEmpty(v)))],
  ['ternary', fixed([A, A, T.bool], (a) => (a[2] === true ? nilIfNone(a[0]) : nilIfNone(a[1])))],
  [
    'fail',
    fixed([S], (a) => {
      throw new FuncError(str(a[0]));
    }),
  ],
  [
    'fromJson',
    fixed([S], (a) => {
      try {
        return decodeJSON(str(a[0]));
      } catch {
        return null;
      }
    }),
  ],
  [
    'mustFromJson',
    fixed([S], (a) => {
      try {
        return decodeJSON(str(a[0]));
      } catch (e) {
        throw new FuncError((e as Error).message);
      }
    }),
  ],
  ['toJson', fixed([A], (a) => toJSON(a[0], undefined, true, 'empty'))],
  ['mustToJson', fixed([A], (a) => toJSON(a[0], undefined, true, 'error'))],
  ['toPrettyJson', fixed([A], (a) => toJSON(a[0], '  ', true, 'empty'))],
  ['mustToPrettyJson', fixed([A], (a) => toJSON(a[0], '  ', true, 'error'))],
  ['toRawJson', fixed([A], (a) => toJSON(a[0], undefined, false, 'panic'))],
  ['mustToRawJson', fixed([A], (a) => toJSON(a[0], undefined, false, 'error'))],
];
