import test from 'ava';
import { canonicalQuantity, isQuantity, parseQuantity, quantityEquals } from '../../src/k8s/quantity.js';

test('canonical forms observed in the golden corpus (spec h.1)', (t) => {
  const cases: Array<[string, string]> = [
    ['2000m', '2'], ['1024Mi', '1Gi'], ['4000m', '4'], ['1000m', '1'], ['0', '0'],
    ['100m', '100m'], ['128Mi', '128Mi'], ['500Mi', '500Mi'], ['2', '2'], ['1Gi', '1Gi'],
  ];
  for (const [input, want] of cases) t.is(canonicalQuantity(input), want, input);
});

test('decimal values use the largest SI exponent keeping an integral mantissa', (t) => {
  t.is(canonicalQuantity('1500m'), '1500m');
  t.is(canonicalQuantity('1.5'), '1500m');
  t.is(canonicalQuantity('0.5'), '500m');
  t.is(canonicalQuantity('1000'), '1k');
  t.is(canonicalQuantity('1500'), '1500');
  t.is(canonicalQuantity('2000000'), '2M');
  t.is(canonicalQuantity('0.1m'), '100u');
  t.is(canonicalQuantity('1000k'), '1M');
  t.is(canonicalQuantity('-2000m'), '-2');
});

test('binary values print with the largest binary suffix dividing exactly, else decimal', (t) => {
  t.is(canonicalQuantity('2048Ki'), '2Mi');
  t.is(canonicalQuantity('1536Mi'), '1536Mi');
  t.is(canonicalQuantity('1.5Gi'), '1536Mi');
  t.is(canonicalQuantity('0.5Ki'), '512');
  t.is(canonicalQuantity('1Ki'), '1Ki');
  t.is(canonicalQuantity('0Mi'), '0');
});

test('exponent forms stay exponent forms', (t) => {
  t.is(canonicalQuantity('1e3'), '1e3');
  t.is(canonicalQuantity('1e4'), '10e3');
  t.is(canonicalQuantity('1E3'), '1E3');
  t.is(canonicalQuantity('12e6'), '12e6');
});

test('values finer than a nano unit round up', (t) => {
  t.is(canonicalQuantity('0.1n'), '1n');
  t.is(canonicalQuantity('1.5n'), '2n');
});

test('numbers are read as their JSON text', (t) => {
  t.is(canonicalQuantity(2), '2');
  t.is(canonicalQuantity(0.5), '500m');
  t.is(canonicalQuantity(0), '0');
});

test('invalid quantities are rejected', (t) => {
  for (const bad of ['', 'abc', '1x', '1Mb', '--1', '1.2.3', ' 1', '1 ', '1e', '.5i', '1i', '-3.01e-', '0.1am']) {
    t.false(isQuantity(bad), JSON.stringify(bad));
  }
  for (const good of ['1', '+1', '-1', '1.', '.5', '1e-3', '1E+3', '100m', '1Ei']) t.true(isQuantity(good), good);
  t.throws(() => canonicalQuantity('abc'), { message: /invalid quantity "abc"/ });
});

test('parseQuantity exposes sign, digits and exponents', (t) => {
  // Only significant digits are kept; trailing zeros move into the exponent.
  t.like(parseQuantity('-1.50Mi'), { sign: -1, digits: 15n, exp10: -1, exp2: 20, format: 'BinarySI' });
  t.like(parseQuantity('001.2300k'), { digits: 123n, exp10: 1, format: 'DecimalSI' });
  t.like(parseQuantity('0.000'), { digits: 0n, exp10: 0 });
  t.like(parseQuantity('12k'), { sign: 1, digits: 12n, exp10: 3, exp2: 0, format: 'DecimalSI' });
  t.like(parseQuantity('5e-2'), { digits: 5n, exp10: -2, format: 'DecimalExponent' });
  t.is(parseQuantity('nope'), null);
});

test('quantityEquals compares amounts', (t) => {
  t.true(quantityEquals('1000m', '1'));
  t.true(quantityEquals('1Gi', '1024Mi'));
  t.true(quantityEquals('1k', '1e3'));
  t.true(quantityEquals(2, '2000m'));
  t.false(quantityEquals('1Gi', '1G'));
  t.false(quantityEquals('1', 'x'));
});
