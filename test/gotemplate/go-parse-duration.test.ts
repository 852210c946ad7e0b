// Go's time.ParseDuration, as Istio's formatDuration helper shows it: every expected value is what real Go
// printed for {{ formatDuration .s }} (the gotmpl oracle), errors with Go's own words.
import test from 'ava';
import { GoDurationError, goParseDuration } from '../../src/gotemplate/go-parse-duration.js';
import { render } from '../render/go/run.js';

const CASES: Array<[string, string | { error: string }]> = [
  ["1.5h", "1h30m0s"],
  ["0.3333333333h", "19m59.99999988s"],
  ["1e3s", { error: "time: unknown unit \"e\" in duration \"1e3s\"" }],
  [".5s", "500ms"],
  ["5.s", "5s"],
  ["-0", "0s"],
  ["+0", "0s"],
  ["0", "0s"],
  ["", { error: "time: invalid duration \"\"" }],
  ["1", { error: "time: missing unit in duration \"1\"" }],
  ["1hx", { error: "time: unknown unit \"hx\" in duration \"1hx\"" }],
  ["1h2x", { error: "time: unknown unit \"x\" in duration \"1h2x\"" }],
  ["9223372036854775807ns", "2562047h47m16.854775807s"],
  ["9223372036854775808ns", { error: "time: invalid duration \"9223372036854775808ns\"" }],
  ["-9223372036854775808ns", "-2562047h47m16.854775808s"],
  ["-9223372036854775809ns", { error: "time: invalid duration \"-9223372036854775809ns\"" }],
  ["2562047h47m16.854775807s", "2562047h47m16.854775807s"],
  ["2562047h47m16.854775808s", { error: "time: invalid duration \"2562047h47m16.854775808s\"" }],
  ["1.00000000000000000000000001s", "1s"],
  ["1µs1μs2us", "4µs"],
  ["3m.5s", "3m0.5s"],
  ["..5s", { error: "time: invalid duration \"..5s\"" }],
  ["1..5s", { error: "time: missing unit in duration \"1..5s\"" }],
  ["-.s", { error: "time: invalid duration \"-.s\"" }],
  [".s", { error: "time: invalid duration \".s\"" }],
  ["1.2.3s", { error: "time: missing unit in duration \"1.2.3s\"" }],
  ["1h-2m", { error: "time: unknown unit \"h-\" in duration \"1h-2m\"" }],
  ["10000000000000000000h", { error: "time: invalid duration \"10000000000000000000h\"" }],
  ["0.000000001ns", "0s"],
  ["1.9999999999999999999ns", "2ns"],
  ["123456789.123456789s", "34293h33m9.123456789s"],
  ["0.1h0.1m0.1s", "6m6.1s"],
  ["1H", { error: "time: unknown unit \"H\" in duration \"1H\"" }],
  ["1 s", { error: "time: unknown unit \" s\" in duration \"1 s\"" }],
  [" 1s", { error: "time: invalid duration \" 1s\"" }],
  ["1s ", { error: "time: unknown unit \"s \" in duration \"1s \"" }],
  ["1sec", { error: "time: unknown unit \"sec\" in duration \"1sec\"" }],
  ["100000000000000000000ns", { error: "time: invalid duration \"100000000000000000000ns\"" }],
  ["5m0.5s", "5m0.5s"],
  ["2562048h", { error: "time: invalid duration \"2562048h\"" }],
  ["-2562047h47m16.854775808s", "-2562047h47m16.854775808s"],
  ["1.15h", "1h9m0s"],
  ["7.0000001h", "7h0m0.00036s"],
  ["0.7h", "42m0s"],
  ["13.37m", "13m22.2s"],
];

for (const [text, want] of CASES) {
  test(`ParseDuration ${JSON.stringify(text)}`, (t) => {
    if (typeof want === 'string') {
      t.is(render('{{ formatDuration .s }}', { s: text }), want);
    } else {
      const err = t.throws(() => goParseDuration(text), { instanceOf: GoDurationError });
      t.is(err!.message, want.error);
      t.throws(() => render('{{ formatDuration .s }}', { s: text }), { message: new RegExp(`error calling formatDuration: formatDuration: ${want.error.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&')}$`) });
    }
  });
}
