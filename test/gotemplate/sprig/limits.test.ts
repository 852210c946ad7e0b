// A template is data (a ConfigMap in the input): functions that build values from numbers in it (seq,
// until, repeat, indent, concat) and loops that keep doubling a value get an error, not a process that
// runs out of memory. Before these limits `seq 2147483647` ended node with a fatal "invalid size" error.
import test from 'ava';
import { executeTemplate, fromJSON, mergeFuncMaps, parseTemplate, builtinFuncs, type ExecLimits } from '../../../src/gotemplate/index.js';
import { MAX_RESULT_SIZE } from '../../../src/gotemplate/func-def.js';
import { sprigFuncs } from '../../../src/gotemplate/sprig/index.js';
import { istioFuncs } from '../../../src/render/go/istio-funcs.js';

const funcs = mergeFuncMaps(builtinFuncs(), sprigFuncs(), istioFuncs({ env: new Map() }));
const render = (text: string, data: unknown = {}, limits?: Partial<ExecLimits>) => executeTemplate(parseTemplate('inject', text, funcs), fromJSON(data), limits);

const tooBig = (call: string, size: number) =>
  new RegExp(`at <${call.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&')}>: error calling \\w+: the result would hold ${size} items or characters, more than the limit of ${MAX_RESULT_SIZE}$`);

test('one call may not build a value past the result limit', (t) => {
  for (const [template, call, size] of [
    ['{{ seq 2147483647 }}', 'seq 2147483647', 2147483647],
    ['{{ until 2147483647 }}', 'until 2147483647', 2147483647],
    ['{{ untilStep 0 2147483647 3 }}', 'untilStep 0 2147483647 3', 715827883],
    ['{{ repeat 100000000 "ab" }}', 'repeat 100000000 "ab"', 200000000],
    ['{{ indent 100000000 "a\\nb" }}', 'indent 100000000 "a\\nb"', 200000003],
    ['{{ nindent 10000000 "a\\nb\\nc" }}', 'nindent 10000000 "a\\nb\\nc"', 30000005],
  ] as const) {
    t.throws(() => render(template), { message: tooBig(call, size) }, template);
  }
  // Below the limit they work as before (and as in Go).
  t.is(render('{{ until 5 | len }} {{ repeat 3 "ab" }} {{ untilStep 10 0 -4 }}'), '5 ababab [10 6 2]');
});

test('a loop that keeps doubling a value stops at the limit of what calls may create together', (t) => {
  t.throws(() => render('{{ $s := "ab" }}{{ range until 40 }}{{ $s = cat $s $s }}{{ end }}'), {
    message: /at <cat \$s \$s>: values returned by functions exceed the limit of 67108864 items or characters$/,
  });
  t.throws(() => render('{{ $l := list 1 }}{{ range until 40 }}{{ $l = concat $l $l }}{{ end }}'), { message: tooBig('concat $l $l', 1 << 25) });
  t.throws(() => render('{{ range until 5 }}{{ repeat 10 "a" }}{{ end }}', {}, { maxCreatedSize: 40 }), {
    message: /values returned by functions exceed the limit of 40 items or characters$/,
  });
  t.is(render('{{ range until 4 }}{{ repeat 10 "a" | len }}{{ end }}', {}, { maxCreatedSize: 50 }), '10101010');
});

test('concat of long lists works (no spread of a long list into call arguments)', (t) => {
  t.is(render('{{ concat (until 200000) (list 1 2) | len }}'), '200002');
});

test('inputs that made JavaScript regular expressions backtrack take linear time now', (t) => {
  const cases: Array<[string, unknown, string]> = [
    // semverCompare's constraint grammar: exponential in JavaScript's RegExp (10 repetitions took 1.5 s).
    ['{{ semverCompare .c "1.0.0" }}', { c: '1   '.repeat(2000) + '!' }, 'improper constraint'],
    // trim: a quadratic `[\s]+$` retried at every space of a long inner run (100,000 spaces took 7 s).
    ['{{ trim .s | len }}', { s: 'x' + ' '.repeat(1_000_000) + 'y' }, '1000002'],
    // base: the same with slashes.
    ['{{ base .s | len }}', { s: 'a' + '/'.repeat(1_000_000) + 'b' }, '1'],
    // Sprig's duration parsing (durationRound) of a long digit run without a unit.
    ['{{ durationRound .s }}', { s: '1'.repeat(1_000_000) + 'x' }, '0s'],
  ];
  for (const [template, data, want] of cases) {
    const start = Date.now();
    let got: string;
    try {
      got = render(template, data);
    } catch (e) {
      got = (e as Error).message;
    }
    t.true(got.includes(want), `${template}: ${got.slice(0, 200)}`);
    t.true(Date.now() - start < 2000, `${template} took ${Date.now() - start} ms`);
  }
});
