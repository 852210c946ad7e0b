// diffJsonPatch against fast-json-patch as the oracle: applying our patch to the request object
// gives exactly the target, and our patch is never larger than fast-json-patch's compare. Inputs:
// every workload pod of the conformance corpus and the webhook tests' pods, injected by the real
// engine (native and classic sidecars), generated pods, and generated pairs of arbitrary JSON.
import test from 'ava';
import fc from 'fast-check';
import fastJsonPatch from 'fast-json-patch';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { buildSettings } from '../../src/config/index.js';
import { diffJsonPatch, jsonEqual } from '../../src/webhook/diff-json-patch.js';
import { coreEngine } from '../../src/webhook/engine.js';
import { reviewAdmission } from '../../src/webhook/review-admission.js';
import { podIdentity } from '../../src/workloads/index.js';
import type { PodJson } from '../../src/k8s/types.js';
import { typicalPodReview } from '../../bench/webhook.js';
import { controllerPods } from './object-to-pod.js';
import { skippedCorpusGroup } from '../corpus.js';
import { review, sharedDir, simplePod } from './helpers.js';

function checkPair(t: import('ava').ExecutionContext, from: unknown, to: unknown, label: string): void {
  const ours = diffJsonPatch(from, to);
  const applied = fastJsonPatch.applyPatch(structuredClone(from), structuredClone(ours) as fastJsonPatch.Operation[], true, true).newDocument;
  t.deepEqual(applied, to, `${label}: patch applied to the request object`);
  // compare cannot express a change of the root's type (it returns [] for null -> {}); size is
  // compared where its patch is right.
  let theirsRight = false;
  let theirs: fastJsonPatch.Operation[] = [];
  try {
    theirs = fastJsonPatch.compare(from as object, to as object);
    theirsRight = jsonEqual(fastJsonPatch.applyPatch(structuredClone(from), theirs, false, true).newDocument, to);
  } catch { /* compare fails on a null root, or its patch does not apply */ }
  if (theirsRight) t.true(JSON.stringify(ours).length <= JSON.stringify(theirs).length, `${label}: ${JSON.stringify(ours).length} > ${JSON.stringify(theirs).length} bytes`);
}

const settingsSets = [buildSettings({ revision: 'default' }), buildSettings({ revision: 'default', nativeSidecars: false })];

function checkInjected(t: import('ava').ExecutionContext, pod: PodJson, label: string): number {
  let injected = 0;
  for (const [i, settings] of settingsSets.entries()) {
    const request = structuredClone(pod);
    request.metadata ??= {};
    request.metadata.namespace ??= 'default';
    let outcome;
    try {
      outcome = coreEngine.injectPod({ pod: request, workload: podIdentity(request), flavor: 'webhook', proxyEnvs: {} }, settings);
    } catch {
      continue; // pods the engine rejects are answered without a patch
    }
    checkPair(t, request, outcome.pod, `${label} (settings ${i})`);
    injected++;
  }
  return injected;
}

const shared = sharedDir();
if (!shared) {
  skippedCorpusGroup('diffJsonPatch over every workload pod of the conformance corpus');
} else {
  test('every corpus workload pod: our patch yields the injected pod and is no larger than compare', (t) => {
    const corpus = join(shared, 'conformance', 'istio');
    const cases = JSON.parse(readFileSync(join(corpus, 'cases.json'), 'utf8')) as { input: string }[];
    let pods = 0;
    for (const input of new Set(cases.map((c) => c.input))) {
      let docs: unknown[];
      try {
        docs = parseAllDocuments(readFileSync(join(corpus, input), 'utf8')).map((d) => d.toJSON()).filter((d) => d != null);
      } catch {
        continue; // inputs that are not YAML are the error cases
      }
      for (const p of controllerPods(docs)) pods += checkInjected(t, p.pod as PodJson, `${input} ${p.kind}/${p.name}`);
    }
    t.true(pods > 100, `only ${pods} pods checked`);
  });
}

test('the webhook tests\' pods, through reviewAdmission: the returned patch yields what injectPod returns', (t) => {
  const reviews = [JSON.parse(typicalPodReview()), review(simplePod()), review(simplePod({ metadata: { name: 'a/b~c', labels: { app: 'demo' }, annotations: { 'x/y~z': '1' } } }))];
  for (const r of reviews) {
    const pod = structuredClone(r.request.object);
    const result = reviewAdmission(JSON.stringify(r), { settings: settingsSets[0]!, engine: coreEngine, proxyEnvs: {}, failureMode: 'deny' });
    t.is(result.verdict, 'injected');
    const ops = JSON.parse(Buffer.from((result.body.response as { patch: string }).patch, 'base64').toString());
    delete pod.metadata.managedFields;
    pod.metadata.namespace ??= r.request.namespace;
    const expected = coreEngine.injectPod({ pod: structuredClone(pod), workload: podIdentity(pod), flavor: 'webhook', proxyEnvs: {} }, settingsSets[0]!).pod;
    t.deepEqual(fastJsonPatch.applyPatch(pod, ops, true, true).newDocument, expected);
    checkInjected(t, structuredClone(r.request.object), 'review pod');
  }
});

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
const container = fc.record({
  name,
  image: fc.constantFrom('nginx', 'busybox:1.36', 'registry.example/app:v2'),
  ports: fc.option(fc.array(fc.record({ containerPort: fc.integer({ min: 1, max: 65535 }), name: fc.option(name, { nil: undefined }) }), { maxLength: 3 }), { nil: undefined }),
  env: fc.option(fc.array(fc.record({ name, value: fc.string({ maxLength: 10 }) }), { maxLength: 4 }), { nil: undefined }),
  readinessProbe: fc.option(fc.record({ httpGet: fc.record({ path: fc.constantFrom('/', '/health'), port: fc.integer({ min: 1, max: 65535 }) }) }), { nil: undefined }),
}, { requiredKeys: ['name', 'image'] });
const generatedPod = fc.record({
  apiVersion: fc.constant('v1'),
  kind: fc.constant('Pod'),
  metadata: fc.record({
    name,
    labels: fc.option(fc.dictionary(name, name, { maxKeys: 3 }), { nil: undefined }),
    annotations: fc.option(fc.dictionary(fc.constantFrom('a/b', 'x~y', 'prometheus.io/scrape', 'proxy.istio.io/config', 'plain'), fc.constantFrom('true', '8080', '{}', 'v')), { nil: undefined }),
  }, { requiredKeys: ['name'] }),
  spec: fc.record({
    containers: fc.uniqueArray(container, { minLength: 1, maxLength: 3, selector: (c) => c.name }),
    initContainers: fc.option(fc.uniqueArray(container, { maxLength: 2, selector: (c) => c.name }), { nil: undefined }),
    volumes: fc.option(fc.array(fc.record({ name, emptyDir: fc.constant({}) }), { maxLength: 2 }), { nil: undefined }),
  }, { requiredKeys: ['containers'] }),
});

test('generated pods, injected by the engine: our patch yields the injected pod and is no larger than compare', (t) => {
  fc.assert(fc.property(generatedPod, (pod) => {
    checkInjected(t, JSON.parse(JSON.stringify(pod)) as PodJson, 'generated pod');
  }), { numRuns: 150 });
});

/** Edits a JSON value at random places: changes, insertions and deletions in objects and arrays. */
function mutate(value: unknown, choices: number[], replacement: unknown): unknown {
  const pick = () => choices.length > 0 ? choices.pop()! : 0;
  const walk = (v: unknown): unknown => {
    const c = pick() % 6;
    if (c === 0) return structuredClone(replacement);
    if (Array.isArray(v)) {
      const out = v.map(walk);
      if (c === 1) out.splice(pick() % (out.length + 1), 0, structuredClone(replacement));
      if (c === 2 && out.length > 0) out.splice(pick() % out.length, 1 + (pick() % 2));
      return out;
    }
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (c !== 2 || pick() % 3 !== 0) out[k] = walk(x);
      if (c === 1) out[`new/${pick()}~`] = structuredClone(replacement);
      return out;
    }
    return v;
  };
  return walk(value);
}

// fast-check generates `__proto__` keys on purpose; fast-json-patch, the oracle here, refuses to apply a
// path through one (and its compare and this file's mutate would treat it as the prototype). Our patches
// for such keys are checked end to end by the webhook's hostile-input and review tests instead.
const withoutProtoKeys = (v: unknown) => !JSON.stringify(v).includes('"__proto__"');

test('generated JSON pairs: exact and no larger than compare', (t) => {
  fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }).filter(withoutProtoKeys), fc.array(fc.nat(1000), { maxLength: 60 }), fc.jsonValue({ maxDepth: 2 }).filter(withoutProtoKeys), (from, choices, replacement) => {
    const to = mutate(from, [...choices], replacement);
    checkPair(t, from, to, 'json pair');
    if (typeof from === 'object' && from !== null && typeof to === 'object' && to !== null && Array.isArray(from) === Array.isArray(to)) {
      // The admission case (both roots objects): compare is right there, so the size check always applies.
      t.true(jsonEqual(fastJsonPatch.applyPatch(structuredClone(from), fastJsonPatch.compare(from, to), false, true).newDocument, to));
    }
    t.is(diffJsonPatch(from, to).length === 0, jsonEqual(from, to));
  }), { numRuns: 500 });
});
