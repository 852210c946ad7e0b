// The direct printer of new collections (src/yaml/new-collections.ts) must print exactly what yaml's
// own stringifier prints for the same tree built from plain YAMLMap/YAMLSeq.
import test from 'ava';
import { Document, Pair, Scalar, YAMLMap, YAMLSeq, isMap, isScalar, isSeq } from 'yaml';
import { jsonToNode } from '../../src/yaml/json-to-node.js';
import { NewMap } from '../../src/yaml/new-collections.js';
import { PARSE_OPTIONS, toStringOptions, type LayoutStyle } from '../../src/yaml/yaml-options.js';
import { buildSettings } from '../../src/config/index.js';
import { injectPod } from '../../src/inject.js';
import type { Json, PodJson } from '../../src/k8s/types.js';

/** The same tree with yaml's own classes (scalars copied), so yaml prints it the generic way. */
function generic(node: unknown): unknown {
  if (isMap(node)) {
    const map = new YAMLMap();
    Object.assign(map, { ...node, items: node.items.map((p) => new Pair(generic(p.key), generic(p.value))) });
    return map;
  }
  if (isSeq(node)) {
    const seq = new YAMLSeq();
    Object.assign(seq, { ...node, items: node.items.map(generic) });
    return seq;
  }
  if (isScalar(node)) return Object.assign(new Scalar(node.value), node);
  return node;
}

/** Reads every collection's items, so nothing stays pending. */
function buildAll(node: unknown): unknown {
  if (isMap(node)) for (const p of node.items) buildAll(p.value);
  else if (isSeq(node)) for (const item of node.items) buildAll(item);
  return node;
}

function print(contents: unknown, layout: LayoutStyle): string {
  const doc = new Document(null, PARSE_OPTIONS);
  doc.contents = contents as never;
  return doc.toString({ ...toStringOptions(layout), directives: false });
}

const LAYOUTS: LayoutStyle[] = [
  { indent: 2, indentSeq: false, flowCollectionPadding: false },
  { indent: 2, indentSeq: true, flowCollectionPadding: false },
  { indent: 4, indentSeq: false, flowCollectionPadding: true },
  { indent: 3, indentSeq: true, flowCollectionPadding: false },
];

/** Prints `value` as a new node at the root, under a key and as a list item, both ways, and compares. */
function same(t: import('ava').ExecutionContext, value: Json): void {
  for (const layout of LAYOUTS) {
    const shapes = (make: () => unknown): unknown[] => {
      const underKey = new YAMLMap();
      underKey.items.push(new Pair(new Scalar('outer'), make()), new Pair(new Scalar('after'), new Scalar(1)));
      const inSeq = new YAMLSeq();
      inSeq.items.push(make(), new Scalar('x'));
      const deep = new YAMLMap();
      const deepSeq = new YAMLSeq();
      deepSeq.items.push(underKey);
      deep.items.push(new Pair(new Scalar('a'), deepSeq));
      return [make(), underKey, inSeq, deep];
    };
    const fast = shapes(() => jsonToNode(value));
    // Built items (after something read them) print directly too, from the nodes.
    const built = shapes(() => buildAll(jsonToNode(value)));
    const slow = shapes(() => generic(jsonToNode(value)));
    for (let i = 0; i < fast.length; i++) {
      const expected = print(slow[i], layout);
      t.is(print(fast[i], layout), expected, `layout ${JSON.stringify(layout)}, shape ${i}, value ${JSON.stringify(value)}`);
      t.is(print(built[i], layout), expected, `built: layout ${JSON.stringify(layout)}, shape ${i}, value ${JSON.stringify(value)}`);
    }
  }
}

const STRINGS = [
  'plain', 'with space', 'a:b', 'a: b', 'a #b', 'a#b', 'trailing ', ' leading', 'end:', '-', '-x', '- x', '--x', '---', '---x', '...',
  '...x', '.x', '.5', '~', '', 'null', 'Null', 'NULL', 'true', 'yes', 'no', 'on', 'off', 'y', 'n', '<<', '=', '0', '-0', '012', '0o7',
  '0x1F', '1e3', '1.5', '.inf', '.nan', '2001-12-14', '12:30', '*', '*a', '&a', '!a', '%a', '@a', '`a`', '|', '>', '?', '?x', ':x', '#',
  '[a]', '{a}', 'a,b', 'a[b]', "it's", 'say "hi"', 'back\\slash', 'tab\there', 'multi\nline', 'ends\n', 'ends\n\n', '\nstarts',
  '  indented\nlines', 'ünïcödé', 'emoji 😀', '\u0007bell', '\u2028', '\ufeffbom', 'x'.repeat(1100), '$(POD_NAMESPACE).svc',
  '/var/run/secrets/tokens', 'http://x/y?z=1&w=2', '{"a":1}', '[\n  {"name":"http"}\n]', 'a\\nb', '"quoted"', "'single'",
];

test('new collections print exactly as yaml prints them: scalars of every kind', (t) => {
  for (const s of STRINGS) {
    same(t, { key: s, list: [s, { k: s }], [s || 'empty']: 1 });
    same(t, [s]);
  }
  for (const n of [0, -0, 1, -1, 1.5, -2.25, 1e21, 1e-7, 2 ** 53, 2 ** 53 + 2, NaN, Infinity, -Infinity]) same(t, { n, list: [n] });
  same(t, { t: true, f: false, z: null, list: [true, false, null] });
  same(t, { ['k'.repeat(1030)]: 'long key', short: 'v' });
  same(t, { e: {}, l: [], nested: { e: {}, l: [[], {}] }, deep: [[[]], [{}], [[1, 2], ['a']]] });
  same(t, [[1, [2, [3]]], { a: [{ b: [{ c: {} }] }] }]);
});

test('new collections print exactly as yaml prints them: every short string over a tricky alphabet', (t) => {
  const alphabet = ['a', 'Y', '0', '1', '-', '.', ':', '_', '/', ' ', '$', '(', '=', '+', '~', '@', '%', ',', '#', '*', '&', '!', '?', '|', '>', "'", '"', '[', '{', 'e', 'x', '<'];
  const strings: string[] = [];
  for (const a of alphabet) {
    strings.push(a);
    for (const b of alphabet) {
      strings.push(a + b);
      for (const c of ['a', '0', '-', '.', ':', ' ', '<']) strings.push(a + b + c);
    }
  }
  const layout = LAYOUTS[0]!;
  let differences = 0;
  for (const s of strings) {
    const value = { k: s, l: [s], [s]: 1 };
    const fast = print(jsonToNode(value), layout);
    const slow = print(generic(jsonToNode(value)), layout);
    if (fast !== slow) {
      differences++;
      t.is(fast, slow, JSON.stringify(s));
    }
  }
  t.is(differences, 0, `${strings.length} strings`);
});

test('new collections print exactly as yaml prints them: injected pods', (t) => {
  const settings = buildSettings({ templates: {}, nativeSidecars: false });
  const pods: PodJson[] = [
    { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'app', image: 'x', ports: [{ containerPort: 80 }] }] } },
    {
      metadata: { annotations: { 'sidecar.istio.io/proxyCPU': '100m', 'proxy.istio.io/config': '{"holdApplicationUntilProxyStarts": true}' } },
      spec: { containers: [{ name: 'app', image: 'x', readinessProbe: { httpGet: { port: 8080, path: '/ready' } } }] },
    },
  ];
  for (const pod of pods) {
    const out = injectPod({ pod, workload: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'w', namespace: 'ns' }, flavor: 'kube-inject' }, settings);
    same(t, out.pod as unknown as Json);
  }
});

test('a simple new tree is printed without yaml\'s generic collection stringifier', (t) => {
  // NewMap/NewSeq reach YAMLMap/YAMLSeq.prototype.toString (via super) only when they fall back.
  const originals = { map: YAMLMap.prototype.toString, seq: YAMLSeq.prototype.toString };
  let fallbacks = 0;
  YAMLMap.prototype.toString = function (this: YAMLMap, ...args: Parameters<YAMLMap['toString']>) {
    fallbacks++;
    return originals.map.apply(this, args);
  };
  YAMLSeq.prototype.toString = function (this: YAMLSeq, ...args: Parameters<YAMLSeq['toString']>) {
    fallbacks++;
    return originals.seq.apply(this, args);
  };
  try {
    const node = jsonToNode({ a: { b: [1, 'two', { c: null }, 'multi\nline'] } });
    t.true(node instanceof NewMap);
    t.is(print(node, LAYOUTS[0]!), 'a:\n  b:\n  - 1\n  - two\n  - c: null\n  - |-\n    multi\n    line\n');
    t.is(fallbacks, 0);
    // A comment is outside what the direct printer writes: yaml prints that tree.
    ((node as NewMap).items[0]!.value as NewMap).commentBefore = ' note';
    t.is(print(node, LAYOUTS[0]!), 'a:\n  # note\n  b:\n  - 1\n  - two\n  - c: null\n  - |-\n    multi\n    line\n');
    t.true(fallbacks > 0);
  } finally {
    YAMLMap.prototype.toString = originals.map;
    YAMLSeq.prototype.toString = originals.seq;
  }
});

test('a new collection builds its items only when asked, from a copy of the JSON it was given', (t) => {
  const value: { a: { b: Json[] }; c?: string } = { a: { b: [1, 'x'] } };
  const node = jsonToNode(value as unknown as Json) as NewMap;
  value.a.b.push('later');
  value.c = 'later';
  const built: string[] = [];
  const get = Object.getOwnPropertyDescriptor(NewMap.prototype, 'items')!.get!;
  Object.defineProperty(NewMap.prototype, 'items', {
    configurable: true,
    get(this: NewMap) {
      built.push('map');
      return get.call(this);
    },
    set: Object.getOwnPropertyDescriptor(NewMap.prototype, 'items')!.set,
  });
  let printed: string;
  try {
    printed = print(node, LAYOUTS[0]!);
  } finally {
    Object.defineProperty(NewMap.prototype, 'items', { configurable: true, get, set: Object.getOwnPropertyDescriptor(NewMap.prototype, 'items')!.set });
  }
  t.is(printed, 'a:\n  b:\n  - 1\n  - x\n');
  t.deepEqual(built, []);
  // Reading items builds them (and they reflect the copy, not later edits).
  const a = node.items[0]!;
  t.is((a.key as Scalar).value, 'a');
  t.is(node.items.length, 1);
  t.is(print(node, LAYOUTS[0]!), printed);
});
