// Behaviour of the Go text/template engine that does not need the shared vectors: Go's semantics on
// JSON and typed data, argument conversion for declared function types, messages and their location,
// fmt, and the limits that stop hostile templates.
import test from 'ava';
import {
  FuncError,
  GoEnum,
  GoInt,
  GoMap,
  GoPtr,
  GoStruct,
  GoTemplateError,
  T,
  builtinFuncs,
  executeTemplate,
  formatValue,
  fromJSON,
  parseTemplate,
  sprint,
  sprintf,
  sprintln,
  type ExecLimits,
  type FuncDef,
  type GoValue,
  type StructDef,
} from '../../src/gotemplate/index.js';

const funcs = new Map<string, FuncDef>([
  ['double', { params: [T.int], fn: ([n]) => new GoInt('int', (n as GoInt).v * 2) }],
  ['fail', { params: [], fn: () => { throw new FuncError('boom'); } }],
  ['join', { params: [T.string, T.string], variadic: true, fn: ([sep, ...xs]) => xs.join(sep as string) }],
]);

function render(text: string, data: GoValue | object = {}, limits?: Partial<ExecLimits>): string {
  const d = data === null || typeof data !== 'object' || data instanceof GoMap || data instanceof GoStruct ? (data as GoValue) : fromJSON(data);
  return executeTemplate(parseTemplate('inject', text, funcs), d, limits);
}
function failure(text: string, data: object | GoValue = {}, limits?: Partial<ExecLimits>): GoTemplateError {
  const e = (() => {
    try {
      render(text, data, limits);
    } catch (err) {
      return err;
    }
    return undefined;
  })();
  if (!(e instanceof GoTemplateError)) throw new Error(`expected a GoTemplateError for ${text}, got ${String(e)}`);
  return e;
}

test('JSON data: numbers are float64, missing keys are <no value>, null prints <no value> as an action', (t) => {
  t.is(render('{{.n}} {{.f}} {{.missing}} {{.nul}} {{printf "%v" .nul}}', { n: 1000000, f: 1.5, nul: null }), '1e+06 1.5 <no value> <no value> <nil>');
  t.is(render('{{range $k, $v := .}}{{$k}}={{$v}};{{end}}', { b: 2, a: 1, é: 3 }), 'a=1;b=2;é=3;');
  t.is(render('{{if .missing}}yes{{else}}no{{end}}{{with .nul}}x{{else}}none{{end}}', { nul: null }), 'nonone');
});

test('keys that are Object.prototype names are plain data', (t) => {
  const data = JSON.parse('{"__proto__": "p", "constructor": "c", "toString": "t"}') as object;
  t.is(render('{{.__proto__}} {{.constructor}} {{index . "toString"}} {{.hasOwnProperty}}', data), 'p c t <no value>');
});

test('typed values: map[string]string index gives "", ints compare with constants, enums print names', (t) => {
  const enumDef = { name: 'v1alpha1.Mode', names: new Map([[0, 'REDIRECT'], [1, 'TPROXY']]), values: new Map([['REDIRECT', 0], ['TPROXY', 1]]) };
  const data = GoMap.of(T.interface, [
    ['labels', GoMap.of(T.string, [['app', 'x']])],
    ['uid', new GoInt('int', 1337)],
    ['mode', new GoEnum(enumDef, 1)],
  ]);
  t.is(render('[{{index .labels "nope"}}] [{{.labels.nope}}] {{.labels}}', data), '[] [<no value>] map[app:x]');
  t.is(render('{{ge .uid 1000}} {{.uid}} {{printf "%d" .uid}}', data), 'true 1337 1337');
  t.is(render('{{.mode}} {{.mode.String}} {{eq .mode 1}} {{printf "%d" .mode}}', data), 'TPROXY TPROXY true 1');
  t.regex(failure('{{eq .n 3}}', { n: 3 }).message, /error calling eq: incompatible types for comparison$/);
});

test('methods of struct types are callable on nil pointers (proto getters)', (t) => {
  const def: StructDef = {
    name: 'v1alpha1.Tracing',
    fields: new Map([['Sampling', { type: T.float64 }]]),
    methods: new Map([['GetSampling', { params: [], result: T.float64, call: (r) => (r instanceof GoStruct ? r.field('Sampling') : 0) }]]),
  };
  const data = GoMap.of(T.interface, [
    ['set', new GoPtr(T.struct(def), new GoStruct(def, { Sampling: 2.5 }))],
    ['unset', new GoPtr(T.struct(def), null)],
  ]);
  t.is(render('{{.set.GetSampling}} {{.unset.GetSampling}} {{.set.Sampling}}', data), '2.5 0 2.5');
  // In a map[string]interface{} the receiver's static type is interface {}; in a typed field it is *T.
  t.is(failure('{{.unset.Sampling}}', data as unknown as object).message.replace(/^.*: /, ''), 'nil pointer evaluating interface {}.Sampling');
  const rootDef: StructDef = { name: 'inject.Data', fields: new Map([['Tracing', { type: T.ptr(T.struct(def)) }]]) };
  const root = new GoStruct(rootDef, {});
  t.is(render('{{.Tracing.GetSampling}}', root), '0');
  t.is(failure('{{.Tracing.Sampling}}', root as unknown as object).message.replace(/^.*: /, ''), 'nil pointer evaluating *v1alpha1.Tracing.Sampling');
});

test('declared parameter types: constants convert, data values must match, errors are wrapped as Go does', (t) => {
  t.is(render('{{double 21}} {{join "-" "a" "b"}} {{join ","}}'), '42 a-b ');
  t.is(failure('{{double .n}}', { n: 2 }).message, 'template: inject:1:9: executing "inject" at <.n>: wrong type for value; expected int; got float64');
  t.is(failure('{{double 1.5}}').message, 'template: inject:1:9: executing "inject" at <1.5>: expected integer; found 1.5');
  t.is(failure('{{double .missing}}').message, 'template: inject:1:9: executing "inject" at <.missing>: invalid value; expected int');
  t.is(failure('{{fail}}').message, 'template: inject:1:2: executing "inject" at <fail>: error calling fail: boom');
  t.is(failure('{{double}}').message, 'template: inject:1:2: executing "inject" at <double>: wrong number of args for double: want 1 got 0');
});

test('and/or short-circuit and return an operand; pipelines pass the final argument', (t) => {
  t.is(render('{{or 0 "" .x}}|{{and 1 0 (index .l 99)}}|{{or .a (index .l 99)}}', { x: 'x', a: 'A', l: [] }), 'x|0|A');
  t.is(render('{{"abc" | printf "%s-%s" "x"}} {{3 | double}}'), 'x-abc 6');
});

test('range: sorted map keys, break and continue, else on empty, variables scoped to the body', (t) => {
  t.is(render('{{range $i, $e := .l}}{{if eq $i 1}}{{continue}}{{end}}{{if eq $i 3}}{{break}}{{end}}{{$i}}:{{$e}} {{end}}', { l: ['a', 'b', 'c', 'd', 'e'] }), '0:a 2:c ');
  t.is(render('{{range .l}}x{{else}}empty{{end}}{{range .nope}}x{{else}}none{{end}}', { l: [] }), 'emptynone');
  t.is(render('{{$x := 1}}{{range .l}}{{$x = .}}{{end}}{{$x}}', { l: [2, 3] }), '3');
  t.is(failure('{{range .n}}{{end}}', { n: 3 }).message, 'template: inject:1:8: executing "inject" at <.n>: range can\'t iterate over 3');
});

test('define, template and block; templates do not see the caller\'s variables', (t) => {
  t.is(render('{{define "t"}}[{{.}}]{{end}}{{template "t" .s}}{{block "b" .n}}<{{.}}>{{end}}', { s: 'x', n: 2 }), '[x]<2>');
  t.is(failure('{{define "t"}}{{$x}}{{end}}{{$x := 1}}{{template "t"}}').message, 'template: inject:1: undefined variable "$x"');
  t.is(failure('{{template "nope"}}').message, 'template: inject:1:11: executing "inject" at <{{template "nope"}}>: template "nope" not defined');
});

test('parse errors carry Go\'s message and line', (t) => {
  const e = failure('line1\nline2\n{{ if }}');
  t.is(e.message, 'template: inject:3: missing value for if');
  t.is(e.line, 3);
  t.is(failure('{{ nosuch 1 }}').message, 'template: inject:1: function "nosuch" not defined');
  t.is(failure('{{if .x}}a{{else}}b{{else}}c{{end}}').message, 'template: inject:1: expected end; found {{else}}');
  t.is(failure('line1\n{{"x"\n"y"\n').message, 'template: inject:4: unclosed action started at inject:2');
});

test('execution errors locate the node by line and byte column (UTF-8)', (t) => {
  const e = failure('é\nab {{ index .l 9 }}', { l: [1] });
  t.is(e.message, 'template: inject:2:6: executing "inject" at <index .l 9>: error calling index: index out of range: 9');
  t.is(e.line, 2);
  t.is(e.column, 6);
  // Go places a field chain at its second field (`.x`, byte 10), not at `.s`.
  t.is(failure('ééé{{.s.x}}', { s: 'str' }).message, 'template: inject:1:10: executing "inject" at <.s.x>: can\'t evaluate field x in type interface {}');
});

test('trim markers and comments', (t) => {
  t.is(render('a  {{- 1 -}}  b {{- /* c */ -}} c\n{{/* x */}}d'), 'a1bc\nd');
  t.is(failure('{{-/* x */}}').message, 'template: inject:1: illegal number syntax: "-"');
});

test('fmt: Sprint spacing, Sprintln, %v of values, bad verbs, missing and extra operands', (t) => {
  t.is(sprint([1, 2, 'a', 3, 'b', 'c', 4.5, null]), '1 2a3bc4.5 <nil>');
  t.is(sprintln([new GoInt('int', 1), 'a', null]), '1 a <nil>\n');
  t.is(formatValue(fromJSON({ b: [1, 'x'], a: null, c: { d: 1e21 } })), 'map[a:<nil> b:[1 x] c:map[d:1e+21]]');
  t.is(sprintf('%d|%5.2f|%-4s|%05d|%x|%q|%t|%e', [3, 3.14159, 'ab', new GoInt('int', -42), 'hi', 'q"', true, 1234.5678]), '%!d(float64=3)| 3.14|ab  |-0042|6869|"q\\""|true|1.234568e+03');
  t.is(sprintf('%d %s', [new GoInt('int', 1)]), '1 %!s(MISSING)');
  t.is(sprintf('%d', [new GoInt('int', 1), 'x']), '1%!(EXTRA string=x)');
  t.is(sprintf('%*d|%.*f|%%', [new GoInt('int', 4), new GoInt('int', 7), new GoInt('int', 1), 2.25]), '   7|2.2|%');
  t.is(sprintf('%.0f %.0f %g %g %v', [0.5, 1.5, 1e-5, 100000, 123456789]), '0 2 1e-05 100000 1.23456789e+08');
});

test('builtins follow Go 1.19: len/index/slice on bytes, html/js/urlquery escaping, comparisons', (t) => {
  t.is(render('{{len .s}} {{index .s 1}} {{slice .s 0 2}} {{slice .l 1}}', { s: 'héllo', l: [1, 2, 3] }), '6 195 h\ufffd [2 3]');
  t.is(render('{{html "<a href=\'x\'>&"}} {{js "a\'b<"}} {{urlquery "a b&é"}}'), '&lt;a href=&#39;x&#39;&gt;&amp; a\\\'b\\u003C a+b%26%C3%A9');
  t.is(render('{{lt "a" "b"}} {{eq 1 2 1}} {{ne "a" "a"}} {{le 2 2}} {{gt 1.5 0.5}}'), 'true true false true true');
  t.is(builtinFuncs().has('printf'), true);
});

test('limits: self-recursive templates fail fast with a depth error', (t) => {
  const start = Date.now();
  const e = failure('{{define "a"}}{{template "a"}}{{end}}{{template "a"}}');
  t.true(Date.now() - start < 2000);
  t.regex(e.message, /exceeded maximum template depth \(1000\)$/);
});

test('limits: output that would reach 1 GB stops within a second at the output limit', (t) => {
  const l = Array.from({ length: 1000 }, (_, i) => i);
  const start = Date.now();
  const e = failure(`{{range .l}}{{range $.l}}{{range $.l}}${'x'.repeat(1000)}{{end}}{{end}}{{end}}`, { l });
  t.true(Date.now() - start < 1000, `took ${Date.now() - start} ms`);
  t.regex(e.message, /output exceeds the limit of 67108864 bytes$/);
  t.regex(failure('{{range .l}}{{.}}{{end}}', { l }, { maxOutputBytes: 100 }).message, /output exceeds the limit of 100 bytes$/);
});

test('limits: range iterations and the time budget', (t) => {
  const l = Array.from({ length: 100 }, (_, i) => i);
  t.regex(failure('{{range .l}}{{range $.l}}{{end}}{{end}}', { l }, { maxRangeIterations: 1000 }).message, /range iterations exceed the limit of 1000$/);
  const big = Array.from({ length: 1000 }, (_, i) => i);
  const start = Date.now();
  const e = failure('{{range .l}}{{range $.l}}{{range $.l}}{{end}}{{end}}{{end}}', { l: big }, { maxRangeIterations: 1e12, timeBudgetMs: 100 });
  t.true(Date.now() - start < 1000);
  t.regex(e.message, /exceeded the time budget of 100 ms$/);
});

test('deep nesting is an error, not a crash', (t) => {
  const e = failure('{{' + '('.repeat(50000) + '1' + ')'.repeat(50000) + '}}');
  t.regex(e.message, /nests too deeply/);
});
