import test from 'ava';
import { normalizeElementOrder } from '../../src/patch/element-order.js';

const id = (s: string) => s.replace(/'$/, '');

test('patch items follow the patch order; server-only items keep their place when they came first', (t) => {
  // original A B C D, patch D' B' X': A and C sit before D' in the original, so they go first
  t.deepEqual(normalizeElementOrder(["B'", "D'", "X'"], ['A', 'C'], ['D', 'B', 'X'], ['A', 'B', 'C', 'D'], id), ['A', 'C', "D'", "B'", "X'"]);
  // a new element (no original position) is taken before any remaining server-only element
  t.deepEqual(normalizeElementOrder(["N'"], ['A', 'B'], ['N'], ['A', 'B'], id), ["N'", 'A', 'B']);
  t.deepEqual(normalizeElementOrder([], ['A', 'B'], [], ['A', 'B'], id), ['A', 'B']);
  t.deepEqual(normalizeElementOrder(["A'"], [], ['A'], [], id), ["A'"]);
});
