// The property-based fuzz suite, bounded and seeded for `npm test` (`npm run fuzz` runs it longer).
import test from 'ava';
import fc from 'fast-check';
import { injectStream, onlyWarnedDocumentsDiffer, streamInvariants } from './invariants.js';
import { mutatedManifests, validInputs } from './properties.js';

const SEED = 20240609;

test('fuzz: random valid ResourceLists satisfy every invariant', async (t) => {
  await fc.assert(validInputs, { numRuns: 60, seed: SEED });
  t.pass();
});

test('fuzz: mutated real manifests fail cleanly or inject stably', async (t) => {
  await fc.assert(mutatedManifests(), { numRuns: 80, seed: SEED });
  t.pass();
});

// Fuzz seed 46: an earlier injection whose status annotation was lost. Istio appends a second
// ISTIO_KUBE_APP_PROBERS to the pod's own istio-proxy, so the first run is not a fixpoint; inject warns, and the
// invariant lets exactly the warned document change once more (and no other).
const lostStatus = `apiVersion: v1
kind: Service
metadata:
  name: hello
spec:
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello
spec:
  selector:
    matchLabels:
      app: hello
  template:
    metadata:
      labels:
        app: hello
    spec:
      containers:
      - name: hello
        image: example.com/hello:1
        livenessProbe:
          httpGet:
            path: /live
            port: 8080
      - name: istio-proxy
        image: example.com/proxyv2:1
        env:
        - name: ISTIO_KUBE_APP_PROBERS
          value: '{"/app-health/old/livez":{"httpGet":{"port":81}}}'
`;

test('fuzz invariants: a document inject warns about may settle in a second run, no other', async (t) => {
  const first = await injectStream(lostStatus, 'all');
  const second = await injectStream(first.stdout, 'all');
  t.not(second.stdout, first.stdout, 'Istio merges the two ISTIO_KUBE_APP_PROBERS on re-injection');
  t.is((await streamInvariants(lostStatus, 'all')).violation, undefined);
  t.true(await onlyWarnedDocumentsDiffer(lostStatus, 'all', first.stdout, second.stdout));
  const otherChanged = second.stdout.replace('port: 80', 'port: 81');
  t.false(await onlyWarnedDocumentsDiffer(lostStatus, 'all', first.stdout, otherChanged));
  const noWarning = lostStatus.replace('ISTIO_KUBE_APP_PROBERS', 'OTHER');
  t.false(await onlyWarnedDocumentsDiffer(noWarning, 'all', first.stdout, second.stdout));
});
