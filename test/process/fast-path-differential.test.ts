// The fast path (split by lines, parse only what may change or decide) against the full parser on
// the fixtures, the examples, Istio's corpus inputs, generated lists, BOM/CRLF inputs and inputs at
// their bounds: identical output, results and errors, byte for byte, for inject, check and uninject.
// Also checks that the fast path is really taken where it should be.
import test from 'ava';
import type { Json } from '../../src/k8s/types.js';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runFunction } from '../../src/krm/run-function.js';
import { runStreams } from '../../src/cli/run-streams.js';
import { defaultRunOptions, type RunOptions } from '../../src/process/run-options.js';
import { processDocuments } from '../../src/process/process-documents.js';
import { uninjectDocuments } from '../../src/process/uninject-documents.js';
import { DEFAULT_LIMITS, type InputLimits } from '../../src/files/input-limits.js';
import { needsFullParse, parseWhen } from '../../src/process/needs-full-parse.js';
import { loadRunSettings } from '../../src/process/load-run-settings.js';
import { parseResourceListSelective, parseStreamSelective } from '../../src/yaml/index.js';
import { asResourceList, asStream, syntheticObjects } from '../../bench/generate-resource-list.js';
import { realisticObjects } from '../../bench/generate-realistic-mix.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const corpus = join(root, '../shared/conformance');

function yamlFiles(dir: string, filter: (path: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...yamlFiles(path, filter));
    else if (/\.ya?ml$/.test(name) && filter(path)) out.push(path);
  }
  return out.sort();
}

function outcome(run: () => unknown): string {
  try {
    return JSON.stringify(run());
  } catch (err) {
    return `threw ${(err as Error).name}: ${(err as Error).message}`;
  }
}

/** A stream's documents as the items of a ResourceList (each document's lines indented under `- `). */
function streamAsResourceList(text: string, indent: string): string {
  const docs = text.split(/^---[^\n]*\n/m).filter((d) => d.trim() !== '');
  const items = docs.map((d) => d.replace(/\n$/, '').split('\n').map((l, i) => (i === 0 ? `${indent}- ${l}` : l === '' ? '' : `${indent}  ${l}`)).join('\n'));
  return `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${items.join('\n')}\n`;
}

/** Equal, or a failure showing where the two first differ (the outputs are large). */
function same(t: import('ava').ExecutionContext, fast: string, full: string, label: string): void {
  if (fast === full) {
    t.pass();
    return;
  }
  let i = 0;
  while (i < fast.length && fast[i] === full[i]) i++;
  t.fail(`${label}: fast path differs at ${i}:\n fast: ${JSON.stringify(fast.slice(Math.max(0, i - 80), i + 120))}\n full: ${JSON.stringify(full.slice(Math.max(0, i - 80), i + 120))}`);
}

function streamOutcome(texts: readonly string[], fastPath: boolean, limits: InputLimits = DEFAULT_LIMITS, options: RunOptions = defaultRunOptions(), uninject = false): string {
  return outcome(() => {
    const inputs = texts.map((text, i) => ({ display: `in-${i}.yaml`, text }));
    const run = runStreams(inputs, options, root, { write: true, limits, processor: uninject ? uninjectDocuments : processDocuments, fastPath });
    return { texts: run.outputs.map((o) => o.text), results: run.results };
  });
}

function sameBothWays(t: import('ava').ExecutionContext, label: string, text: string, limits: InputLimits = DEFAULT_LIMITS): void {
  same(t, streamOutcome([text], true, limits), streamOutcome([text], false, limits), `${label} as a stream`);
  for (const indent of ['', '  ']) {
    const list = /^kind: ResourceList/m.test(text) ? text : streamAsResourceList(text.replace(/^\uFEFF/, ''), indent);
    same(t, outcome(() => runFunction(list, root, limits)), outcome(() => runFunction(list, root, limits, { fastPath: false })), `${label} as a ResourceList (indent "${indent}")`);
    if (list === text) break;
  }
}

test('fixtures and examples: fast path and full parser agree', (t) => {
  const files = [...yamlFiles(join(root, 'test/fixtures'), () => true), ...yamlFiles(join(root, 'examples'), (p) => !p.includes('.expected'))];
  t.true(files.length > 5);
  for (const file of files) sameBothWays(t, file, readFileSync(file, 'utf8'));
});

test('Istio corpus inputs: fast path and full parser agree', (t) => {
  const files = yamlFiles(corpus, (p) => /\/inject\/[^/]+\.yaml$/.test(p));
  if (files.length === 0) {
    t.log(`skipped: no corpus at ${corpus} (../shared/conformance)`);
    t.pass();
    return;
  }
  for (const file of files) sameBothWays(t, file, readFileSync(file, 'utf8'));
});

const awkward: Record<string, string> = {
  'comments between, inside and after items': asResourceList(syntheticObjects(3)).replace(/^(- apiVersion: v1\n  kind: Service)/m, '\n# about the service\n  # indented\n$1') + '# trailing\n\n',
  'functionConfig after items, blank lines': `${asResourceList(syntheticObjects(2))}\n\nfunctionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  data: {selector: all}\n\n`,
  'functionConfig with a custom workload kind': `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nfunctionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  data:\n    selector: all\n    workloadKinds: '[{apiVersion: example.com/v1, kind: Widget, podTemplatePath: spec.template}]'\nitems:\n- apiVersion: example.com/v1\n  kind: Widget\n  metadata: {name: w}\n  spec:\n    template:\n      spec:\n        containers: [{name: a, image: a}]\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: s\n`,
  'anchors and aliases across items': `kind: ResourceList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n  data: &d {x: "1"}\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: p\n    labels: {sidecar.istio.io/inject: "true"}\n  spec:\n    containers: [{name: a, image: a}]\n    nodeSelector: *d\n`,
  'CRLF line breaks': asResourceList(syntheticObjects(2)).replace(/\n/g, '\r\n'),
  'flow-style metadata and quoted kinds': `kind: ResourceList\nitems:\n- {apiVersion: apps/v1, kind: Deployment, metadata: {name: x, namespace: ns-0}, spec: {template: {spec: {containers: [{name: a, image: a}]}}}}\n- apiVersion: "v1"\n  kind: 'Namespace'\n  metadata:\n    labels: {istio-injection: enabled}\n    name: ns-0\n`,
  'existing results': `${asResourceList(syntheticObjects(1))}results:\n- message: earlier\n  severity: info\n`,
  'malformed Service item': asResourceList(syntheticObjects(1)).replace('    targetPort: 8080', '    targetPort: [8080'),
  'malformed Deployment item': asResourceList(syntheticObjects(1)).replace('          name: http', '          name: [http'),
  // The Deployment is parsed only when the run reaches it, and only then finds it needs another item's anchor.
  'a Deployment aliasing an anchor of an earlier item': 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: shared\n    labels: &l {app: web}\n- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: web\n  spec:\n    template:\n      metadata:\n        labels: *l\n      spec:\n        containers:\n        - name: web\n          image: nginx\nfunctionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  data:\n    selector: all\n',
  'malformed Namespace document': asStream(syntheticObjects(1)).replace('  name: ns-3', '  name: "ns-3'),
  'istio ConfigMaps in the input': streamAsResourceList(readFileSync(join(root, 'examples/istio-configmaps/istio-system.yaml'), 'utf8') + '---\n' + readFileSync(join(root, 'examples/istio-configmaps/app.yaml'), 'utf8'), ''),
};

test('awkward layouts: fast path and full parser agree (or both refuse alike)', (t) => {
  for (const [label, text] of Object.entries(awkward)) sameBothWays(t, label, text);
});

test('generated lists and streams: identical output, and the fast path is taken', (t) => {
  const wants = needsFullParse(defaultRunOptions());
  for (const [label, objects] of [['synthetic', syntheticObjects(40)], ['realistic mix', realisticObjects().slice(0, 400)]] as const) {
    const list = asResourceList(objects);
    const stream = asStream(objects);
    t.truthy(parseResourceListSelective(list, '<stdin>', () => wants), `${label}: the list scanner takes it`);
    t.truthy(parseStreamSelective(stream, 'in.yaml', wants), `${label}: the stream scanner takes it`);
    sameBothWays(t, label, list);
    sameBothWays(t, label, stream);
  }
});

test('a ResourceList parses each workload when the run reaches it and lets it go after; Namespaces first', (t) => {
  const list = parseResourceListSelective(asResourceList(syntheticObjects(6)), '<stdin>', () => parseWhen(defaultRunOptions()))!;
  const kinds = list.items.map((i) => ({ kind: (i.value as { kind: string }).kind, deferred: i.deferred }));
  t.true(kinds.some((k) => k.kind === 'Namespace'));
  for (const k of kinds) t.is(k.deferred, k.kind === 'Deployment', k.kind);
  const docs = list.items.map((item) => ({ get value() { return item.value; }, origin: {}, update: (n: any) => item.update(n), deferred: item.deferred, release: () => item.release() }));
  const settings = loadRunSettings(defaultRunOptions(), [], root, DEFAULT_LIMITS);
  processDocuments(docs, { ...defaultRunOptions(), selector: 'all' }, settings, { write: true });
  for (const item of list.items) t.throws(() => item.value, { message: /read after its release/ });
  const out = list.toString();
  t.is((out.match(/- name: istio-proxy/g) ?? []).length, kinds.filter((k) => k.kind === 'Deployment').length, 'the released items keep their new text');
});

test('a stream parses each workload document when the run reaches it and lets it go after', (t) => {
  const stream = parseStreamSelective(asStream(syntheticObjects(6)), 'in.yaml', parseWhen(defaultRunOptions()))!;
  const parts = stream.docs as unknown as { deferred: boolean; release(): void; value: Json; line: number }[];
  t.deepEqual(parts.map((p) => p.deferred), parts.map((p) => (p.value as { kind: string }).kind === 'Deployment'));
  const lines = parts.map((p) => p.line);
  const docs = parts.map((p) => ({ get value() { return p.value; }, origin: {}, update: (n: Json) => (p as unknown as { update(n: Json): boolean }).update(n), deferred: p.deferred, release: () => p.release() }));
  processDocuments(docs, { ...defaultRunOptions(), selector: 'all' }, loadRunSettings(defaultRunOptions(), [], root, DEFAULT_LIMITS), { write: true });
  for (const p of parts) t.throws(() => p.value, { message: /read after its release/ });
  t.deepEqual(parts.map((p) => p.line), lines, 'lines stay known after the release');
  t.is((stream.toString().match(/- name: istio-proxy/g) ?? []).length, parts.filter((p) => p.deferred).length);
});

test('only workloads, Namespaces and Istio ConfigMaps are parsed', (t) => {
  const text = asStream(realisticObjects().slice(0, 300));
  const stream = parseStreamSelective(text, 'in.yaml', needsFullParse(defaultRunOptions()))!;
  const kinds = new Set(stream.docs.map((d) => (d.value as { kind: string }).kind));
  t.deepEqual([...kinds].sort(), ['Deployment', 'Namespace']);
  t.is(stream.toString(), text);
});

test('objects the run never reads are still checked: malformed YAML there is refused as before', (t) => {
  const breakages = ['  - port: [80', '    targetPort: 8080\n    targetPort: 8081', '  selector: {app: app-0, app: x}', '    name: "http', '  ports:\n   - port: 80'];
  for (const broken of breakages) {
    const text = asStream(syntheticObjects(1)).replace(broken.startsWith('  ports') ? '  ports:\n  - port: 80' : broken.split('\n')[0]!.replace('[', '').replace('"', '').replace(', app: x', '').replace(' {app: app-0}', ' {app: app-0}'), broken);
    t.not(text, asStream(syntheticObjects(1)), broken);
    const run = (fastPath: boolean) => outcome(() => runStreams([{ display: 'in.yaml', text }], defaultRunOptions(), root, { write: true, fastPath }).outputs[0]!.text);
    t.regex(run(false), /^threw YamlInputError/, broken);
    t.is(run(true), run(false), broken);
  }
});

const limitsWith = (bounds: Partial<InputLimits>): InputLimits => ({ ...DEFAULT_LIMITS, ...bounds });

test('a BOM and CRLF line breaks: the scanners step aside and both paths write the same bytes', (t) => {
  const stream = asStream(syntheticObjects(3));
  const list = asResourceList(syntheticObjects(3));
  const wants = needsFullParse(defaultRunOptions());
  for (const [label, text] of [
    ['BOM stream', `\uFEFF${stream}`],
    ['CRLF stream', stream.replace(/\n/g, '\r\n')],
    ['BOM + CRLF stream', `\uFEFF${stream.replace(/\n/g, '\r\n')}`],
    ['BOM list', `\uFEFF${list}`],
    ['BOM + CRLF list', `\uFEFF${list.replace(/\n/g, '\r\n')}`],
  ] as const) {
    t.is(parseStreamSelective(text, 'in.yaml', wants), undefined, `${label}: the stream scanner is not sure`);
    t.is(parseResourceListSelective(text, '<stdin>', () => wants), undefined, `${label}: the list scanner is not sure`);
    sameBothWays(t, label, text);
    const out = JSON.parse(streamOutcome([text], true)) as { texts: string[] };
    if (text.startsWith('\uFEFF')) t.true(out.texts[0]!.startsWith('\uFEFF') && !out.texts[0]!.startsWith('\uFEFF\uFEFF'), `${label}: one BOM, at the start`);
    if (text.includes('\r\n')) t.false(/[^\r]\n/.test(out.texts[0]!), `${label}: CRLF kept everywhere`);
  }
});

test('input bounds: both paths refuse with the same error, or both accept', (t) => {
  const objects = syntheticObjects(4);
  const stream = asStream(objects);
  const list = asResourceList(objects);
  const documents = stream.split(/^---/m).length;
  const largest = Math.max(...stream.split(/^---/m).map((d) => d.length));
  const cases: [string, Partial<InputLimits>][] = [
    ['documents: far below', { maxDocuments: 2 }],
    ['documents: one short', { maxDocuments: documents - 1 }],
    ['documents: exactly', { maxDocuments: documents }],
    ['document bytes: far below', { maxDocumentBytes: 64 }],
    ['document bytes: just below the largest', { maxDocumentBytes: largest - 8 }],
    ['document bytes: just above the largest', { maxDocumentBytes: largest + 8 }],
  ];
  let refused = 0;
  for (const [label, bounds] of cases) {
    const limits = limitsWith(bounds);
    const fast = streamOutcome([stream], true, limits);
    same(t, fast, streamOutcome([stream], false, limits), `${label}: stream`);
    if (fast.startsWith('threw')) {
      refused++;
      t.regex(fast, /raise the bound with --max-document/, `${label}: the bound's own error`);
    }
    const fastList = outcome(() => runFunction(list, root, limits));
    same(t, fastList, outcome(() => runFunction(list, root, limits, { fastPath: false })), `${label}: ResourceList`);
    if (fastList.startsWith('threw')) t.regex(fastList, /raise the bound with INJECT_ISTIO_SIDECAR_MAX_DOCUMENT/, `${label}: the bound's own error (KRM)`);
  }
  t.true(refused >= 3 && refused < cases.length, `some bounds refuse, some accept (${refused} of ${cases.length} refused)`);
  // The document bound is for the whole run: the second input gets what the first left.
  const limits = limitsWith({ maxDocuments: documents + 2 });
  const two = streamOutcome([stream, stream], true, limits);
  t.regex(two, /^threw YamlInputError: in-1\.yaml:\d+: more than \d+ documents/);
  t.is(two, streamOutcome([stream, stream], false, limits));
  t.is(streamOutcome([stream, stream], true, limitsWith({ maxDocuments: 2 * documents })), streamOutcome([stream, stream], false, limitsWith({ maxDocuments: 2 * documents })));
});

test('check and uninject: fast path and full parser agree', (t) => {
  const text = asStream(syntheticObjects(6));
  const check = { ...defaultRunOptions(), mode: 'check' as const };
  same(t, streamOutcome([text], true, DEFAULT_LIMITS, check), streamOutcome([text], false, DEFAULT_LIMITS, check), 'check');
  const injected = (JSON.parse(streamOutcome([text], false)) as { texts: string[] }).texts[0]!;
  t.not(injected, text, 'the input gets sidecars');
  same(t, streamOutcome([injected], true, DEFAULT_LIMITS, defaultRunOptions(), true), streamOutcome([injected], false, DEFAULT_LIMITS, defaultRunOptions(), true), 'uninject');
});

test('a failing KRM run: the same ResourceList with results (exit 1) on both paths', (t) => {
  const list = asResourceList(syntheticObjects(2)).replace(/^items:/m, 'functionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  data:\n    mode: check\nitems:');
  const fast = runFunction(list, root);
  t.true(fast.failed, 'check finds missing sidecars');
  t.regex(fast.output, /^results:/m);
  t.is(JSON.stringify(fast), JSON.stringify(runFunction(list, root, DEFAULT_LIMITS, { fastPath: false })));
});
