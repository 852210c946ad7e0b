// `webhook-config`: the objects printed, and the selectors of the MutatingWebhookConfigurations
// written out literally from spec a.4 (independently of select/, which generates them).
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { parseAllDocuments } from 'yaml';
import { command } from '../../src/cli/commands/webhook-config.js';
import { makeCert } from './helpers.js';

async function run(args: string[], cwd = process.cwd()) {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (c) => out.push(c));
  stderr.on('data', (c) => err.push(c));
  const code = await command.run(args, { stdin: Readable.from([]), stdout, stderr, cwd, env: {} });
  const text = Buffer.concat(out).toString();
  return { code, stdout: text, stderr: Buffer.concat(err).toString(), docs: code === 0 ? parseAllDocuments(text).map((d) => d.toJSON()) : [] };
}

const notOptedOut = { key: 'sidecar.istio.io/inject', operator: 'NotIn', values: ['false'] };
const revNamespace = (rev: string) => ({
  name: 'rev.namespace.sidecar-injector.istio.io',
  namespaceSelector: { matchExpressions: [{ key: 'istio.io/rev', operator: 'In', values: [rev] }, { key: 'istio-injection', operator: 'DoesNotExist' }] },
  objectSelector: { matchExpressions: [notOptedOut] },
});
const revObject = (rev: string) => ({
  name: 'rev.object.sidecar-injector.istio.io',
  namespaceSelector: { matchExpressions: [{ key: 'istio.io/rev', operator: 'DoesNotExist' }, { key: 'istio-injection', operator: 'DoesNotExist' }] },
  objectSelector: { matchExpressions: [notOptedOut, { key: 'istio.io/rev', operator: 'In', values: [rev] }] },
});
const namespaceHook = {
  name: 'namespace.sidecar-injector.istio.io',
  namespaceSelector: { matchExpressions: [{ key: 'istio-injection', operator: 'In', values: ['enabled'] }] },
  objectSelector: { matchExpressions: [notOptedOut] },
};
const objectHook = {
  name: 'object.sidecar-injector.istio.io',
  namespaceSelector: { matchExpressions: [{ key: 'istio-injection', operator: 'DoesNotExist' }, { key: 'istio.io/rev', operator: 'DoesNotExist' }] },
  objectSelector: { matchExpressions: [{ key: 'sidecar.istio.io/inject', operator: 'In', values: ['true'] }, { key: 'istio.io/rev', operator: 'DoesNotExist' }] },
};
const autoHook = {
  name: 'auto.sidecar-injector.istio.io',
  namespaceSelector: { matchExpressions: [
    { key: 'istio-injection', operator: 'DoesNotExist' }, { key: 'istio.io/rev', operator: 'DoesNotExist' },
    { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage'] },
  ] },
  objectSelector: { matchExpressions: [{ key: 'sidecar.istio.io/inject', operator: 'DoesNotExist' }, { key: 'istio.io/rev', operator: 'DoesNotExist' }] },
};

const selectors = (mwc: any) => mwc.webhooks.map((w: any) => ({ name: w.name, namespaceSelector: w.namespaceSelector, objectSelector: w.objectSelector }));
const byKind = (docs: any[], kind: string) => docs.filter((d) => d.kind === kind);

test('default revision: all objects, Istio selectors, explicit timeout and policies', async (t) => {
  const r = await run([]);
  t.is(r.code, 0);
  t.deepEqual(r.docs.map((d: any) => d.kind), ['ServiceAccount', 'Service', 'Deployment', 'PodDisruptionBudget', 'MutatingWebhookConfiguration']);
  const [mwc] = byKind(r.docs, 'MutatingWebhookConfiguration');
  t.deepEqual(selectors(mwc), [revNamespace('default'), revObject('default'), namespaceHook, objectHook]);
  for (const w of mwc.webhooks) {
    t.is(w.sideEffects, 'None');
    t.deepEqual(w.admissionReviewVersions, ['v1']);
    t.is(w.timeoutSeconds, 10);
    t.is(w.failurePolicy, 'Fail');
    t.is(w.reinvocationPolicy, 'Never');
    t.deepEqual(w.rules, [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }]);
    t.deepEqual(w.clientConfig, { service: { name: 'inject-istio-sidecar', namespace: 'istio-system', path: '/inject', port: 443 } });
  }
  const [svc] = byKind(r.docs, 'Service');
  t.deepEqual(svc.spec.ports, [{ name: 'https-webhook', port: 443, targetPort: 15017, protocol: 'TCP' }]);
  const [dep] = byKind(r.docs, 'Deployment');
  const pod = dep.spec.template;
  t.is(pod.metadata.labels['sidecar.istio.io/inject'], 'false', 'the webhook must not be sent its own pods');
  t.deepEqual(dep.spec.selector.matchLabels, svc.spec.selector);
  const c = pod.spec.containers[0];
  t.deepEqual(c.args.slice(0, 5), ['webhook', '--port=15017', '--tls-cert-file=/etc/inject-istio-sidecar/tls/tls.crt', '--tls-key-file=/etc/inject-istio-sidecar/tls/tls.key', '--config-dir=/etc/inject-istio-sidecar/config']);
  t.is(c.readinessProbe.httpGet.path, '/ready');
  t.is(pod.spec.serviceAccountName, 'inject-istio-sidecar');
  t.is(pod.spec.volumes[0].secret.secretName, 'inject-istio-sidecar-tls');
  t.deepEqual(pod.spec.volumes[1].projected.sources.map((s: any) => s.configMap.name), ['istio-sidecar-injector', 'istio']);
  const [pdb] = byKind(r.docs, 'PodDisruptionBudget');
  t.deepEqual(pdb.spec.selector.matchLabels, svc.spec.selector);
});

test('a named revision with tags, one of them default', async (t) => {
  const r = await run(['--revision', 'canary', '--revision-tag', 'prod', '--revision-tag', 'default', '--enable-namespaces-by-default']);
  t.is(r.code, 0);
  const mwcs = byKind(r.docs, 'MutatingWebhookConfiguration');
  t.deepEqual(mwcs.map((m: any) => m.metadata.name), ['inject-istio-sidecar-canary', 'inject-istio-sidecar-canary-tag-prod', 'inject-istio-sidecar-canary-tag-default']);
  t.deepEqual(selectors(mwcs[0]), [revNamespace('canary'), revObject('canary')]);
  t.deepEqual(selectors(mwcs[1]), [revNamespace('prod'), revObject('prod')]);
  t.deepEqual(selectors(mwcs[2]), [revNamespace('default'), revObject('default'), namespaceHook, objectHook, autoHook]);
  for (const m of mwcs) for (const w of m.webhooks) t.is(w.clientConfig.service.name, 'inject-istio-sidecar-canary');
  const [dep] = byKind(r.docs, 'Deployment');
  t.true(dep.spec.template.spec.containers[0].args.includes('--revision=canary'));
  t.deepEqual(dep.spec.template.spec.volumes[1].projected.sources.map((s: any) => s.configMap.name), ['istio-sidecar-injector-canary', 'istio-canary']);
});

test('enableNamespacesByDefault adds the auto webhook to the default revision', async (t) => {
  const r = await run(['--enable-namespaces-by-default']);
  const [mwc] = byKind(r.docs, 'MutatingWebhookConfiguration');
  t.deepEqual(selectors(mwc), [revNamespace('default'), revObject('default'), namespaceHook, objectHook, autoHook]);
});

test('--ca-bundle-file fills caBundle; policy, timeout, names and image flags apply', async (t) => {
  const cert = makeCert();
  const r = await run(['--ca-bundle-file', cert.certFile, '--failure-policy', 'Ignore', '--timeout-seconds', '5', '--namespace', 'mesh',
    '--name', 'injector', '--image', 'example.com/inject:1', '--replicas', '3', '--reinvocation-policy', 'IfNeeded', '--failure-mode', 'allow']);
  t.is(r.code, 0, r.stderr);
  const [mwc] = byKind(r.docs, 'MutatingWebhookConfiguration');
  for (const w of mwc.webhooks) {
    t.is(Buffer.from(w.clientConfig.caBundle, 'base64').toString(), cert.cert);
    t.is(w.failurePolicy, 'Ignore');
    t.is(w.timeoutSeconds, 5);
    t.is(w.reinvocationPolicy, 'IfNeeded');
    t.deepEqual(w.clientConfig.service, { name: 'injector', namespace: 'mesh', path: '/inject', port: 443 });
  }
  const [dep] = byKind(r.docs, 'Deployment');
  t.is(dep.metadata.namespace, 'mesh');
  t.is(dep.spec.replicas, 3);
  t.is(dep.spec.template.spec.containers[0].image, 'example.com/inject:1');
  t.true(dep.spec.template.spec.containers[0].args.includes('--failure-mode=allow'));
  // 100m requested, no CPU limit: one serving process per pod, scaled by replicas (not by the node's cores).
  t.true(dep.spec.template.spec.containers[0].args.includes('--workers=1'));
  t.is(dep.spec.template.spec.volumes[0].secret.secretName, 'injector-tls');
});

test('bad --ca-bundle-file is an error naming the file', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ca-'));
  const missing = await run(['--ca-bundle-file', join(dir, 'nope.pem')]);
  t.is(missing.code, 1);
  t.regex(missing.stderr, /cannot read --ca-bundle-file .*nope.pem: no such file/);
  writeFileSync(join(dir, 'junk.pem'), 'hello');
  const junk = await run(['--ca-bundle-file', join(dir, 'junk.pem')]);
  t.is(junk.code, 1);
  t.regex(junk.stderr, /holds no PEM certificate/);
});

const usageErrors: [string[], RegExp][] = [
  [['--failure-policy', 'Maybe'], /--failure-policy must be one of Fail, Ignore/],
  [['--timeout-seconds', '31'], /--timeout-seconds must be an integer 1..30/],
  [['--timeout-seconds', 'x'], /--timeout-seconds must be an integer/],
  [['--namespace', 'Bad_NS'], /--namespace must be a lowercase DNS label/],
  [['--unknown'], /unknown flag --unknown/],
  [['extra'], /positional/i],
];
for (const [args, message] of usageErrors) {
  test(`usage error exits 2: ${args.join(' ')}`, async (t) => {
    const r = await run(args);
    t.is(r.code, 2);
    t.regex(r.stderr, message);
  });
}

test('--help prints usage', async (t) => {
  const r = await run(['--help']);
  t.is(r.code, 0);
  t.regex(r.stdout, /Usage: inject-istio-sidecar webhook-config/);
});
