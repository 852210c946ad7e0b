// update(): a changed document keeps comments, key order and quoting; its diff is only what changed.
/* eslint-disable @typescript-eslint/no-explicit-any */
import test from 'ava';
import { parseStream } from '../../src/yaml/index.js';
import type { Json } from '../../src/k8s/types.js';
import { DEPLOYMENT, STREAM, TORTURE } from './fixtures.js';
import { lineDiff } from './line-diff.js';

const clone = (value: Json): any => structuredClone(value);

test('adding to the torture document: the diff is exactly the added lines', (t) => {
  const stream = parseStream(TORTURE, 'torture.yaml');
  const value = clone(stream.docs[0].value);
  value.metadata.annotations['sidecar.istio.io/inject'] = 'true';
  value.data.added = 'plain';
  t.true(stream.docs[0].update(value));
  t.true(stream.docs[0].changed);
  const diff = lineDiff(TORTURE, stream.toString());
  t.deepEqual(diff.removed, []);
  t.deepEqual(diff.added, ['    sidecar.istio.io/inject: "true"', '  added: plain']);
});

test('changing one value rewrites only that line and keeps its inline comment', (t) => {
  const stream = parseStream(DEPLOYMENT, 'd.yaml');
  const value = clone(stream.docs[0].value);
  value.metadata.annotations.keep = '2';
  value.spec.template.spec.containers[0].image = 'nginx:1.11';
  stream.docs[0].update(value);
  const diff = lineDiff(DEPLOYMENT, stream.toString());
  t.deepEqual(diff.removed, ['    keep: "1"   # keep me', '        image: nginx:1.10']);
  t.deepEqual(diff.added, ['    keep: "2"   # keep me', '        image: nginx:1.11']);
});

test('injection-like change: a container appended, volumes and annotation added, nothing else moves', (t) => {
  const stream = parseStream(STREAM, 'stream.yaml');
  const value = clone(stream.docs[1].value);
  const pod = value.spec.template;
  pod.metadata.annotations = { 'sidecar.istio.io/status': '{"containers":["istio-proxy"]}' };
  pod.spec.containers.push({ name: 'istio-proxy', image: 'proxyv2:1.32', args: ['proxy', 'sidecar'], env: [{ name: 'ISTIO_META_ENABLED', value: 'on' }] });
  pod.spec.volumes = [{ name: 'istio-envoy', emptyDir: { medium: 'Memory' } }];
  stream.docs[1].update(value);
  const out = stream.toString();
  t.is(out.slice(0, out.indexOf('# second document')), STREAM.slice(0, STREAM.indexOf('# second document')));
  const diff = lineDiff(STREAM, out);
  t.deepEqual(diff.removed, []);
  t.deepEqual(diff.added, [
    '      annotations:',
    "        sidecar.istio.io/status: '{\"containers\":[\"istio-proxy\"]}'",
    '      - name: istio-proxy',
    '        image: proxyv2:1.32',
    '        args:',
    '        - proxy',
    '        - sidecar',
    '        env:',
    '        - name: ISTIO_META_ENABLED',
    '          value: "on"',
    '      volumes:',
    '      - name: istio-envoy',
    '        emptyDir:',
    '          medium: Memory',
  ]);
});

test('new strings that YAML 1.1 or 1.2 could mistype are double-quoted; others stay plain', (t) => {
  const stream = parseStream('a: 1\n', 'q.yaml');
  const words = ['yes', 'No', 'ON', 'off', 'y', 'true', 'FALSE', 'null', '~', '0755', '0x1F', '1.10', '.inf', '-.NaN', '2020-01-01', '1_000', '+1', '1:20', '1e3', '.5', '<<', ''];
  const value: Record<string, Json> = { a: 1 };
  words.forEach((w, i) => (value[`k${i}`] = w));
  value.plain = 'web-1';
  value.version = 'v1.10';
  value.multi = 'line1\nline2\n';
  value.long = 'x'.repeat(200) + ' ' + 'y'.repeat(200);
  stream.docs[0].update(value);
  const out = stream.toString();
  words.forEach((w, i) => {
    const expected = w === '<<' ? `k${i}: !!str "<<"\n` : `k${i}: "${w}"\n`;
    t.true(out.includes(expected), `${w} should be double-quoted:\n${out}`);
  });
  t.true(out.includes('plain: web-1\n'));
  t.true(out.includes('version: v1.10\n'));
  t.true(out.includes('multi: |\n  line1\n  line2\n'));
  t.true(out.includes(`long: ${'x'.repeat(200)} ${'y'.repeat(200)}\n`), 'long strings are not folded');
  t.deepEqual(parseStream(out, 'again.yaml').docs[0].value, value);
});

test('new keys that look like booleans are quoted too', (t) => {
  const stream = parseStream('a: 1\n', 'k.yaml');
  stream.docs[0].update({ a: 1, on: 'x', '2020-01-01': 'z' });
  t.is(stream.toString(), 'a: 1\n"on": x\n"2020-01-01": z\n');
});

test('maps keep key order, append new keys in order, and drop removed keys', (t) => {
  const text = 'b: 1 # b\na: 2\nc: 3\n';
  const stream = parseStream(text, 'o.yaml');
  t.true(stream.docs[0].update({ c: 3, b: 1, z: 9, w: 8 }));
  t.is(stream.toString(), 'b: 1 # b\nc: 3\nz: 9\nw: 8\n');
});

test('lists match maps by name and other items by value, keep their nodes and follow the new order', (t) => {
  const text = [
    'containers:',
    '- name: a # first',
    '  image: 0x1F',
    '- name: b',
    '  image: x',
    'args:',
    '- --one   # one',
    '- 0755',
    '- --three',
    '',
  ].join('\n');
  const stream = parseStream(text, 'l.yaml');
  const value = clone(stream.docs[0].value);
  value.containers.reverse();
  value.containers[0].image = 'z';
  value.args = ['--three', 755, '--four'];
  stream.docs[0].update(value);
  t.is(
    stream.toString(),
    ['containers:', '- name: b', '  image: z', '- name: a # first', '  image: 0x1F', 'args:', '- --three', '- 0755', '- --four', ''].join('\n'),
  );
});

test('duplicates in lists are kept as separate items', (t) => {
  const stream = parseStream('l:\n- a\n- a\n- b\n', 'd.yaml');
  stream.docs[0].update({ l: ['a', 'b', 'a', 'a'] });
  t.is(stream.toString(), 'l:\n- a\n- b\n- a\n- a\n');
});

test('anchors, aliases and merge keys stay when their values are untouched', (t) => {
  const text = 'base: &b\n  x: 1\nuse:\n  <<: *b\n  y: 2\nref: *b\nother: 1\n';
  const stream = parseStream(text, 'a.yaml');
  const value = clone(stream.docs[0].value);
  value.other = 2;
  value.use.y = 3;
  stream.docs[0].update(value);
  t.is(stream.toString(), 'base: &b\n  x: 1\nuse:\n  <<: *b\n  y: 3\nref: *b\nother: 2\n');
});

test('changing a value reached through an alias does not change the anchor or other aliases', (t) => {
  const text = 'base: &b\n  x: 1\nref: *b\nuse:\n  <<: *b\n';
  const stream = parseStream(text, 'a.yaml');
  const value = clone(stream.docs[0].value);
  value.ref.x = 2;
  value.use.x = 3;
  stream.docs[0].update(value);
  const again = parseStream(stream.toString(), 'again.yaml').docs[0].value;
  t.deepEqual(again, { base: { x: 1 }, ref: { x: 2 }, use: { x: 3 } });
  t.true(stream.toString().startsWith('base: &b\n  x: 1\n'));
});

test('changing the anchored value itself leaves aliases with their old value', (t) => {
  const text = 'base: &b\n  x: 1\nref: *b\n';
  const stream = parseStream(text, 'a.yaml');
  stream.docs[0].update({ base: { x: 5 }, ref: { x: 1 } });
  t.deepEqual(parseStream(stream.toString(), 'again.yaml').docs[0].value, { base: { x: 5 }, ref: { x: 1 } });
});

test('removing a key a merge provides writes the merge out', (t) => {
  const text = 'base: &b\n  x: 1\n  y: 2\nuse:\n  <<: *b\n  z: 3\n';
  const stream = parseStream(text, 'm.yaml');
  stream.docs[0].update({ base: { x: 1, y: 2 }, use: { x: 1, z: 3 } });
  t.deepEqual(parseStream(stream.toString(), 'again.yaml').docs[0].value, { base: { x: 1, y: 2 }, use: { x: 1, z: 3 } });
});

test('a big integer in a changed document keeps its digits; value is its nearest number', (t) => {
  const text = 'big: 12345678901234567890\nn: 1\n';
  const stream = parseStream(text, 'b.yaml');
  const value = clone(stream.docs[0].value);
  t.is(value.big, 12345678901234567890);
  value.n = 2;
  stream.docs[0].update(value);
  t.is(stream.toString(), 'big: 12345678901234567890\nn: 2\n');
});

test('update() returns whether anything changed and `value` reflects the update', (t) => {
  const stream = parseStream('a: 1\n', 'c.yaml');
  const doc = stream.docs[0];
  t.false(doc.update({ a: 1 }));
  t.false(doc.changed);
  t.true(doc.update({ a: 2 }));
  t.true(doc.changed);
  t.deepEqual(doc.value, { a: 2 });
  t.false(doc.update({ a: 2 }));
  t.true(doc.changed, 'changed stays true once the document differs from its input');
});

test('a literal block in a changed document keeps its exact text (keep-chomping too)', (t) => {
  const text = 'a: |\n  one\n     two\n\n  three\nb: |+\n  kept\n\nc: 1\n';
  const stream = parseStream(text, 'b.yaml');
  const value = clone(stream.docs[0].value);
  value.c = 2;
  stream.docs[0].update(value);
  const out = stream.toString();
  t.deepEqual(parseStream(out, 'again.yaml').docs[0].value, value);
  t.true(out.startsWith('a: |\n  one\n     two\n\n  three\n'), out);
});

test('an empty flow [] or {} that gets content becomes a block collection', (t) => {
  const stream = parseStream('spec:\n  volumes: []\n  nodeSelector: {}\n  tolerations: [a]\n', 'e.yaml');
  stream.docs[0].update({ spec: { volumes: [{ name: 'v' }], nodeSelector: { zone: 'a' }, tolerations: ['a', 'b'] } });
  t.is(stream.toString(), 'spec:\n  volumes:\n  - name: v\n  nodeSelector:\n    zone: a\n  tolerations: [a, b]\n');
});

test('runs of blank lines (with or without a comment after them) survive a change elsewhere', (t) => {
  const text = [
    'apiVersion: v1',
    '',
    '',
    '# section',
    'kind: Pod',
    '',
    '',
    '',
    'spec:',
    '  containers:',
    '  - name: a',
    '    image: b',
    '',
    '',
    '  # the second',
    '  - name: c',
    '    image: d',
    '',
  ].join('\n');
  const stream = parseStream(text, 'blank.yaml');
  const value = clone(stream.docs[0].value);
  value.spec.containers[1].image = 'e';
  stream.docs[0].update(value);
  t.is(stream.toString(), text.replace('image: d', 'image: e'));
});
