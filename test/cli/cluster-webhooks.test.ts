import test from 'ava';
import { parseAllDocuments, stringify } from 'yaml';
import { runCli } from '../../src/cli/run-inject.js';

const mwcs = `apiVersion: v1
kind: List
items:
- apiVersion: admissionregistration.k8s.io/v1
  kind: MutatingWebhookConfiguration
  metadata:
    name: istio-sidecar-injector
    labels: {istio.io/rev: default, app: sidecar-injector}
  webhooks:
  - name: namespace.sidecar-injector.istio.io
    clientConfig: {service: {name: istiod, namespace: istio-system, path: /inject}}
    namespaceSelector:
      matchExpressions:
      - {key: team, operator: In, values: [payments, ledger]}
      - {key: frozen, operator: DoesNotExist}
    objectSelector:
      matchExpressions:
      - {key: app, operator: NotIn, values: [legacy]}
      - {key: sidecar.istio.io/inject, operator: NotIn, values: ["false"]}
- apiVersion: admissionregistration.k8s.io/v1
  kind: MutatingWebhookConfiguration
  metadata:
    name: istio-revision-tag-prod
    labels: {istio.io/rev: canary, istio.io/tag: prod}
  webhooks:
  - name: rev.namespace.sidecar-injector.istio.io
    clientConfig: {service: {name: istiod-canary, namespace: istio-system, path: /inject}}
    namespaceSelector:
      matchExpressions:
      - {key: istio.io/rev, operator: In, values: [prod]}
      - {key: istio-injection, operator: DoesNotExist}
    objectSelector:
      matchExpressions:
      - {key: sidecar.istio.io/inject, operator: Exists}
`;

const ns = (name: string, labels: string) => `---
apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
  labels: {${labels}}
`;
const deploy = (name: string, namespace: string, labels = `app: ${name}`) => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  template:
    metadata:
      labels: {${labels}}
    spec:
      containers:
      - {name: ${name}, image: "${name}:1"}
`;

const input = mwcs + ns('pay', 'team: payments') + ns('frozen', 'team: ledger, frozen: "yes"') + ns('shop', 'istio-injection: enabled') + ns('beta', 'istio.io/rev: prod')
  + deploy('cart', 'pay') + deploy('old', 'pay', 'app: legacy') + deploy('ice', 'frozen') + deploy('web', 'shop')
  + deploy('opted', 'beta', 'app: opted, sidecar.istio.io/inject: "true"') + deploy('plain', 'beta');

type Rec = { reason: string; resource?: string; message: string; severity: string };

async function fullReport(): Promise<{ records: Rec[]; notes: Rec[] }> {
  const json = await runCli(['check', '-f', '-', '--report', 'json', '--report-file', '-', '--allow-unexpected'], { stdin: input });
  return JSON.parse(json.stdout);
}

async function report(): Promise<Rec[]> {
  return (await fullReport()).records;
}

test("the cluster's MutatingWebhookConfigurations in the input decide selection, with full label-selector semantics", async (t) => {
  const records = await report();
  const reasonOf = (r: string) => records.find((x) => x.resource === r)?.reason;
  t.is(reasonOf('Deployment pay/cart'), 'missing', 'team In (payments, ledger): selected, though the chart would not select it');
  t.is(reasonOf('Deployment pay/old'), 'skipped/namespace-not-enabled', 'objectSelector app NotIn (legacy)');
  t.is(reasonOf('Deployment frozen/ice'), 'skipped/namespace-not-enabled', 'namespaceSelector frozen DoesNotExist');
  t.is(reasonOf('Deployment shop/web'), 'skipped/namespace-not-enabled', 'istio-injection=enabled means nothing to these webhooks');
  t.is(reasonOf('Deployment beta/opted'), 'skipped/revision-mismatch', 'the prod tag sends it to revision canary');
  t.is(reasonOf('Deployment beta/plain'), 'skipped/namespace-not-enabled', 'objectSelector sidecar.istio.io/inject Exists');
  const cart = records.find((x) => x.resource === 'Deployment pay/cart')!;
  t.regex(cart.message, /webhook "namespace.sidecar-injector.istio.io" of the cluster's MutatingWebhookConfiguration "istio-sidecar-injector" selects it/);
  const opted = records.find((x) => x.resource === 'Deployment beta/opted')!;
  t.regex(opted.message, /revision "canary" \(label istio.io\/rev=canary\)/);
  const { notes } = await fullReport();
  t.false(records.some((x) => x.reason === 'config/info'), 'a run note is not a workload record');
  const note = notes.find((x) => x.reason === 'config/info' && /MutatingWebhookConfigurations/.test(x.message));
  t.truthy(note, 'the report says the cluster webhooks were used');
  t.regex(note!.message, /istio-revision-tag-prod, istio-sidecar-injector/, 'in the order the API server calls them (by name)');
});

test('serving the revision a tag points at: the tag webhook selects for us', async (t) => {
  const run = await runCli(['check', '-f', '-', '--revision', 'canary', '--report', 'json', '--report-file', '-'], { stdin: input });
  const records = JSON.parse(run.stdout).records as Rec[];
  t.is(records.find((x) => x.resource === 'Deployment beta/opted')?.reason, 'missing');
  t.is(records.find((x) => x.resource === 'Deployment pay/cart')?.reason, 'skipped/revision-mismatch', 'the default injector takes pay/cart first');
});

test('without the configurations the chart-derived selectors apply as before', async (t) => {
  const withoutMwcs = input.slice(mwcs.length);
  const run = await runCli(['check', '-f', '-', '--report', 'json', '--report-file', '-'], { stdin: withoutMwcs });
  const records = JSON.parse(run.stdout).records as Rec[];
  t.is(records.find((x) => x.resource === 'Deployment shop/web')?.reason, 'missing');
  t.is(records.find((x) => x.resource === 'Deployment pay/cart')?.reason, 'skipped/namespace-not-enabled');
});

test('the README recipe: one kubectl List of Namespaces, MutatingWebhookConfigurations and istio-system ConfigMaps', async (t) => {
  const docs = parseAllDocuments(input).map((d) => d.toJS()).filter((d) => d);
  const namespaces = docs.filter((d) => d.kind === 'Namespace');
  const webhookConfigs = docs.find((d) => d.kind === 'List').items;
  const configMaps = [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio', namespace: 'istio-system' }, data: { mesh: 'defaultConfig:\n  statusPort: 15020\n' } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', namespace: 'istio-system' }, data: { 'ca.crt': 'x' } },
  ];
  const list = stringify({ apiVersion: 'v1', kind: 'List', items: [...namespaces, ...webhookConfigs, ...configMaps] });
  const workloads = docs.filter((d) => d.kind === 'Deployment').map((d) => `---\n${stringify(d)}`).join('');
  const run = await runCli(['check', '-f', '-', '--report', 'json', '--report-file', '-'], { stdin: `${list}${workloads}` });
  const records = JSON.parse(run.stdout).records as Rec[];
  t.is(records.find((x) => x.resource === 'Deployment pay/cart')?.reason, 'missing', run.stderr);
  t.is(records.find((x) => x.resource === 'Deployment shop/web')?.reason, 'skipped/namespace-not-enabled');
  t.false(records.some((x) => x.message.includes('is neither in the input')), 'the namespaces were found in the List');
});
