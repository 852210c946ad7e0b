import test from 'ava';
import { keepOriginalWhitespace, normalise } from '../../src/yaml/keep-original-whitespace.js';
import { parseStream } from '../../src/yaml/index.js';

test('insignificant whitespace is normalised; content whitespace is not', (t) => {
  t.is(normalise('command: ["a",  "b" ]'), normalise('command: ["a", "b"]'));
  t.is(normalise('key:   value  '), 'key: value');
  t.is(normalise('  - {a: 1,  b: 2}'), normalise('  - { a: 1, b: 2 }'));
  t.not(normalise('msg: "a  b"'), normalise('msg: "a b"'), 'quoted blanks are content');
  t.not(normalise('cmd: echo a,  b'), normalise('cmd: echo a, b'), 'a plain scalar outside a flow collection keeps its blanks');
  t.not(normalise('    a: 1'), normalise('  a: 1'), 'indentation is structure');
});

test('printed lines equal to original ones up to insignificant whitespace get their original bytes back', (t) => {
  const original = 'spec:\n  matchLabels: \n    app: x\n  command: ["a",  "b"]\n';
  const printed = 'spec:\n  matchLabels:\n    app: x\n  new: 1\n  command: ["a", "b"]\n';
  t.is(keepOriginalWhitespace(original, printed), 'spec:\n  matchLabels: \n    app: x\n  new: 1\n  command: ["a",  "b"]\n');
  t.is(keepOriginalWhitespace(original, original), original);
});

test('an edited document keeps the odd spacing of the lines the edit did not touch', (t) => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  labels: \n    app: x\nspec:\n  containers:\n  - name: a\n    command: ["run",  "--fast"]\n';
  const stream = parseStream(text, 'pod.yaml');
  const doc = stream.docs[0]!;
  const value = doc.value as any;
  doc.update({ ...value, metadata: { labels: { app: 'x', added: 'y' } } });
  const out = stream.toString();
  t.true(out.includes('  labels: \n'), out);
  t.true(out.includes('command: ["run",  "--fast"]'), out);
  t.true(out.includes('added: "y"'), out);
});
