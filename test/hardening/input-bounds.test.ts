// Finding 9: input bounds with clear errors and flags (the /dev/zero case is in input-paths.test.ts).
import test from 'ava';
import { runCli } from '../../src/cli/run-inject.js';
import { deployment, inject, isCleanError } from './helpers.js';

test('4 MB of --- lines is refused at the document bound, located, without composing them all', async (t) => {
  const run = await inject(['-f', '-'], { stdin: '---\n'.repeat(1_000_000) });
  t.is(run.exitCode, 1);
  t.is(run.stdout, '');
  t.regex(run.stderr, /^error: <stdin>:100001: more than 100000 documents \(raise the bound with --max-documents\)\n$/);
});

test('--max-documents counts across all inputs', async (t) => {
  const two = `${deployment()}---\n${deployment().replace('name: web', 'name: api')}`;
  t.is((await inject(['-q', '--max-documents', '2', '-f', '-'], { stdin: two })).exitCode, 0);
  const run = await inject(['-q', '--max-documents', '1', '-f', '-'], { stdin: two });
  t.is(run.exitCode, 1);
  t.regex(run.stderr, /more than 1 documents/);
});

test('--max-document-bytes and --max-input-bytes', async (t) => {
  const big = await inject(['-q', '--max-document-bytes', '100', '-f', '-'], { stdin: deployment() });
  t.is(big.exitCode, 1);
  t.regex(big.stderr, /^error: <stdin>:1: document 1 is larger than 100 bytes \(raise the bound with --max-document-bytes\)\n$/);
  const total = await inject(['-q', '--max-input-bytes', '1Ki', '-f', '-'], { stdin: deployment().repeat(10) });
  t.is(total.exitCode, 1);
  t.regex(total.stderr, /<stdin>: input larger than 1024 bytes/);
  t.true(isCleanError(total.stderr));
});

test('a bad bound is a usage error', async (t) => {
  const run = await inject(['--max-input-bytes', 'lots', '-f', '-'], { stdin: deployment() });
  t.is(run.exitCode, 2);
  t.regex(run.stderr, /--max-input-bytes expects a positive number/);
});

test('the KRM function takes its bounds from the environment', async (t) => {
  const list = 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}\n';
  const run = await runCli([], { stdin: list, env: { INJECT_ISTIO_SIDECAR_MAX_DOCUMENTS: '1' } });
  t.is(run.exitCode, 1);
  t.regex(run.stderr, /more than 1 items \(raise the bound with INJECT_ISTIO_SIDECAR_MAX_DOCUMENTS\)/);
});

test('pod annotations over Kubernetes’ 256 KiB are a located error naming the bound, not parsed', async (t) => {
  const big = 'x'.repeat(256 * 1024);
  const run = await inject(['-q', '-f', '-'], { stdin: deployment(`      annotations:\n        proxy.istio.io/config: "${big}"\n`) });
  t.is(run.exitCode, 1);
  t.is(run.stdout, '');
  t.regex(run.stderr, /^error +Deployment shop\/web \(<stdin>:11\) \[error\/invalid-workload\]: metadata\.annotations hold 262165 bytes, more than the 262144 \(256 KiB\) Kubernetes accepts/);
  const fits = await inject(['-q', '-f', '-'], { stdin: deployment(`      annotations:\n        app.example.com/note: "${'x'.repeat(200 * 1024)}"\n`) });
  t.is(fits.exitCode, 0, fits.stderr);
});
