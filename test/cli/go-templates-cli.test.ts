// End to end: the cluster's own Go templates, from an istio-sidecar-injector ConfigMap in the input
// or from --injectConfigFile, render through the CLI; broken ones fail with a message naming the
// template, the line and the source, and nothing is written.
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run-inject.js';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: cart
  namespace: shop
spec:
  template:
    metadata:
      labels:
        app: cart
    spec:
      containers:
      - name: cart
        image: cart:1.0
`;

function injectorConfigMap(name: string, sidecarBody: string): string {
  const config = `policy: enabled\ntemplates:\n  sidecar: |\n${sidecarBody.replace(/^/gm, '    ')}`;
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: istio-system\ndata:\n  config: |\n${config.replace(/^/gm, '    ')}\n`;
}

const SIDECAR = `metadata:
  labels:
    rendered-by: go-{{ .DeploymentMeta.Name }}
    flavor: {{ env "FLAVOR" "plain" }}
spec:
  containers:
  - name: istio-proxy
    image: {{ .ProxyImage }}
`;

test('the input ConfigMap\'s Go sidecar template renders, per revision, with --istiod-env', async (t) => {
  const input = [injectorConfigMap('istio-sidecar-injector', SIDECAR), injectorConfigMap('istio-sidecar-injector-canary', SIDECAR.replace('go-', 'canary-')), deployment].join('---\n');
  const r = await runCli(['inject', '--selector', 'all', '--quiet', '--istiod-env', 'FLAVOR=spicy', '-f', '-'], { stdin: input });
  t.is(r.exitCode, 0, r.stderr);
  t.regex(r.stdout, /rendered-by: go-cart/);
  t.regex(r.stdout, /flavor: spicy/);
  t.regex(r.stdout, /image: docker\.io\/istio\/proxyv2:/);
  const canary = await runCli(['inject', '--selector', 'all', '--quiet', '--revision', 'canary', '-f', '-'], { stdin: input });
  t.is(canary.exitCode, 0, canary.stderr);
  t.regex(canary.stdout, /rendered-by: canary-cart/);
  t.regex(canary.stdout, /flavor: plain/);
});

test('a Go template that does not parse: exit 1 naming the template, the line and the ConfigMap; nothing written', async (t) => {
  const input = [injectorConfigMap('istio-sidecar-injector', 'metadata:\n  labels:\n    a: {{ if }}\n'), deployment].join('---\n');
  const r = await runCli(['inject', '--selector', 'all', '-f', '-'], { stdin: input });
  t.is(r.exitCode, 1);
  t.is(r.stdout, '');
  t.regex(r.stderr, /template "sidecar" \(ConfigMap istio-sidecar-injector\) does not parse: template: sidecar:3:/);
});

test('a Go template that fails for a workload: error naming the workload, the template and Go\'s line:col; nothing written', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'go-tpl-'));
  writeFileSync(join(dir, 'config.yaml'), 'policy: enabled\ntemplates:\n  sidecar: |\n    metadata:\n      labels:\n        a: {{ index .ObjectMeta.Labels 1 }}\n');
  writeFileSync(join(dir, 'app.yaml'), deployment);
  const r = await runCli(['inject', '--selector', 'all', '--injectConfigFile', 'config.yaml', '-f', 'app.yaml'], { cwd: dir });
  t.is(r.exitCode, 1);
  t.is(r.stdout, '');
  t.regex(r.stderr, /Deployment\/cart|shop\/cart|"cart"/);
  t.regex(r.stderr, /template "sidecar" \(config\.yaml\) failed: template: sidecar:3:\d+: executing "sidecar" at </);
});
