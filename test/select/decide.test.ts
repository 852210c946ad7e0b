// Both layers together: webhook emulation (or 'all') then injectRequired, with reasons and warnings.
import test from 'ava';
import { decide, injectRequired, selectionOptions } from '../../src/select/index.js';
import type { NamespaceView, SelectionOptions } from '../../src/select/types.js';
import type { PodJson } from '../../src/k8s/types.js';
import type { Settings } from '../../src/config/types.js';

const WEBHOOK: SelectionOptions = {
  selector: 'webhook',
  revision: '',
  revisionTags: [],
  enableNamespacesByDefault: false,
  policy: 'enabled',
  neverInjectSelector: [],
  alwaysInjectSelector: [],
};
const ALL: SelectionOptions = { ...WEBHOOK, selector: 'all' };

const enabled: NamespaceView = { name: 'shop', labels: { 'istio-injection': 'enabled' }, source: 'input' };
const unlabeled: NamespaceView = { name: 'shop', labels: {}, source: 'input' };
const unknown: NamespaceView = { name: 'ghost', labels: {}, source: 'unknown' };

function pod(labels: Record<string, unknown> = {}, annotations: Record<string, unknown> = {}, spec: Record<string, unknown> = {}): PodJson {
  return { metadata: { labels, annotations } as PodJson['metadata'], spec: { containers: [{ name: 'app', image: 'app' }], ...spec } as PodJson['spec'] };
}

test('selected by the namespace webhook and injected: message names both', (t) => {
  const d = decide(pod(), enabled, WEBHOOK);
  t.true(d.inject);
  t.is(d.reason, 'injected');
  t.is(d.rule, 'namespace.sidecar-injector.istio.io');
  t.is(d.message, 'selected because namespace "shop" has istio-injection=enabled; injection policy is enabled and the pod does not opt out');
  t.deepEqual(d.warnings, []);
  t.is(d.namespaceUnknown, undefined);
});

test('the pod annotation cannot opt a pod in within an unlabeled namespace', (t) => {
  const d = decide(pod({}, { 'sidecar.istio.io/inject': 'true' }), unlabeled, WEBHOOK);
  t.false(d.inject);
  t.is(d.reason, 'skipped/namespace-not-enabled');
});

test('the pod label can opt a pod in within an unlabeled namespace', (t) => {
  const d = decide(pod({ 'sidecar.istio.io/inject': 'true' }), unlabeled, WEBHOOK);
  t.true(d.inject);
  t.is(d.rule, 'object.sidecar-injector.istio.io');
  t.regex(d.message, /pod label sidecar\.istio\.io\/inject=true opts in/);
});

test('the pod annotation vetoes inside a selected namespace', (t) => {
  const d = decide(pod({}, { 'sidecar.istio.io/inject': 'false' }), enabled, WEBHOOK);
  t.false(d.inject);
  t.is(d.reason, 'skipped/pod-opt-out');
  t.is(d.message, 'pod annotation sidecar.istio.io/inject=false opts out (the pod was selected because namespace "shop" has istio-injection=enabled)');
});

test('with policy disabled the pod annotation opts in inside a selected namespace', (t) => {
  const opts = { ...WEBHOOK, policy: 'disabled' };
  t.is(decide(pod(), enabled, opts).reason, 'skipped/policy-disabled');
  const d = decide(pod({}, { 'sidecar.istio.io/inject': 'true' }), enabled, opts);
  t.true(d.inject);
  t.regex(d.message, /pod annotation sidecar\.istio\.io\/inject=true opts in/);
});

test('istio-injection=disabled beats a pod label true', (t) => {
  const d = decide(pod({ 'sidecar.istio.io/inject': 'true' }), { name: 'shop', labels: { 'istio-injection': 'disabled' }, source: 'declared' }, WEBHOOK);
  t.false(d.inject);
  t.is(d.reason, 'skipped/namespace-disabled');
  t.regex(d.message, /namespace "shop" has istio-injection=disabled/);
});

test('a system namespace labelled for injection is still skipped by injectRequired', (t) => {
  const d = decide(pod(), { name: 'kube-system', labels: { 'istio-injection': 'enabled' }, source: 'input' }, WEBHOOK);
  t.false(d.inject);
  t.is(d.reason, 'skipped/ignored-namespace');
});

test('hostNetwork is skipped in both modes', (t) => {
  for (const opts of [WEBHOOK, ALL]) {
    const d = decide(pod({}, {}, { hostNetwork: true }), enabled, opts);
    t.false(d.inject);
    t.is(d.reason, 'skipped/host-network');
  }
});

test('neverInjectSelector after the webhook matched', (t) => {
  const d = decide(pod({ tier: 'batch' }), enabled, { ...WEBHOOK, neverInjectSelector: [{ matchLabels: { tier: 'batch' } }] });
  t.false(d.inject);
  t.is(d.reason, 'skipped/never-inject-selector');
  t.regex(d.message, /pod labels match neverInjectSelector\[0\] \(tier=batch\), which opts out/);
});

test('an unknown namespace is treated as unlabeled and flagged', (t) => {
  const d = decide(pod(), unknown, WEBHOOK);
  t.false(d.inject);
  t.is(d.reason, 'skipped/namespace-not-enabled');
  t.true(d.namespaceUnknown);
  t.deepEqual(d.warnings, ['namespace "ghost" is neither in the input nor declared in the function config; it is treated as having no labels']);
  const auto = decide(pod(), unknown, { ...WEBHOOK, enableNamespacesByDefault: true });
  t.true(auto.inject);
  t.true(auto.namespaceUnknown);
  t.is(auto.warnings.length, 1);
});

test("selector 'all': every workload is a candidate, whatever its namespace labels", (t) => {
  for (const ns of [unlabeled, unknown, { name: 'shop', labels: { 'istio-injection': 'disabled' }, source: 'input' } as NamespaceView]) {
    const d = decide(pod(), ns, ALL);
    t.true(d.inject, ns.name);
    t.is(d.reason, 'injected');
    t.regex(d.message, /^selector is "all", so every workload is a candidate; /);
  }
  t.deepEqual(decide(pod(), unknown, ALL).warnings, [], 'no namespace warning when namespaces do not matter');
});

test("selector 'all': policy, selectors, pod opt-outs and system namespaces still apply", (t) => {
  t.is(decide(pod(), unlabeled, { ...ALL, policy: 'disabled' }).reason, 'skipped/policy-disabled');
  t.is(decide(pod(), unlabeled, { ...ALL, policy: 'off' }).reason, 'skipped/policy-invalid');
  t.is(decide(pod({ 'sidecar.istio.io/inject': 'false' }), unlabeled, ALL).reason, 'skipped/pod-opt-out');
  t.is(decide(pod({}, { 'sidecar.istio.io/inject': 'false' }), unlabeled, ALL).reason, 'skipped/pod-opt-out');
  t.is(decide(pod({ a: 'b' }), unlabeled, { ...ALL, neverInjectSelector: [{ matchLabels: { a: 'b' } }] }).reason, 'skipped/never-inject-selector');
  t.true(decide(pod({ a: 'b' }), unlabeled, { ...ALL, policy: 'disabled', alwaysInjectSelector: [{ matchLabels: { a: 'b' } }] }).inject);
  t.is(decide(pod(), { name: 'kube-system', labels: {}, source: 'input' }, ALL).reason, 'skipped/ignored-namespace');
});

test('an unrecognised inject value is a warning and the default applies', (t) => {
  const d = decide(pod({}, { 'sidecar.istio.io/inject': 'yes' }), enabled, { ...WEBHOOK, policy: 'disabled' });
  t.false(d.inject);
  t.is(d.reason, 'skipped/policy-disabled');
  t.deepEqual(d.warnings, ['pod annotation sidecar.istio.io/inject has unrecognised value "yes" (only "true" and "false" are accepted); the injection policy default applies']);
  // Also reported when no webhook matched, since it explains the skip.
  const skipped = decide(pod({ 'sidecar.istio.io/inject': 'True' }), unlabeled, WEBHOOK);
  t.is(skipped.reason, 'skipped/namespace-not-enabled');
  t.is(skipped.warnings.length, 1);
  t.regex(skipped.warnings[0]!, /pod label sidecar\.istio\.io\/inject has unrecognised value "True"/);
});

test('an unquoted boolean label is read as its text, with a warning', (t) => {
  const d = decide(pod({ 'sidecar.istio.io/inject': true }), unlabeled, WEBHOOK);
  t.true(d.inject);
  t.is(d.rule, 'object.sidecar-injector.istio.io');
  t.is(d.warnings.length, 1);
  t.regex(d.warnings[0]!, /label sidecar\.istio\.io\/inject is the boolean true, not a string; .*quote it \("true"\)/);
});

test('an invalid selector is skipped with a warning, the next one still applies', (t) => {
  const opts = {
    ...WEBHOOK,
    neverInjectSelector: [{ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }, { matchLabels: { a: 'b' } }] as SelectionOptions['neverInjectSelector'],
  };
  const d = decide(pod({ a: 'b' }), enabled, opts);
  t.is(d.reason, 'skipped/never-inject-selector');
  t.regex(d.message, /neverInjectSelector\[1\]/);
  t.deepEqual(d.warnings, ['neverInjectSelector[0] is invalid and skipped: matchExpressions[0].operator "Gt" is not a valid label selector operator (In, NotIn, Exists, DoesNotExist)']);
});

test('injectRequired: empty selectors never match, in either list', (t) => {
  const never = injectRequired(pod({ a: 'b' }), 'shop', { policy: 'enabled', neverInjectSelector: [{}], alwaysInjectSelector: [] });
  t.true(never.inject);
  const always = injectRequired(pod({ a: 'b' }), 'shop', { policy: 'disabled', neverInjectSelector: [], alwaysInjectSelector: [{ matchLabels: {} }] });
  t.false(always.inject);
  t.is(always.reason, 'skipped/policy-disabled');
});

test('injectRequired: the label wins even when empty, falling back to the default', (t) => {
  const d = injectRequired(pod({ 'sidecar.istio.io/inject': '' }, { 'sidecar.istio.io/inject': 'false' }), 'shop', { policy: 'enabled', neverInjectSelector: [], alwaysInjectSelector: [] });
  t.true(d.inject);
  t.is(d.rule, 'policy');
  t.deepEqual(d.warnings, []);
});

test('injectRequired: selectors see labels only, not annotations', (t) => {
  const d = injectRequired(pod({}, { a: 'b' }), 'shop', { policy: 'enabled', neverInjectSelector: [{ matchLabels: { a: 'b' } }], alwaysInjectSelector: [] });
  t.true(d.inject);
});

test('injectRequired: an invalid policy names the value', (t) => {
  const d = injectRequired(pod({ 'sidecar.istio.io/inject': 'true' }), 'shop', { policy: 'wrong_policy', neverInjectSelector: [], alwaysInjectSelector: [] });
  t.false(d.inject);
  t.is(d.reason, 'skipped/policy-invalid');
  t.is(d.message, 'injection policy "wrong_policy" is neither "enabled" nor "disabled", so Istio injects nothing');
});

test('injectRequired tolerates a pod without metadata maps', (t) => {
  const d = injectRequired({ metadata: {}, spec: {} }, '', { policy: 'enabled', neverInjectSelector: [], alwaysInjectSelector: [] });
  t.true(d.inject);
});

test('selectionOptions takes revision, tags and injector policy from Settings', (t) => {
  const never = [{ matchLabels: { x: 'y' } }];
  const settings = {
    revision: 'canary',
    revisionTags: ['prod'],
    enableNamespacesByDefault: true,
    injector: { policy: 'disabled', neverInjectSelector: never, alwaysInjectSelector: [] },
  } as unknown as Settings;
  t.deepEqual(selectionOptions(settings, 'all'), {
    selector: 'all',
    revision: 'canary',
    revisionTags: ['prod'],
    enableNamespacesByDefault: true,
    policy: 'disabled',
    neverInjectSelector: never,
    alwaysInjectSelector: [],
  });
  t.is(selectionOptions(settings).selector, 'webhook');
});
