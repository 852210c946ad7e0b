// spf13/cast conversions (base prefixes, underscores, zero fractions, range errors), int64 and decimal arithmetic, seq/until, round.
// Expected values: real Go 1.19 + Sprig 3.2.3 (the oracle), for the same templates.
import test from 'ava';
import { checkCases, type OracleCase } from './oracle-cases.js';

const CASES: OracleCase[] = [
  { template: "{{ int \"0x1F\" }} {{ int \"0b101\" }} {{ int \"0o17\" }} {{ int \"017\" }} {{ int \"1_000\" }} {{ int \"_1\" }} {{ int \"4.000\" }} {{ int \"4.5\" }} {{ int \" 4\" }} {{ int \"+4\" }} {{ int \"-0x10\" }}", output: "31 5 15 15 1000 0 4 0 0 4 -16" },
  { template: "{{ float64 \"1e400\" }} {{ float64 \"inf\" }} {{ float64 \"0x1p-2\" }} {{ float64 \"1_0.5\" }} {{ float64 \".5\" }} {{ float64 \"5.\" }}", output: "0 +Inf 0.25 10.5 0.5 5" },
  { template: "{{ toDecimal \"0777\" }} {{ toDecimal 777 }} {{ toDecimal \"8\" }} {{ atoi \"+12\" }} {{ atoi \" 1\" }}", output: "511 511 0 12 0" },
  { template: "{{ add1 \"x\" }} {{ add 1.9 1.9 }} {{ mul 3 .f }} {{ sub .n .f }} {{ div -7 2 }} {{ mod -7 2 }} {{ max -1 }}", data: {"n": 42, "f": 3.75}, output: "1 2 9 39 -3 -1 -1" },
  { template: "{{ addf 0.1 0.2 }} {{ subf 0.3 0.1 }} {{ divf 1 3 }} {{ divf 2 3 }} {{ mulf 0.1 3 }} {{ divf -2 3 }} {{ divf 1e20 3 }} {{ addf 1e-10 1 }} {{ maxf -0.0 0 }}", output: "0.3 0.2 0.3333333333333333 0.6666666666666667 0.3 -0.6666666666666667 3.333333333333333e+19 1.0000000001 0" },
  { template: "{{ round 2.345 2 }} {{ round -2.5 0 }} {{ round 1.15 1 }} {{ round 3.7 0 0.8 }} {{ ceil \"1.2\" }} {{ floor -1.5 }}", output: "2.35 -3 1.2 3 2 -2" },
  // int64 overflow (a float past 2^63 converts to -2^63 on amd64): printed with every digit, in text and JSON.
  { template: "{{ add .n 0 }} {{ printf \"%d %x\" (add .n 0) (int64 .n) }} {{ toJson (add .n 0) }} {{ mul 4611686018427387904 2 }} {{ list (int .n) }}", data: {"n": 1e21}, output: "-9223372036854775808 -9223372036854775808 -8000000000000000 -9223372036854775808 -9223372036854775808 [-9223372036854775808]" },
  { template: "{{ seq 1 -2 -5 }} {{ seq 5 1 }} {{ seq 1 0 3 }} {{ until 0 }} {{ untilStep 1 10 3 }}", output: "1 -1 -3 -5 5 4 3 2 1  [] [1 4 7]" },
];

test('cast-math: Go and Sprig print these', (t) => checkCases(t, CASES));
