// Hostile quantities (issue 9, finding 4): exponents and digit counts that would make exact
// arithmetic allocate or loop in proportion to the exponent. Results follow Kubernetes'
// resource.Quantity: values finer than 1n round up to 1n, exponents are int64 text read as int32.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { canonicalQuantity, isQuantity, MAX_QUANTITY_DIGITS, quantityEquals, quantityProblem } from '../../src/k8s/quantity.js';

const QUANTITY_MODULE = new URL('../../src/k8s/quantity.js', import.meta.url).href;

test('values finer than 1n round up to 1n whatever the exponent', (t) => {
  t.is(canonicalQuantity('1e-100000000'), '1e-9');
  t.is(canonicalQuantity('1e-2000000000'), '1e-9');
  t.is(canonicalQuantity('-7e-2000000000'), '-1e-9');
  t.is(canonicalQuantity('1.5e-9'), '2e-9');
  t.is(canonicalQuantity(`0.${'0'.repeat(100_000)}1`), '1n');
  t.is(canonicalQuantity(`0.${'0'.repeat(100_000)}1Ki`), '1n');
  t.is(canonicalQuantity('123456e-12'), '124e-9');
});

test('large exponents and trailing zeros are counted, not multiplied out', (t) => {
  t.is(canonicalQuantity('1e2000000000'), '100e1999999998');
  t.is(canonicalQuantity('1e2000000001'), '1e2000000001');
  // DecimalSI beyond E has no suffix: Go prints the exponent, a multiple of three.
  t.is(canonicalQuantity(`1${'0'.repeat(1_000_000)}`), '10e999999');
  t.is(canonicalQuantity(`1${'0'.repeat(1_000_001)}m`), '100e999996');
  t.is(canonicalQuantity(`1${'0'.repeat(100_000)}Ki`), canonicalQuantity('9223372036854775807'));
  t.true(quantityEquals('1e2000000000', `1e+0000000002000000000`));
  t.false(quantityEquals('1e2000000000', '1'));
  t.false(quantityEquals('1e-2000000000', '0'));
  t.true(quantityEquals('1e-2000000000', '1n'));
});

test('binary values above 2^63-1 are capped, fractional ones too', (t) => {
  const max = canonicalQuantity('9223372036854775807');
  t.is(canonicalQuantity('8Ei'), max);
  t.is(canonicalQuantity('9999999999999999999.5Ki'), max);
  t.is(canonicalQuantity('-9999999999999999999.5Ki'), `-${max}`);
});

test('the exponent is Go int64 text converted to int32', (t) => {
  // strconv.ParseInt fails beyond int64: the quantity is invalid.
  t.false(isQuantity('1e9223372036854775808'));
  t.false(isQuantity(`1e${'9'.repeat(100_000)}`));
  t.true(isQuantity('1e9223372036854775807'));
  t.true(isQuantity(`1e${'0'.repeat(100_000)}3`));
  // int32(2^32) is 0: Go keeps the text as written, and the amount is 1.
  t.is(canonicalQuantity('1e4294967296'), '1e4294967296');
  t.true(quantityEquals('1e4294967296', '1'));
  t.true(quantityEquals('1e4294967299', '1k'));
});

test('significant digits are bounded with a clear reason', (t) => {
  const many = '7'.repeat(MAX_QUANTITY_DIGITS + 1);
  t.false(isQuantity(many));
  t.is(quantityProblem(many), `quantities may have at most ${MAX_QUANTITY_DIGITS} significant digits`);
  t.throws(() => canonicalQuantity(`${many}Mi`), { message: /^invalid quantity "7{64}\.\.\.": quantities may have at most 1000 significant digits$/ });
  // Zeros around the digits do not count.
  t.true(isQuantity(`000${'7'.repeat(MAX_QUANTITY_DIGITS)}${'0'.repeat(5000)}`));
  t.is(quantityProblem('1x'), "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
});

test('hostile quantities run in a 32 MB heap (the old arithmetic needed 838 MB for one)', (t) => {
  // Memory, not time, is the observable here: exact arithmetic with 10^300000000 cannot fit.
  // Built in the child: a megabyte does not fit in one command-line argument.
  const inputs = "['1e-300000000', '-1e-2000000000', `0.${'0'.repeat(1_000_000)}1`, `1${'0'.repeat(1_000_000)}`, '1e2000000000', `0.${'0'.repeat(100_000)}1Mi`]";
  const script = `const q = await import(${JSON.stringify(QUANTITY_MODULE)});
    const inputs = ${inputs};
    console.log(JSON.stringify(inputs.map((s) => [q.canonicalQuantity(s), q.quantityEquals(s, s + '0'), q.isQuantity(s)])));`;
  const r = spawnSync(process.execPath, ['--max-old-space-size=32', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 120_000 });
  t.is(r.status, 0, String(r.stderr ?? r.error).slice(0, 2000));
  t.deepEqual(JSON.parse(r.stdout), [
    ['1e-9', false, true], ['-1e-9', false, true], ['1n', true, true], ['10e999999', false, true], ['100e1999999998', false, true], ['1n', false, true],
  ]);
});
