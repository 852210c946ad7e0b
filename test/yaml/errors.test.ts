// Bad input: one clear line naming file, document and line; hostile input bounded; no prototype pollution.
import test from 'ava';
import { parseResourceList, parseStream, YamlInputError } from '../../src/yaml/index.js';

function inputError(t: import('ava').ExecutionContext, fn: () => unknown): YamlInputError {
  const error = t.throws(fn, { instanceOf: YamlInputError }) as YamlInputError;
  t.false(error.message.includes('\n'), `one line: ${error.message}`);
  return error;
}

test('malformed YAML names the file, the document and the line', (t) => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: good\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: bad\n  namespace: prod\ndata: [1, 2\nother: }\n';
  const error = inputError(t, () => parseStream(text, 'manifests/app.yaml'));
  t.is(error.file, 'manifests/app.yaml');
  t.is(error.doc, 'Secret/prod/bad');
  // The unclosed `[` of line 11 is detected where its continuation fails, on line 12.
  t.is(error.line, 12);
  t.regex(error.message, /^manifests\/app\.yaml:12: Secret\/prod\/bad: malformed YAML: Flow sequence/);
});

test('other malformed input: unterminated quote, bad indentation, tabs, unknown alias', (t) => {
  t.is(inputError(t, () => parseStream('a: 1\nb: "open\nc: 2\n', 'q.yaml')).message, 'q.yaml:4: malformed YAML: Missing closing "quote');
  t.is(inputError(t, () => parseStream('a:\n  - x\n  y: 1\n', 'i.yaml')).line, 3);
  t.regex(inputError(t, () => parseStream('a: 1\n\tb: 2\n', 'tab.yaml')).message, /^tab\.yaml:2: malformed YAML: Tabs/);
  t.is(inputError(t, () => parseStream('x: 1\n---\nkind: Pod\nmetadata: {name: p}\nspec: *nope\n', 'a.yaml')).message, 'a.yaml:5: Pod/p: alias *nope has no anchor &nope before it');
  // YAML resolves an alias to the anchor defined before it; one defined later does not count (fuzz seed 22).
  t.is(inputError(t, () => parseStream('kind: Pod\nmetadata: {name: *a}\nspec: &a {containers: []}\n', 'b.yaml')).message, 'b.yaml:2: Pod: alias *a has no anchor &a before it');
});

test('malformed YAML inside a ResourceList names the item', (t) => {
  const text = 'kind: ResourceList\nitems:\n- kind: A\n  metadata: {name: a}\n- kind: Pod\n  metadata:\n    name: p\n    namespace: ns\n  spec: [1,\n  x: }\n';
  const error = inputError(t, () => parseResourceList(text, 'rl.yaml'));
  t.regex(error.message, /^rl\.yaml:10: ResourceList item 1 \(Pod\/ns\/p\): malformed YAML: /);
});

test('duplicate keys are an error at their line', (t) => {
  const error = inputError(t, () => parseStream('a: 1\nb: 2\na: 3\n', 'dup.yaml'));
  t.is(error.line, 3);
  t.regex(error.message, /^dup\.yaml:3: malformed YAML: .*unique/i);
});

test('a plain stream where a ResourceList is required', (t) => {
  const one = inputError(t, () => parseResourceList('apiVersion: v1\nkind: ConfigMap\n', 'in.yaml'));
  t.is(one.message, 'in.yaml:1: expected kind: ResourceList, found kind "ConfigMap"');
  const two = inputError(t, () => parseResourceList('kind: ResourceList\nitems: []\n---\nkind: ResourceList\n'));
  t.is(two.message, '<stdin>:3: expected one ResourceList document, found 2 documents');
  const scalar = inputError(t, () => parseResourceList('just text\n'));
  t.is(scalar.message, '<stdin>:1: expected a ResourceList (a mapping with kind: ResourceList)');
});

test('`items` that is not a list, and an item that is not a mapping', (t) => {
  const notList = inputError(t, () => parseResourceList('kind: ResourceList\nitems:\n  a: 1\n'));
  t.is(notList.message, '<stdin>:3: ResourceList `items` must be a list');
  const notMap = inputError(t, () => parseResourceList('kind: ResourceList\nitems:\n- kind: A\n- just a string\n'));
  t.is(notMap.message, '<stdin>:4: ResourceList item 1 is not a mapping (a KRM object)');
});

test('an empty or missing items list is an empty ResourceList', (t) => {
  t.is(parseResourceList('kind: ResourceList\n').items.length, 0);
  t.is(parseResourceList('kind: ResourceList\nitems:\n').items.length, 0);
  t.is(parseResourceList('kind: ResourceList\nitems: []\n').items.length, 0);
  t.is(parseResourceList('---\nkind: ResourceList\nitems: [{kind: A}]\n---\n').items.length, 1, 'a trailing --- is fine');
});

test('an alias bomb is refused with a clear error, quickly', (t) => {
  const bomb = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: {name: lol}',
    'data:',
    '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    '  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
    '  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    '  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    '  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    '  f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
    '  g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
    '  h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
    '',
  ].join('\n');
  const error = inputError(t, () => parseStream(bomb, 'bomb.yaml'));
  t.regex(error.message, /^bomb\.yaml:\d+: ConfigMap\/lol: aliases expand to too many nodes/);
  const inConfig = inputError(t, () =>
    parseResourceList(`kind: ResourceList\nitems: []\nfunctionConfig:\n  ${bomb.replace(/\n(?=.)/g, '\n  ')}`, 'fc.yaml'),
  );
  t.regex(inConfig.message, /^fc\.yaml:\d+: functionConfig: aliases expand to too many nodes/);
  const inList = inputError(t, () => parseResourceList(`kind: ResourceList\nitems:\n- ${bomb.replace(/\n(?=.)/g, '\n  ')}`, 'rl.yaml'));
  t.regex(inList.message, /^rl\.yaml:\d+: ConfigMap\/lol: aliases expand to too many nodes/);
});

test('many items that each expand aliases a little are bounded together', (t) => {
  const anchor = `- kind: Base\n  data: &a [${new Array(1000).fill('1').join(',')}]\n`;
  const user = `- {kind: User, data: [${new Array(100).fill('*a').join(',')}]}\n`;
  const text = `kind: ResourceList\nitems:\n${anchor}${user.repeat(300)}`;
  const error = inputError(t, () => parseResourceList(text, 'many.yaml'));
  t.regex(error.message, /^many\.yaml:\d+: User: aliases expand to too many nodes/);
});

test('an alias that refers to its own anchor is an error, not a hang', (t) => {
  const error = inputError(t, () => parseStream('a: &x\n  b: *x\n', 'cycle.yaml'));
  t.regex(error.message, /^cycle\.yaml:2: alias \*x refers to itself/);
});

test('100000 nested [ are refused cleanly (no stack overflow, no memory blow-up)', (t) => {
  const deep = `a: ${'['.repeat(100000)}${']'.repeat(100000)}\n`;
  const error = inputError(t, () => parseStream(deep, 'deep.yaml'));
  t.regex(error.message, /^deep\.yaml:1: document 1 is nested more than \d+ levels deep$/);
  const dashes = `kind: ResourceList\nitems:\n- ${'- '.repeat(50000)}x\n`;
  t.regex(inputError(t, () => parseResourceList(dashes)).message, /^<stdin>:3: document 1 is nested more than/);
  const third = `a: 1\n---\nb: 2\n---\nc: ${'{x: '.repeat(1000)}1${'}'.repeat(1000)}\n`;
  t.regex(inputError(t, () => parseStream(third, 's.yaml')).message, /^s\.yaml:5: document 3 is nested more than \d+ levels deep$/);
});

test('deep block nesting within the bound still parses', (t) => {
  let text = '';
  for (let i = 0; i < 100; i++) text += `${' '.repeat(i)}k${i}:\n`;
  text += `${' '.repeat(100)}leaf: 1\n`;
  const stream = parseStream(text, 'ok.yaml');
  t.is(stream.toString(), text);
  const flow = `a: ${'['.repeat(250)}1${']'.repeat(250)}\n`;
  const nested = parseStream(flow, 'flow.yaml');
  let depth = 0;
  for (let v = (nested.docs[0].value as { a: unknown }).a; Array.isArray(v); v = v[0]) depth++;
  t.is(depth, 250);
});

test('__proto__ is an ordinary key: kept as data, no prototype pollution, written back', (t) => {
  const text = 'metadata:\n  __proto__:\n    polluted: yes\n  name: x\n"__proto__": {polluted: 1}\n';
  const stream = parseStream(text, 'proto.yaml');
  const value = stream.docs[0].value as Record<string, Record<string, unknown>>;
  t.is(({} as Record<string, unknown>).polluted, undefined);
  t.is(Object.getPrototypeOf(value.metadata), Object.prototype);
  t.true(Object.prototype.hasOwnProperty.call(value.metadata, '__proto__'));
  t.deepEqual(Object.keys(value.metadata), ['__proto__', 'name']);
  t.is((value.metadata['__proto__'] as unknown as Record<string, string>).polluted, 'yes');
  t.is((value.metadata as { polluted?: unknown }).polluted, undefined, 'not inherited through a replaced prototype');
  t.deepEqual(JSON.parse(JSON.stringify(value)).metadata.__proto__, { polluted: 'yes' });

  // Updating with a JSON.parse'd object (whose __proto__ is an own key) keeps it as data.
  const next = JSON.parse('{"metadata":{"__proto__":{"polluted":"no"},"name":"x"},"__proto__":{"polluted":1}}');
  stream.docs[0].update(next);
  t.is(({} as Record<string, unknown>).polluted, undefined);
  t.is(stream.toString(), 'metadata:\n  __proto__:\n    polluted: "no"\n  name: x\n"__proto__": {polluted: 1}\n');
});

test('parsing leaves process.env as it was, also when the input is bad', (t) => {
  const env = process.env;
  parseStream('a: 1\n', 'ok.yaml');
  t.is(process.env, env);
  t.throws(() => parseStream('a: [\n', 'bad.yaml'), { instanceOf: YamlInputError });
  t.is(process.env, env);
});

test('text yaml drops silently (a list item after an explicit `? key` at its column) is a located error, not lost', (t) => {
  const text = 'spec:\n  ports:\n    ? a\n    - name: http\n      containerPort: 80\n';
  const error = t.throws(() => parseStream(text, 'app.yaml'), { instanceOf: YamlInputError });
  t.regex(error!.message, /^app\.yaml:4: malformed YAML: this line belongs to no node/);
});

test('lines yaml leaves out of every node inside a document (a list after `? key` at its column) are a located error', (t) => {
  const text = 'spec:\n  ports:\n    ? a\n    - name: http\n      containerPort: 80\n  other: 1\n';
  const error = t.throws(() => parseStream(text, 'app.yaml'), { instanceOf: YamlInputError });
  t.regex(error!.message, /^app\.yaml:4: malformed YAML: this line belongs to no node/);
  // Explicit keys that yaml does read, with flow collections, anchors and tags, are fine.
  const fine = 'a:\n  ? b\n  : [1,\n     2\n    ]\n  c: &x !!str d\n  e: *x\n';
  t.deepEqual(parseStream(fine, 'ok.yaml').docs[0]!.value, { a: { b: [1, 2], c: 'd', e: 'd' } });
});

test('a functionConfig key that is a list, a map or null is an error at its line (not made-up text)', (t) => {
  for (const [key, what] of [['? [selector]\n    : all', 'a list or map'], ['? {a: 1}\n    : all', 'a list or map'], ['~: all', 'null']] as const) {
    const text = `kind: ResourceList\nitems: []\nfunctionConfig:\n  kind: ConfigMap\n  data:\n    ${key}\n`;
    const error = inputError(t, () => parseResourceList(text, 'fc.yaml'));
    t.is(error.line, 6, key);
    t.regex(error.message, new RegExp(`^fc\\.yaml:6: functionConfig: a mapping key must be a string, number or boolean, not ${what}$`));
  }
  t.notThrows(() => parseResourceList('kind: ResourceList\nitems: []\nfunctionConfig:\n  kind: ConfigMap\n  data: {1: a, true: b}\n', 'fc.yaml'));
});
