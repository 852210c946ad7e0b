// End to end with kubectl's built-in kustomize: the legacy exec-plugin layout under
// KUSTOMIZE_PLUGIN_HOME runs the function (and its failures fail the build), while the
// `config.kubernetes.io/function` exec form is silently skipped by kubectl (it has no --enable-exec),
// which the kustomize-krm example's README warns about. This test keeps that warning honest.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { examplesDir } from './paths.js';
import { testWithTools } from './tools.js';
import { makeBinDir, pathWith } from '../examples/harness.js';

function copy(example: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'iis-kustomize-')), example);
  cpSync(join(examplesDir, example), dir, { recursive: true });
  return dir;
}

function kustomize(kubectl: string, dir: string, bin: string, extraEnv: Record<string, string> = {}) {
  const r = spawnSync(kubectl, ['kustomize', '--enable-alpha-plugins', '.'], { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: pathWith(bin), ...extraEnv } });
  if (r.error) throw r.error;
  return r;
}

function podContainerNames(stream: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const doc of parseAllDocuments(stream)) {
    const o = doc.toJS() as { kind: string; metadata: { name: string }; spec?: { template?: { spec?: { containers?: { name: string }[]; initContainers?: { name: string }[] } } } };
    const spec = o?.spec?.template?.spec;
    if (spec) out[o.metadata.name] = [...(spec.initContainers ?? []), ...(spec.containers ?? [])].map((c) => c.name);
  }
  return out;
}

testWithTools('kubectl kustomize --enable-alpha-plugins runs the function as a legacy exec plugin', ['kubectl'], (t, tools) => {
  const bin = makeBinDir();
  const dir = copy('kustomize-plugin');
  const r = kustomize(tools.kubectl!, dir, bin, { KUSTOMIZE_PLUGIN_HOME: join(dir, 'plugins') });
  t.is(r.status, 0, r.stderr);
  t.true(podContainerNames(r.stdout).orders!.includes('istio-proxy'), 'orders/orders got its sidecar');
});

testWithTools('a failing legacy plugin run fails kubectl kustomize and shows our message, not a stack trace', ['kubectl'], (t, tools) => {
  const bin = makeBinDir();
  const dir = copy('kustomize-plugin');
  writeFileSync(
    join(dir, 'inject-istio-sidecar.yaml'),
    'apiVersion: inject-istio-sidecar.io/v1alpha1\nkind: InjectIstioSidecar\nmetadata:\n  name: inject\nselector: sometimes\n',
  );
  const r = kustomize(tools.kubectl!, dir, bin, { KUSTOMIZE_PLUGIN_HOME: join(dir, 'plugins') });
  t.not(r.status, 0);
  t.regex(r.stderr, /selector/);
  t.regex(r.stderr, /sometimes/);
  t.false(/\bat .+\.(m?js|ts):\d+/.test(r.stderr), 'no stack trace');
  t.is(r.stdout, '', 'no partial output');
});

testWithTools('kubectl kustomize silently skips the exec KRM function form (what the kustomize-krm README warns about)', ['kubectl'], (t, tools) => {
  const bin = makeBinDir();
  const dir = copy('kustomize-krm');
  // Prove the function would have run: a marker file the wrapper writes when called.
  const marker = join(dir, 'called');
  writeFileSync(join(bin, 'inject-istio-sidecar'), `#!/bin/sh\ntouch ${JSON.stringify(marker)}\nexit 1\n`);
  chmodSync(join(bin, 'inject-istio-sidecar'), 0o755);
  const r = kustomize(tools.kubectl!, dir, bin);
  t.is(r.status, 0, `kubectl succeeds: ${r.stderr}`);
  t.false(podContainerNames(r.stdout).billing!.includes('istio-proxy'), 'no sidecar: the function never ran');
  t.false(spawnSync('test', ['-e', marker]).status === 0, 'the function was not even started');
});
