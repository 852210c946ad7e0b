// The emulated MutatingWebhookConfiguration of spec a.4: every table row and consequence bullet.
import test from 'ava';
import { emulatedWebhooks, namespaceSelects, type NamespaceSelectOptions } from '../../src/select/index.js';
import type { NamespaceView, ReasonCode } from '../../src/select/types.js';

const DEFAULT_REV: NamespaceSelectOptions = { revision: '', revisionTags: [], enableNamespacesByDefault: false };
const DEFAULT_REV_AUTO: NamespaceSelectOptions = { ...DEFAULT_REV, enableNamespacesByDefault: true };
const CANARY: NamespaceSelectOptions = { revision: 'canary', revisionTags: [], enableNamespacesByDefault: false };
const CANARY_AUTO: NamespaceSelectOptions = { ...CANARY, enableNamespacesByDefault: true };
const CANARY_TAG_PROD: NamespaceSelectOptions = { revision: 'canary', revisionTags: ['prod'], enableNamespacesByDefault: false };
const CANARY_TAG_DEFAULT: NamespaceSelectOptions = { revision: 'canary', revisionTags: ['default'], enableNamespacesByDefault: false };
const CANARY_TAG_DEFAULT_AUTO: NamespaceSelectOptions = { ...CANARY_TAG_DEFAULT, enableNamespacesByDefault: true };

const ns = (labels: Record<string, string>, name = 'shop'): NamespaceView => ({ name, labels, source: 'input' });

interface Row {
  title: string;
  opts: NamespaceSelectOptions;
  ns: NamespaceView;
  pod: Record<string, string>;
  rule?: string; // expected matching webhook
  reason?: ReasonCode; // expected skip reason
  message: RegExp;
}

const INJ = 'istio-injection';
const REV = 'istio.io/rev';
const POD_INJ = 'sidecar.istio.io/inject';

const rows: Row[] = [
  // default revision: namespace. webhook
  { title: 'istio-injection=enabled selects a plain pod', opts: DEFAULT_REV, ns: ns({ [INJ]: 'enabled' }), pod: {}, rule: 'namespace.sidecar-injector.istio.io', message: /namespace "shop" has istio-injection=enabled/ },
  { title: 'istio-injection=enabled + pod label true', opts: DEFAULT_REV, ns: ns({ [INJ]: 'enabled' }), pod: { [POD_INJ]: 'true' }, rule: 'namespace.sidecar-injector.istio.io', message: /istio-injection=enabled/ },
  { title: 'istio-injection=enabled + pod label false opts out', opts: DEFAULT_REV, ns: ns({ [INJ]: 'enabled' }), pod: { [POD_INJ]: 'false' }, reason: 'skipped/pod-opt-out', message: /pod label sidecar\.istio\.io\/inject=false opts out \(namespace "shop" has istio-injection=enabled\)/ },
  { title: 'istio-injection=disabled with pod label true is never injected', opts: DEFAULT_REV, ns: ns({ [INJ]: 'disabled' }), pod: { [POD_INJ]: 'true' }, reason: 'skipped/namespace-disabled', message: /^namespace "shop" has istio-injection=disabled; the pod label sidecar\.istio\.io\/inject=true cannot override it$/ },
  { title: 'istio-injection with any other value disables', opts: DEFAULT_REV, ns: ns({ [INJ]: 'Enabled' }), pod: {}, reason: 'skipped/namespace-disabled', message: /^namespace "shop" has istio-injection=Enabled$/ },
  { title: 'istio-injection=disabled also blocks enableNamespacesByDefault', opts: DEFAULT_REV_AUTO, ns: ns({ [INJ]: 'disabled' }), pod: {}, reason: 'skipped/namespace-disabled', message: /istio-injection=disabled/ },
  // rev.namespace.
  { title: 'istio.io/rev=default selects in the default revision', opts: DEFAULT_REV, ns: ns({ [REV]: 'default' }), pod: {}, rule: 'rev.namespace.sidecar-injector.istio.io', message: /namespace "shop" has istio\.io\/rev=default/ },
  { title: 'istio.io/rev=default + pod label false opts out', opts: DEFAULT_REV, ns: ns({ [REV]: 'default' }), pod: { [POD_INJ]: 'false' }, reason: 'skipped/pod-opt-out', message: /opts out \(namespace "shop" has istio\.io\/rev=default\)/ },
  { title: 'istio.io/rev of another revision', opts: DEFAULT_REV, ns: ns({ [REV]: 'canary' }), pod: {}, reason: 'skipped/revision-mismatch', message: /namespace "shop" has istio\.io\/rev=canary, another revision; this injector serves revision "default"/ },
  { title: 'named revision: istio.io/rev=canary selects', opts: CANARY, ns: ns({ [REV]: 'canary' }), pod: {}, rule: 'rev.namespace.sidecar-injector.istio.io', message: /istio\.io\/rev=canary/ },
  { title: 'named revision: istio.io/rev=default does not select', opts: CANARY, ns: ns({ [REV]: 'default' }), pod: {}, reason: 'skipped/revision-mismatch', message: /istio\.io\/rev=default, another revision; this injector serves revision "canary"/ },
  { title: 'named revision: istio-injection=enabled belongs to the default revision', opts: CANARY, ns: ns({ [INJ]: 'enabled' }), pod: {}, reason: 'skipped/revision-mismatch', message: /istio-injection=enabled, which selects the default revision, but this injector serves revision "canary"/ },
  // precedence of istio-injection over istio.io/rev
  { title: 'istio-injection=enabled wins over istio.io/rev of another revision', opts: DEFAULT_REV, ns: ns({ [INJ]: 'enabled', [REV]: 'canary' }), pod: {}, rule: 'namespace.sidecar-injector.istio.io', message: /istio-injection=enabled/ },
  { title: 'istio-injection=disabled wins over a matching istio.io/rev', opts: DEFAULT_REV, ns: ns({ [INJ]: 'disabled', [REV]: 'default' }), pod: {}, reason: 'skipped/namespace-disabled', message: /istio-injection=disabled \(its istio\.io\/rev=default is ignored while istio-injection is set\)/ },
  { title: 'named revision: istio-injection=enabled hides the namespace istio.io/rev=canary', opts: CANARY, ns: ns({ [INJ]: 'enabled', [REV]: 'canary' }), pod: {}, reason: 'skipped/revision-mismatch', message: /istio-injection=enabled, which selects the default revision/ },
  // object. and rev.object. in an unlabeled namespace
  { title: 'unlabeled namespace, plain pod', opts: DEFAULT_REV, ns: ns({}), pod: {}, reason: 'skipped/namespace-not-enabled', message: /^namespace "shop" has neither istio-injection nor istio\.io\/rev label \(label it istio-injection=enabled or istio\.io\/rev=default to inject its pods\)$/ },
  { title: 'unlabeled namespace, pod label true selects (object.)', opts: DEFAULT_REV, ns: ns({}), pod: { [POD_INJ]: 'true' }, rule: 'object.sidecar-injector.istio.io', message: /pod has label sidecar\.istio\.io\/inject=true \(namespace "shop" has neither/ },
  { title: 'unlabeled namespace, pod label false', opts: DEFAULT_REV, ns: ns({}), pod: { [POD_INJ]: 'false' }, reason: 'skipped/pod-opt-out', message: /inject=false opts out/ },
  { title: 'unlabeled namespace, pod istio.io/rev=default selects (rev.object.)', opts: DEFAULT_REV, ns: ns({}), pod: { [REV]: 'default' }, rule: 'rev.object.sidecar-injector.istio.io', message: /pod has label istio\.io\/rev=default/ },
  { title: 'unlabeled namespace, pod istio.io/rev=default + label false', opts: DEFAULT_REV, ns: ns({}), pod: { [REV]: 'default', [POD_INJ]: 'false' }, reason: 'skipped/pod-opt-out', message: /it also has istio\.io\/rev=default/ },
  { title: 'unlabeled namespace, pod istio.io/rev of another revision', opts: DEFAULT_REV, ns: ns({}), pod: { [REV]: 'canary' }, reason: 'skipped/revision-mismatch', message: /pod label istio\.io\/rev=canary names another revision/ },
  { title: 'object. requires no istio.io/rev: label true + rev of another revision', opts: DEFAULT_REV, ns: ns({}), pod: { [POD_INJ]: 'true', [REV]: 'canary' }, reason: 'skipped/revision-mismatch', message: /istio\.io\/rev=canary/ },
  { title: 'named revision: pod istio.io/rev=canary selects', opts: CANARY, ns: ns({}), pod: { [REV]: 'canary' }, rule: 'rev.object.sidecar-injector.istio.io', message: /istio\.io\/rev=canary/ },
  { title: 'named revision: pod label true alone selects only the default revision', opts: CANARY, ns: ns({}), pod: { [POD_INJ]: 'true' }, reason: 'skipped/namespace-not-enabled', message: /selects only the default revision, but this injector serves revision "canary" \(add pod label istio\.io\/rev=canary\)/ },
  { title: 'pod istio.io/rev is ignored when the namespace is labelled', opts: DEFAULT_REV, ns: ns({ [INJ]: 'enabled' }), pod: { [REV]: 'canary' }, rule: 'namespace.sidecar-injector.istio.io', message: /istio-injection=enabled/ },
  // auto. (enableNamespacesByDefault)
  { title: 'enableNamespacesByDefault selects an unlabeled namespace', opts: DEFAULT_REV_AUTO, ns: ns({}), pod: {}, rule: 'auto.sidecar-injector.istio.io', message: /enableNamespacesByDefault is on and namespace "shop" has neither/ },
  { title: 'enableNamespacesByDefault never selects kube-system', opts: DEFAULT_REV_AUTO, ns: ns({}, 'kube-system'), pod: {}, reason: 'skipped/ignored-namespace', message: /namespace "kube-system" is a system namespace/ },
  { title: 'enableNamespacesByDefault never selects kube-public', opts: DEFAULT_REV_AUTO, ns: ns({}, 'kube-public'), pod: {}, reason: 'skipped/ignored-namespace', message: /kube-public/ },
  { title: 'enableNamespacesByDefault never selects kube-node-lease', opts: DEFAULT_REV_AUTO, ns: ns({}, 'kube-node-lease'), pod: {}, reason: 'skipped/ignored-namespace', message: /kube-node-lease/ },
  { title: 'enableNamespacesByDefault never selects local-path-storage', opts: DEFAULT_REV_AUTO, ns: ns({}, 'local-path-storage'), pod: {}, reason: 'skipped/ignored-namespace', message: /local-path-storage/ },
  { title: 'enableNamespacesByDefault: a forged metadata.name label does not hide kube-system', opts: DEFAULT_REV_AUTO, ns: ns({ 'kubernetes.io/metadata.name': 'shop' }, 'kube-system'), pod: {}, reason: 'skipped/ignored-namespace', message: /kube-system/ },
  { title: 'enableNamespacesByDefault off: kube-system is merely not enabled', opts: DEFAULT_REV, ns: ns({}, 'kube-system'), pod: {}, reason: 'skipped/namespace-not-enabled', message: /namespace "kube-system" has neither/ },
  { title: 'enableNamespacesByDefault: pod label false opts out', opts: DEFAULT_REV_AUTO, ns: ns({}), pod: { [POD_INJ]: 'false' }, reason: 'skipped/pod-opt-out', message: /opts out/ },
  { title: 'enableNamespacesByDefault: pod label with another value is not selected', opts: DEFAULT_REV_AUTO, ns: ns({}), pod: { [POD_INJ]: 'yes' }, reason: 'skipped/namespace-not-enabled', message: /its value "yes" is not "true"/ },
  { title: 'enableNamespacesByDefault: pod label true still selected (object.)', opts: DEFAULT_REV_AUTO, ns: ns({}), pod: { [POD_INJ]: 'true' }, rule: 'object.sidecar-injector.istio.io', message: /inject=true/ },
  { title: 'enableNamespacesByDefault: pod istio.io/rev=default selected by rev.object.', opts: DEFAULT_REV_AUTO, ns: ns({}), pod: { [REV]: 'default' }, rule: 'rev.object.sidecar-injector.istio.io', message: /istio\.io\/rev=default/ },
  { title: 'enableNamespacesByDefault: pod istio.io/rev of another revision', opts: DEFAULT_REV_AUTO, ns: ns({}), pod: { [REV]: 'canary' }, reason: 'skipped/revision-mismatch', message: /names another revision/ },
  { title: 'enableNamespacesByDefault only applies to the default revision', opts: CANARY_AUTO, ns: ns({}), pod: {}, reason: 'skipped/namespace-not-enabled', message: /label it istio\.io\/rev=canary to inject/ },
  // revision tags
  { title: 'tag prod: namespace istio.io/rev=prod selects', opts: CANARY_TAG_PROD, ns: ns({ [REV]: 'prod' }), pod: {}, rule: 'rev.namespace.sidecar-injector.istio.io', message: /istio\.io\/rev=prod \(revision tag "prod"\)/ },
  { title: 'tag prod: pod istio.io/rev=prod selects', opts: CANARY_TAG_PROD, ns: ns({}), pod: { [REV]: 'prod' }, rule: 'rev.object.sidecar-injector.istio.io', message: /istio\.io\/rev=prod .*\(revision tag "prod"\)/ },
  { title: 'tag prod: the revision itself still selects', opts: CANARY_TAG_PROD, ns: ns({ [REV]: 'canary' }), pod: {}, rule: 'rev.namespace.sidecar-injector.istio.io', message: /^namespace "shop" has istio\.io\/rev=canary$/ },
  { title: 'tag prod: an unknown value names revision and tags', opts: CANARY_TAG_PROD, ns: ns({ [REV]: 'stable' }), pod: {}, reason: 'skipped/revision-mismatch', message: /serves revision "canary" \(tags: prod\)/ },
  { title: 'tag prod does not bring the default webhooks', opts: CANARY_TAG_PROD, ns: ns({ [INJ]: 'enabled' }), pod: {}, reason: 'skipped/revision-mismatch', message: /selects the default revision/ },
  { title: 'tag default: istio-injection=enabled selects', opts: CANARY_TAG_DEFAULT, ns: ns({ [INJ]: 'enabled' }), pod: {}, rule: 'namespace.sidecar-injector.istio.io', message: /istio-injection=enabled \(revision tag "default"\)/ },
  { title: 'tag default: istio.io/rev=default selects', opts: CANARY_TAG_DEFAULT, ns: ns({ [REV]: 'default' }), pod: {}, rule: 'rev.namespace.sidecar-injector.istio.io', message: /revision tag "default"/ },
  { title: 'tag default: pod label true in unlabeled namespace selects', opts: CANARY_TAG_DEFAULT, ns: ns({}), pod: { [POD_INJ]: 'true' }, rule: 'object.sidecar-injector.istio.io', message: /revision tag "default"/ },
  { title: 'tag default: enableNamespacesByDefault selects through the tag', opts: CANARY_TAG_DEFAULT_AUTO, ns: ns({}), pod: {}, rule: 'auto.sidecar-injector.istio.io', message: /revision tag "default"/ },
  { title: 'tag default without enableNamespacesByDefault: plain pod not selected', opts: CANARY_TAG_DEFAULT, ns: ns({}), pod: {}, reason: 'skipped/namespace-not-enabled', message: /label it istio-injection=enabled or istio\.io\/rev=canary/ },
  { title: 'revision "default" is the default revision', opts: { ...DEFAULT_REV, revision: 'default' }, ns: ns({ [INJ]: 'enabled' }), pod: {}, rule: 'namespace.sidecar-injector.istio.io', message: /istio-injection=enabled/ },
];

for (const row of rows) {
  test(row.title, (t) => {
    const got = namespaceSelects(row.ns, row.pod, row.opts);
    if (row.rule) {
      t.true(got.matched, got.message);
      t.is(got.rule, row.rule);
      t.is(got.reason, undefined);
    } else {
      t.false(got.matched, `matched by ${got.rule}`);
      t.is(got.reason, row.reason);
    }
    t.regex(got.message, row.message);
  });
}

test('the default revision registers the chart webhooks in chart order', (t) => {
  t.deepEqual(
    emulatedWebhooks(DEFAULT_REV_AUTO).map((h) => h.name),
    ['rev.namespace', 'rev.object', 'namespace', 'object', 'auto'].map((n) => `${n}.sidecar-injector.istio.io`),
  );
  t.deepEqual(emulatedWebhooks(DEFAULT_REV).map((h) => h.kind), ['rev.namespace', 'rev.object', 'namespace', 'object']);
  t.deepEqual(emulatedWebhooks(CANARY_AUTO).map((h) => h.kind), ['rev.namespace', 'rev.object']);
  t.deepEqual(
    emulatedWebhooks(CANARY_TAG_DEFAULT_AUTO).map((h) => `${h.kind}:${h.revisionValue}:${h.tag ?? ''}`),
    ['rev.namespace:canary:', 'rev.object:canary:', 'rev.namespace:default:default', 'rev.object:default:default', 'namespace:default:default', 'object:default:default', 'auto:default:default'],
  );
});
