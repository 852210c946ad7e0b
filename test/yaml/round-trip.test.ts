// Untouched documents and items come out byte-for-byte, whatever YAML features they use.
// CRLF decision: untouched bytes are never touched, so CRLF input stays CRLF; a re-rendered document or
// item uses CRLF when the input's first line break is CRLF (mixed line endings are kept only where untouched).
import test from 'ava';
import { parseStream, parseResourceList } from '../../src/yaml/index.js';
import { DEPLOYMENT, RESOURCE_LIST, STREAM, TORTURE } from './fixtures.js';

test('an untouched stream is byte-identical (comments, separators, trailing comment, document end)', (t) => {
  const stream = parseStream(STREAM, 'stream.yaml');
  t.is(stream.docs.length, 2);
  t.is(stream.toString(), STREAM);
});

test('update() with an equal value changes nothing and keeps every byte', (t) => {
  const stream = parseStream(STREAM, 'stream.yaml');
  for (const doc of stream.docs) {
    t.false(doc.update(structuredClone(doc.value)));
    t.false(doc.changed);
  }
  t.is(stream.toString(), STREAM);
});

test('the JSON view types scalars as the YAML 1.2 core schema does', (t) => {
  const [doc] = parseStream(TORTURE, 'torture.yaml').docs;
  const data = (doc.value as { data: Record<string, unknown> }).data;
  t.is(data.oct, 755);
  t.is(data.hex, 31);
  t.is(data.big, 12345678901234567890);
  t.is(data.ver, 1.1);
  t.is(data.date, '2020-01-01');
  t.is(data.yes_, 'yes');
  t.is(data.on_, 'on');
  t.is(data.tilde, null);
  t.is(data.nothing, null);
  t.is(data.plus, 1);
  t.is(data.dot5, 0.5);
  t.is(data.exp, 1000);
  t.is(data.under, '1_000');
  t.is(data.inf, Infinity);
  t.is(data.folded, 'this is folded text, over lines\n');
  t.is(data.literal, 'line one\n  indented\n\nline four\n');
  t.is(data['multi plain'], 'first second');
  t.deepEqual(data.derived, { a: 1, b: 'two', c: 3 });
  t.deepEqual(data.ref, { a: 1, b: 'two' });
  t.deepEqual(data.list, ['x', { y: 1 }, ['nested']]);
  const meta = (doc.value as { metadata: { annotations: Record<string, string> } }).metadata;
  t.is(meta.annotations['double.key'], 'double A');
});

test('a stream without a final newline, with a leading --- and a comment-only document, is kept', (t) => {
  const text = '---\n# only a comment\n---\na: 1\n---\nb: [1,  2]';
  const stream = parseStream(text, 'x.yaml');
  t.is(stream.toString(), text);
  stream.docs[stream.docs.length - 1].update({ b: [1, 2, 3] });
  t.is(stream.toString(), '---\n# only a comment\n---\na: 1\n---\nb: [1, 2, 3]');
});

test('content given to an empty document goes after its separator and comments', (t) => {
  const stream = parseStream('---\n# only a comment\n---\na: 1\n---', 'e.yaml');
  stream.docs[0].update({ x: 1 });
  stream.docs[2].update({ z: 'on' });
  t.is(stream.toString(), '---\n# only a comment\nx: 1\n---\na: 1\n---\nz: "on"\n');
});

test('CRLF input: untouched bytes stay CRLF and a changed document is written with CRLF too', (t) => {
  const text = STREAM.replace(/\n/g, '\r\n');
  const stream = parseStream(text, 'crlf.yaml');
  t.is(stream.toString(), text);
  const dep = structuredClone(stream.docs[1].value) as { spec: { replicas: number } };
  dep.spec.replicas = 5;
  stream.docs[1].update(dep);
  const out = stream.toString();
  t.is(out, text.replace('replicas: 3', 'replicas: 5'));
});

test('untouched ResourceList items are byte-identical, also when a neighbour changes', (t) => {
  const list = parseResourceList(RESOURCE_LIST, '<stdin>');
  t.is(list.toString(), RESOURCE_LIST);
  const zeta = structuredClone(list.items[1].value) as { data: Record<string, string> };
  zeta.data.extra = 'x';
  t.true(list.items[1].update(zeta));
  const out = list.toString();
  t.is(out, RESOURCE_LIST.replace('    on: yes\n', '    on: yes\n    extra: x\n'));
});

test('4-space indentation and indented sequences are detected, so only new lines differ', (t) => {
  const text = 'spec:\n    containers:\n        - name: a\n          image: x\n        - name: b\n';
  const stream = parseStream(text, 'wide.yaml');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const value = structuredClone(stream.docs[0].value) as any;
  value.spec.extra = 'z';
  value.spec.containers.push({ name: 'c', args: ['--v'] });
  t.true(stream.docs[0].update(value));
  t.is(
    stream.toString(),
    'spec:\n    containers:\n        - name: a\n          image: x\n        - name: b\n' +
      '        - name: c\n          args:\n              - --v\n    extra: z\n',
  );
});

test('the Deployment fixture round-trips on its own', (t) => {
  t.is(parseStream(DEPLOYMENT, 'd.yaml').toString(), DEPLOYMENT);
});
