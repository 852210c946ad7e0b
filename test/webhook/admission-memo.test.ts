// Remembered answers: a review repeated apart from its uid (the pods of one ReplicaSet) is answered
// with the same patch and its own uid, without calling the engine again; anything else that differs
// (the pod, the configuration, the path parameters, a uid that also occurs in the pod) is computed.
import test from 'ava';
import fc from 'fast-check';
import type { Settings } from '../../src/config/types.js';
import { AdmissionMemo } from '../../src/webhook/admission-memo.js';
import { reviewAdmission, type Engine, type ReviewContext } from '../../src/webhook/review-admission.js';
import { coreEngine } from '../../src/webhook/engine.js';
import { settingsFromContents } from '../../src/webhook/config-files.js';
import { createWebhookServer } from '../../src/webhook/server.js';
import { fakeEngine, fakeSettings, makeCert, postReview, request, review, simplePod } from './helpers.js';

function counting(engine: Engine): Engine & { calls: number } {
  const counted = {
    calls: 0,
    injectRequired: engine.injectRequired,
    injectPod(...args: Parameters<Engine['injectPod']>) {
      counted.calls++;
      return engine.injectPod(...args);
    },
  };
  return counted;
}

function context(engine: Engine, settings: Settings, over: Partial<ReviewContext> = {}): ReviewContext {
  return { settings, engine, proxyEnvs: {}, failureMode: 'deny', memo: new AdmissionMemo(), ...over };
}

const realSettings = settingsFromContents({}, {}, new Map());

test('the same pod with a new uid gets the same patch, its own uid, and no second injection', (t) => {
  const engine = counting(coreEngine);
  const ctx = context(engine, realSettings);
  const pod = simplePod();
  const first = reviewAdmission(JSON.stringify(review(pod, { uid: 'u-1' })), ctx);
  const second = reviewAdmission(JSON.stringify(review(pod, { uid: 'u-2' })), ctx);
  t.is(engine.calls, 1);
  t.true(second.remembered);
  t.falsy(first.remembered);
  t.is((second.body.response as any).uid, 'u-2');
  t.is(second.uid, 'u-2');
  t.is((first.body.response as any).uid, 'u-1', 'the first answer is not changed by the second');
  t.is((second.body.response as any).patch, (first.body.response as any).patch);
  // The same request without a memo gives the same answer.
  const fresh = reviewAdmission(JSON.stringify(review(pod, { uid: 'u-2' })), { ...ctx, memo: undefined });
  t.deepEqual(second.body, fresh.body);
  t.is(second.payload, JSON.stringify(fresh.body), 'the remembered text is the answer\'s JSON with the new uid');
});

test('a different pod, configuration, path or failure mode is computed again', (t) => {
  const engine = counting(fakeEngine);
  const memo: NonNullable<ReviewContext['memo']> = new AdmissionMemo();
  const ctx = context(engine, fakeSettings, { memo });
  const body = (uid: string, pod = simplePod()) => JSON.stringify(review(pod, { uid: `uid-${uid}-0c41` }));
  reviewAdmission(body('a'), ctx);
  reviewAdmission(body('b', simplePod({ extra: 1 })), ctx);
  t.is(engine.calls, 2);
  const reloaded = { revision: 'other' } as unknown as Settings;
  const r = reviewAdmission(body('c'), { ...ctx, settings: reloaded });
  t.is(engine.calls, 3);
  t.is(JSON.parse(Buffer.from((r.body.response as any).patch, 'base64').toString()).find((op: any) => op.path === '/metadata/annotations')?.value['fake/revision'], 'other');
  reviewAdmission(body('d'), { ...ctx, settings: reloaded, proxyEnvs: { ISTIO_META_CLUSTER_ID: 'c1' } });
  t.is(engine.calls, 4);
  reviewAdmission(body('e'), { ...ctx, settings: reloaded, failureMode: 'allow' });
  t.is(engine.calls, 5);
  reviewAdmission(body('f'), { ...ctx, settings: reloaded });
  t.is(engine.calls, 5, 'back to a known question');
});

test('a uid that also occurs inside the pod, or an empty uid, is never remembered', (t) => {
  const engine = counting(fakeEngine);
  const ctx = context(engine, fakeSettings);
  for (const uid of ['u-7', 'u-7', 'u-8']) {
    const pod = simplePod();
    (pod.metadata as any).labels.copy = uid;
    reviewAdmission(JSON.stringify(review(pod, { uid })), ctx);
  }
  t.is(engine.calls, 3);
  reviewAdmission(JSON.stringify(review(simplePod(), { uid: '' })), ctx);
  reviewAdmission(JSON.stringify(review(simplePod(), { uid: '' })), ctx);
  t.is(engine.calls, 5);
});

test('at most maxEntries answers are kept, least recently used go first', (t) => {
  const engine = counting(fakeEngine);
  const memo: NonNullable<ReviewContext['memo']> = new AdmissionMemo({ maxEntries: 2, maxBodyBytes: 1 << 20 });
  const ctx = context(engine, fakeSettings, { memo });
  const ask = (n: number, uid: string) => reviewAdmission(JSON.stringify(review(simplePod({ n }), { uid: `uid-${uid}-0c41` })), ctx);
  ask(1, 'a'); ask(2, 'b'); ask(1, 'c'); ask(3, 'd'); // 2 is the least recently used
  t.is(memo.size, 2);
  t.is(engine.calls, 3);
  ask(1, 'e');
  t.is(engine.calls, 3);
  ask(2, 'f');
  t.is(engine.calls, 4);
});

test('equal keys mean bodies equal apart from the request uid (property)', (t) => {
  const memo = new AdmissionMemo<unknown>();
  const alphabet = fc.constantFrom('a', 'b', '1', '"', '\\', 'x');
  const text = fc.array(alphabet, { maxLength: 6 }).map((cs) => cs.join(''));
  fc.assert(fc.property(text, text, text, text, (uid1, uid2, label1, label2) => {
    const b1 = JSON.stringify(review(simplePod({ l: label1 }), { uid: uid1 }));
    const b2 = JSON.stringify(review(simplePod({ l: label2 }), { uid: uid2 }));
    const k1 = memo.keyOf(b1, uid1, 'ctx');
    const k2 = memo.keyOf(b2, uid2, 'ctx');
    if (k1 === undefined || k1 !== k2) return;
    const strip = (b: string) => { const r = JSON.parse(b); delete r.request.uid; return r; };
    t.deepEqual(strip(b1), strip(b2));
  }), { numRuns: 3000, seed: 7 });
  t.pass();
});

test('the server counts remembered answers in /metrics and says so in the log', async (t) => {
  const cert = makeCert();
  const logs: Record<string, unknown>[] = [];
  const webhook = createWebhookServer({ tls: cert, settings: () => fakeSettings, engine: fakeEngine, log: (e) => logs.push(e) });
  const { port } = await webhook.listen(0, '127.0.0.1');
  for (const uid of ['x-1', 'x-2', 'x-3']) {
    const reply = await postReview(port, review(simplePod(), { uid }), { ca: cert.cert });
    t.is(reply.json().response.uid, uid);
  }
  const metrics = (await request(port, '/metrics', { ca: cert.cert })).body;
  t.regex(metrics, /^sidecar_injection_remembered_total 2$/m);
  t.deepEqual(logs.filter((l) => l.msg === 'admission').map((l) => l.remembered ?? false), [false, true, true]);
  await webhook.shutdown();
});
