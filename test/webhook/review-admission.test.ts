import test from 'ava';
import fc from 'fast-check';
import { encodeReview, encodeReviewText, type AdmissionResponse, type AdmissionVersion } from '../../src/webhook/admission.js';
import { reviewAdmission, type ReviewContext } from '../../src/webhook/review-admission.js';
import { applyReviewPatch, fakeEngine, fakeSettings, review, simplePod } from './helpers.js';

const ctx = (over: Partial<ReviewContext> = {}): ReviewContext => ({ settings: fakeSettings, engine: fakeEngine, proxyEnvs: {}, failureMode: 'deny', ...over });

for (const version of ['v1', 'v1beta1'] as const) {
  test(`${version} review is answered in ${version} with a JSON patch`, async (t) => {
    const pod = simplePod();
    const r = reviewAdmission(JSON.stringify(review(pod, { version, uid: 'abc' })), ctx());
    t.is(r.httpStatus, 200);
    t.is(r.body.apiVersion, `admission.k8s.io/${version}`);
    t.is(r.body.kind, 'AdmissionReview');
    const response = r.body.response as any;
    t.is(response.uid, 'abc');
    t.true(response.allowed);
    t.is(response.patchType, 'JSONPatch');
    const patched = await applyReviewPatch(pod, response);
    t.deepEqual(patched.spec.containers.map((c: any) => c.name), ['app', 'istio-proxy']);
    t.is(r.verdict, 'injected');
  });
}

test('unknown fields of the incoming pod survive the patch', async (t) => {
  const pod = simplePod({ futureField: { keep: [1, 2] } });
  (pod.spec as any).newSpecField = 'x';
  const r = reviewAdmission(JSON.stringify(review(pod)), ctx());
  const patched = await applyReviewPatch(pod, r.body.response as any);
  t.deepEqual(patched.futureField, { keep: [1, 2] });
  t.is(patched.spec.newSpecField, 'x');
});

test('managedFields are not touched and the namespace defaults from the request', async (t) => {
  const pod = simplePod();
  (pod.metadata as any).managedFields = [{ manager: 'kubectl', operation: 'Update' }];
  delete (pod.metadata as any).namespace;
  const r = reviewAdmission(JSON.stringify(review(pod, { namespace: 'shop' })), ctx());
  t.is(r.namespace, 'shop');
  const ops = JSON.parse(Buffer.from((r.body.response as any).patch, 'base64').toString());
  t.false(ops.some((op: any) => op.path.startsWith('/metadata/managedFields') || op.path === '/metadata/namespace'));
  const patched = await applyReviewPatch(pod, r.body.response as any);
  t.deepEqual(patched.metadata.managedFields, [{ manager: 'kubectl', operation: 'Update' }]);
});

test('workload identity is derived from the owner reference', async (t) => {
  const pod = simplePod();
  pod.metadata = { generateName: 'web-abc-', labels: { 'pod-template-hash': 'abc' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'u', controller: true }] };
  const r = reviewAdmission(JSON.stringify(review(pod)), ctx());
  const patched = await applyReviewPatch(pod, r.body.response as any);
  t.is(patched.metadata.annotations['fake/workload'], 'Deployment/web');
  t.is(r.pod, 'web-abc-***');
});

test('proxy envs from the path reach the engine', async (t) => {
  const pod = simplePod();
  const r = reviewAdmission(JSON.stringify(review(pod)), ctx({ proxyEnvs: { ISTIO_META_CLUSTER_ID: 'c1' } }));
  const patched = await applyReviewPatch(pod, r.body.response as any);
  t.deepEqual(patched.spec.containers[1].env, [{ name: 'ISTIO_META_CLUSTER_ID', value: 'c1' }]);
});

test('a skipped pod is allowed with no patch', (t) => {
  const pod = simplePod({ metadata: { name: 'p', labels: { skip: 'true' } } });
  const r = reviewAdmission(JSON.stringify(review(pod)), ctx());
  t.deepEqual(r.body.response, { uid: 'uid-1', allowed: true });
  t.is(r.verdict, 'skipped');
  t.is(r.reason, 'skipped/pod-opt-out');
});

test('an injection error denies the pod with the message', (t) => {
  const pod = simplePod({ metadata: { name: 'p', annotations: { fail: 'x' } } });
  const r = reviewAdmission(JSON.stringify(review(pod)), ctx());
  const response = r.body.response as any;
  t.false(response.allowed);
  t.regex(response.status.message, /invalid value 'x' for annotation 'fail'/);
  t.is(r.verdict, 'denied');
  t.is(r.reason, 'error/invalid-annotation');
});

test('--failure-mode allow admits the pod uninjected with a warning', (t) => {
  const pod = simplePod({ metadata: { name: 'p', annotations: { fail: 'x' } } });
  const r = reviewAdmission(JSON.stringify(review(pod)), ctx({ failureMode: 'allow' }));
  const response = r.body.response as any;
  t.true(response.allowed);
  t.is(response.patch, undefined);
  t.regex(response.warnings[0], /sidecar not injected: injection failed: invalid value 'x'/);
  t.is(r.verdict, 'admitted-on-error');
});

test('an unexpected exception in the core becomes a denial, not a crash', (t) => {
  const pod = simplePod({ metadata: { name: 'p', annotations: { crash: '' } } });
  const r = reviewAdmission(JSON.stringify(review(pod)), ctx());
  t.false((r.body.response as any).allowed);
  t.regex((r.body.response as any).status.message, /internal error while injecting: boom/);
});

const badBodies: [string, string, RegExp, string | undefined][] = [
  ['malformed JSON', '{"apiVersion":', /not valid JSON/, undefined],
  ['a JSON array', '[]', /must be a JSON object/, undefined],
  ['wrong kind', JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'Pod' }), /expected kind AdmissionReview, got "Pod"/, undefined],
  ['unknown apiVersion', JSON.stringify({ apiVersion: 'admission.k8s.io/v2', kind: 'AdmissionReview', request: {} }), /unsupported AdmissionReview apiVersion "admission.k8s.io\/v2"/, undefined],
  ['a review without a request', JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' }), /has no request/, 'admission.k8s.io/v1'],
  ['a non-string uid', JSON.stringify({ apiVersion: 'admission.k8s.io/v1beta1', kind: 'AdmissionReview', request: { uid: 5 } }), /request.uid must be a string/, 'admission.k8s.io/v1beta1'],
];
for (const [name, body, message, apiVersion] of badBodies) {
  test(`400 with an AdmissionReview-shaped error for ${name}`, (t) => {
    const r = reviewAdmission(body, ctx());
    t.is(r.httpStatus, 400);
    t.is(r.body.apiVersion as string | undefined, apiVersion);
    const response = r.body.response as any;
    t.is(response.uid, '');
    t.false(response.allowed);
    t.regex(response.status.message, message);
  });
}

const badPods: [string, unknown, RegExp][] = [
  ['missing object', undefined, /request.object is missing/],
  ['object is a string', 'pod', /must be a JSON object/],
  ['no spec', { metadata: { name: 'p' } }, /spec must be an object/],
  ['labels not strings', { metadata: { labels: { a: 1 } }, spec: {} }, /metadata.labels\["a"\] must be a string/],
  ['containers not a list', { metadata: {}, spec: { containers: {} } }, /spec.containers must be a list/],
  ['container not an object', { metadata: {}, spec: { containers: [null] } }, /spec.containers\[0\] must be an object/],
  ['ownerReferences not a list', { metadata: { ownerReferences: 'x' }, spec: {} }, /ownerReferences must be a list/],
];
for (const [name, object, message] of badPods) {
  test(`a pod that cannot be decoded is denied: ${name}`, (t) => {
    const r = reviewAdmission(JSON.stringify(review(object, { uid: 'u9' })), ctx());
    t.is(r.httpStatus, 200);
    const response = r.body.response as any;
    t.is(response.uid, 'u9');
    t.false(response.allowed);
    t.regex(response.status.message, message);
  });
}

test('the text of an injection answer is exactly the JSON of its body (the patch is placed, not re-encoded)', (t) => {
  fc.assert(
    fc.property(
      fc.constantFrom('v1', 'v1beta1'),
      fc.string(),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.base64String(),
      (version, uid, warnings, patch) => {
        const response: AdmissionResponse = { uid, allowed: true, patch, patchType: 'JSONPatch' };
        if (warnings.length > 0) response.warnings = warnings;
        const av = `admission.k8s.io/${version}` as AdmissionVersion;
        t.is(encodeReviewText(av, response), JSON.stringify(encodeReview(av, response)));
        t.is(encodeReviewText(undefined, response), JSON.stringify(encodeReview(undefined, response)));
      },
    ),
  );
  const pod = simplePod();
  const r = reviewAdmission(JSON.stringify(review(pod, { uid: '"patch":""' })), ctx());
  t.is(r.payload, JSON.stringify(r.body));
});
