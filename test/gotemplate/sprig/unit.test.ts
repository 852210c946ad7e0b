// Direct tests of the pieces under the Sprig functions: encoding/json of Go values (floats, escaping,
// structs, enums), the unsupported functions, and the regex constructs we refuse instead of mis-matching.
import test from 'ava';
import { marshalJSON, decodeJSON } from '../../../src/gotemplate/json.js';
import { GoEnum, GoInt, GoMap, GoPtr, GoSlice, GoStruct, T, type StructDef } from '../../../src/gotemplate/value.js';
import { sprigFuncs, UNSUPPORTED_SPRIG_FUNCTIONS } from '../../../src/gotemplate/sprig/index.js';
import { parseGoInt, toFloat64, toInt64 } from '../../../src/gotemplate/sprig/cast.js';
import { render } from './oracle-cases.js';

test('json: floats as encoding/json writes them (exponent below 1e-6 and from 1e21, -0 kept)', (t) => {
  // Expected strings are what Go's json.Marshal prints for these float64 values.
  const cases: Array<[number, string]> = [
    [1e21, '1e+21'],
    [1e20, '100000000000000000000'],
    [0.000001, '0.000001'],
    [0.0000001, '1e-7'],
    [1.5e-7, '1.5e-7'],
    [-0, '-0'],
    [5e-324, '5e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [123456789.123, '123456789.123'],
  ];
  for (const [f, want] of cases) t.is(marshalJSON(f), want, String(f));
  t.throws(() => marshalJSON(NaN), { message: 'json: unsupported value: NaN' });
  t.throws(() => marshalJSON(-Infinity), { message: 'json: unsupported value: -Inf' });
});

test('json: strings escape <, >, &, U+2028/2029 and control characters; SetEscapeHTML(false) keeps <>&', (t) => {
  t.is(marshalJSON('<a>&\u2028\u2029\u0001\t"\\'), '"\\u003ca\\u003e\\u0026\\u2028\\u2029\\u0001\\t\\"\\\\"');
  t.is(marshalJSON('<a>&\u2028', { escapeHTML: false }), '"<a>&\\u2028"');
  t.is(marshalJSON('\ud800x'), '"\ufffdx"');
});

test('json: maps sorted, nil map and nil slice are null, empty ones compact even when indented', (t) => {
  const m = GoMap.of(T.interface, [
    ['b', GoSlice.of(T.interface, [1, GoMap.of(T.interface, [])])],
    ['a', new GoMap(T.string, null)],
    ['c', new GoSlice(T.interface, null)],
  ]);
  t.is(marshalJSON(m), '{"a":null,"b":[1,{}],"c":null}');
  t.is(marshalJSON(m, { indent: '  ' }), '{\n  "a": null,\n  "b": [\n    1,\n    {}\n  ],\n  "c": null\n}');
});

test('json: struct fields in declaration order under their json names, unexported ones skipped; enums by name', (t) => {
  const def: StructDef = {
    name: 'x.S',
    fields: new Map([
      ['Zeta', { type: T.int, json: 'zeta' }],
      ['Alpha', { type: T.string }],
      ['hidden', { type: T.string }],
      ['Mode', { type: T.enum({ name: 'x.Mode', names: new Map([[1, 'ON']]), values: new Map([['ON', 1]]) }) }],
    ]),
  };
  const s = new GoStruct(def, { zeta: 3, Alpha: 'a', hidden: 'h', Mode: 1 });
  t.is(marshalJSON(new GoPtr(T.struct(def), s)), '{"zeta":3,"Alpha":"a","Mode":"ON"}');
  t.is(marshalJSON(new GoInt('int64', -5)), '-5');
  t.is(marshalJSON(new GoEnum({ name: 'x.Mode', names: new Map(), values: new Map() }, 7)), '7');
});

test('json: decodeJSON gives float64 numbers and keeps keys such as __proto__ as data', (t) => {
  const v = decodeJSON('{"__proto__": 1, "constructor": {"a": [2]}}') as GoMap;
  t.deepEqual(v.keys(), ['__proto__', 'constructor']);
  t.is(v.get('__proto__'), 1);
  t.throws(() => decodeJSON('{"a" 1}'), { message: "invalid character '1' after object key" });
  t.throws(() => decodeJSON('[1,2'), { message: 'unexpected end of JSON input' });
});

test('cast: ParseInt base 0 rules and cast fallbacks to 0', (t) => {
  t.is(parseGoInt('0x1F', 0), 31);
  t.is(parseGoInt('0_7', 0), 7);
  t.is(parseGoInt('1__0', 0), undefined);
  t.is(parseGoInt('08', 0), undefined);
  t.is(toInt64('4.000'), 4);
  t.is(toInt64('4.5'), 0);
  t.is(toInt64(-3.9), -3);
  t.is(toFloat64('1_0.5'), 10.5);
  t.is(toFloat64('1e400'), 0);
});

test('unsupported: clock, randomness, environment and network functions fail naming themselves', (t) => {
  const funcs = sprigFuncs();
  for (const name of ['now', 'date', 'randAlpha', 'uuidv4', 'genCA', 'bcrypt', 'encryptAES', 'env', 'expandenv', 'getHostByName', 'shuffle']) {
    t.true(UNSUPPORTED_SPRIG_FUNCTIONS.includes(name), name);
    t.true(funcs.has(name), name);
  }
  const r = render('{{ now }}');
  t.regex(r.error ?? '', /error calling now: function "now" is not supported: .*clock/);
  t.regex(render('{{ randAlphaNum 5 }}').error ?? '', /function "randAlphaNum" is not supported/);
});

test('sprigFuncs: every name of Sprig 3.2.3 TxtFuncMap', (t) => {
  // 208 distinct names are listed in Sprig's genericMap; "append"/"push" and "mustAppend"/"mustPush"
  // share a line there, and `slice` replaces the Go builtin of the same name.
  const names = [...sprigFuncs().keys()];
  t.is(names.length, 210);
  for (const n of ['hello', 'slice', 'tuple', 'push', 'mustPush', 'date_modify', 'must_date_modify', 'trimall', 'toDecimal', 'osIsAbs', 'urlJoin', 'dig', 'typeIsLike', 'semverCompare']) t.true(names.includes(n), n);
  t.false(names.includes('required'));
  t.false(names.includes('fromJsonArray'));
});

test('regex: flags inside the pattern work as in Go; Go\'s \\s is ASCII; a catastrophic pattern takes linear time', (t) => {
  const call = (name: string, ...args: unknown[]) => sprigFuncs().get(name)!.fn(args as never);
  t.is(call('regexReplaceAll', 'a(?i)b', 'xaBx', 'Y'), 'xYx');
  t.is(call('regexReplaceAll', '(?i:a)b', 'Abab AB', 'Y'), 'YY AB');
  t.false(call('regexMatch', '\\s', '\u00a0'));
  // JavaScript's backtracking RegExp takes minutes on this; Go (and re2js) a few milliseconds.
  const start = Date.now();
  t.false(call('regexMatch', '^(a+)+$', 'a'.repeat(5000) + 'b'));
  t.true(Date.now() - start < 2000);
});
