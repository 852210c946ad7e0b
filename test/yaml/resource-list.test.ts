// ResourceList I/O: items spliced in place, orchestrator annotations and order untouched, results written.
/* eslint-disable @typescript-eslint/no-explicit-any */
import test from 'ava';
import { isResourceList, parseResourceList } from '../../src/yaml/index.js';
import type { Json } from '../../src/k8s/types.js';
import { RESOURCE_LIST, TORTURE } from './fixtures.js';
import { lineDiff } from './line-diff.js';

const clone = (value: Json): any => structuredClone(value);

function injectInto(list: ReturnType<typeof parseResourceList>, index: number): void {
  const item = clone(list.items[index].value);
  item.spec.template.metadata = { annotations: { 'sidecar.istio.io/status': 'x' } };
  item.spec.template.spec.containers.push({ name: 'istio-proxy', image: 'proxyv2' });
  list.items[index].update(item);
}

test('items, functionConfig, lines and indexes are exposed in input order with duplicates kept', (t) => {
  const list = parseResourceList(RESOURCE_LIST);
  t.deepEqual(
    list.items.map((i) => (i.value as any).metadata.name),
    ['web', 'zeta', 'alpha', 'alpha'],
  );
  t.deepEqual(list.items.map((i) => i.index), [0, 1, 2, 3]);
  t.deepEqual(list.items.map((i) => i.line), [5, 28, 37, 42]);
  t.deepEqual(list.functionConfig, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'function-input' }, data: { revision: 'canary' } });
  t.deepEqual((list.items[1].value as any).data, { mode: 755, on: 'yes' });
});

test('a changed item keeps `- # comment` (no comment above the dash that kpt would duplicate)', (t) => {
  const list = parseResourceList(RESOURCE_LIST);
  injectInto(list, 0);
  const out = list.toString();
  t.true(out.includes('items:\n- # leading comment on the first item\n  apiVersion: apps/v1\n'), out);
  t.is(out.split('leading comment on the first item').length, 2, 'the comment appears exactly once');
});

test('a changed item: only injected lines are added; orchestrator annotations keep their exact bytes', (t) => {
  const list = parseResourceList(RESOURCE_LIST);
  injectInto(list, 0);
  const out = list.toString();
  const diff = lineDiff(RESOURCE_LIST, out);
  t.deepEqual(diff.removed, []);
  // New keys go to the end of their map: the pod template's metadata lands after its spec.
  t.deepEqual(diff.added, [
    '        - name: istio-proxy',
    '          image: proxyv2',
    '      metadata:',
    '        annotations:',
    '          sidecar.istio.io/status: x',
  ]);
  for (const line of RESOURCE_LIST.split('\n').filter((l) => /config\.k(ubernetes|8s)\.io/.test(l))) {
    t.true(out.includes(`${line}\n`), line);
  }
  t.true(out.includes('      kustomize.config.k8s.io/id: |\n        group: apps\n        kind: Deployment\n'));
});

test('item order and duplicates survive a change in the middle', (t) => {
  const list = parseResourceList(RESOURCE_LIST);
  const dup = clone(list.items[3].value);
  dup.data.b = '2';
  list.items[3].update(dup);
  const again = parseResourceList(list.toString());
  t.deepEqual(
    again.items.map((i) => [(i.value as any).metadata.name, (i.value as any).data]),
    [
      ['web', undefined],
      ['zeta', { mode: 755, on: 'yes' }],
      ['alpha', { a: '1' }],
      ['alpha', { a: '1', b: '2' }],
    ],
  );
  t.is(list.toString(), RESOURCE_LIST.replace('  data: {a: "1"}\nfunctionConfig', '  data: {a: "1", b: "2"}\nfunctionConfig'));
});

test('results are appended as a top-level key and replaced on a second call', (t) => {
  const list = parseResourceList(RESOURCE_LIST);
  list.setResults([{ message: 'injected', severity: 'info', resourceRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' } }]);
  const out = list.toString();
  t.true(out.startsWith(RESOURCE_LIST), 'the input is kept as a prefix');
  t.is(
    out.slice(RESOURCE_LIST.length),
    'results:\n- message: injected\n  severity: info\n  resourceRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n',
  );
  const second = parseResourceList(out);
  second.setResults([{ message: 'on', severity: 'warning' }]);
  t.is(second.toString(), `${RESOURCE_LIST}results:\n- message: "on"\n  severity: warning\n`);
});

test('no results on input and none to write: output unchanged', (t) => {
  const list = parseResourceList(RESOURCE_LIST);
  list.setResults([]);
  t.is(list.toString(), RESOURCE_LIST);
});

test('indented (wide) items and an item without a final newline are spliced at the right column', (t) => {
  const text = 'kind: ResourceList\nitems:\n  -   kind: A\n      spec: {}\n  - kind: B\n    metadata: {name: b}';
  const list = parseResourceList(text, 'wide.yaml');
  list.items[0].update({ kind: 'A', spec: { x: 1 } });
  list.items[1].update({ kind: 'B', metadata: { name: 'b', labels: { l: 'v' } } });
  t.is(list.toString(), 'kind: ResourceList\nitems:\n  -   kind: A\n      spec:\n        x: 1\n  - kind: B\n    metadata: {name: b, labels: {l: v}}');
});

test('a JSON ResourceList is accepted; changed items stay valid and results are JSON', (t) => {
  const text = '{"apiVersion":"config.kubernetes.io/v1","kind":"ResourceList","items":[{"kind":"A","metadata":{"name":"a"}},{"kind":"B"}]}';
  t.true(isResourceList(text));
  const list = parseResourceList(text);
  list.items[0].update({ kind: 'A', metadata: { name: 'a', labels: { x: 'yes' } } });
  list.setResults([{ message: 'm' }]);
  const out = list.toString();
  const again = parseResourceList(out);
  t.deepEqual(again.items.map((i) => i.value), [{ kind: 'A', metadata: { name: 'a', labels: { x: 'yes' } } }, { kind: 'B' }]);
  t.true(out.endsWith(',"results":[{"message":"m"}]}'), out);
  t.deepEqual(JSON.parse(out).items[0], { kind: 'A', metadata: { name: 'a', labels: { x: 'yes' } } }, 'still strict JSON');
  t.true(out.includes('{"kind":"B"}'), 'the untouched item keeps its bytes');
});

test('a pretty-printed JSON ResourceList keeps its line breaks around a changed item', (t) => {
  const text = '{\n  "kind": "ResourceList",\n  "items": [\n    {\n      "kind": "A",\n      "spec": {"x": 1}\n    }\n  ]\n}\n';
  const list = parseResourceList(text, 'rl.json');
  list.items[0].update({ kind: 'A', spec: { x: 2, y: 'on' } });
  const out = list.toString();
  t.true(out.endsWith('\n  ]\n}\n'), out);
  t.deepEqual(JSON.parse(out).items, [{ kind: 'A', spec: { x: 2, y: 'on' } }]);
});

test('comments between items (with blank lines) keep their bytes when the items around them change', (t) => {
  const text = 'kind: ResourceList\nitems:\n- kind: A\n  x: 1\n# comment about B\n- kind: B\n  y: 2\n\n  # indented trailing\n- kind: C\n';
  const list = parseResourceList(text);
  list.items[0].update({ kind: 'A', x: 2 });
  list.items[1].update({ kind: 'B', y: 3 });
  t.is(list.toString(), text.replace('x: 1', 'x: 2').replace('y: 2', 'y: 3'));
});

test('the torture document as a compact item: a change adds only its lines; block scalars keep their text', (t) => {
  const body = TORTURE.replace(/^# file header comment\n\n# doc comment\n/, '');
  const item = body.replace(/\n(?=.)/g, '\n  ');
  const text = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- ${item}- kind: Other\n`;
  const list = parseResourceList(text, 'torture-list.yaml');
  t.is(list.toString(), text);
  const value = clone(list.items[0].value);
  value.metadata.annotations['sidecar.istio.io/status'] = '{"a":[1]}';
  value.data.oct = 755; // equal value: the node (and `0755`) stays
  list.items[0].update(value);
  const diff = lineDiff(text, list.toString());
  t.deepEqual(diff.removed, []);
  t.deepEqual(diff.added, ['      sidecar.istio.io/status: \'{"a":[1]}\'']);
});

test('isResourceList tells a ResourceList from a plain stream cheaply', (t) => {
  t.true(isResourceList(RESOURCE_LIST));
  t.true(isResourceList('# comment\n---\napiVersion: config.kubernetes.io/v1\nkind: "ResourceList"\nitems: []\n'));
  t.true(isResourceList('\ufeffkind: ResourceList # tail\n'));
  t.false(isResourceList('apiVersion: v1\nkind: ConfigMap\n'));
  t.false(isResourceList('kind: ConfigMap\n---\nkind: ResourceList\n'));
  t.false(isResourceList('spec:\n  kind: ResourceList\n'));
  t.false(isResourceList(''));
  t.true(isResourceList('{kind: ResourceList, items: []}'));
  t.true(isResourceList('{"items": [], "kind" : "ResourceList"}'));
  t.false(isResourceList('{"kind": "ResourceListX"}'));
});
