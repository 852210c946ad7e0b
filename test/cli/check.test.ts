import test from 'ava';
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run-inject.js';

const namespace = (injection: string) => `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    istio-injection: ${injection}
`;
const deployment = (name: string, image = `${name}:1`) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
spec:
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: ${name}
        image: ${image}
`;

function workdir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'iis-check-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

test('check names each failure with its reason code: missing, stale and unexpected', async (t) => {
  const dir = workdir({ 'k8s/ns.yaml': namespace('enabled'), 'k8s/cart.yaml': deployment('cart'), 'k8s/web.yaml': deployment('web') });
  t.is((await runCli(['inject', '--in-place', '-f', 'k8s'], { cwd: dir })).exitCode, 0);
  // cart: stale (injected with another proxy image); web: up to date; a new api: missing.
  const values = join(dir, 'values.yaml');
  writeFileSync(values, 'global:\n  hub: example.com/istio\n  tag: 9.9.9\n');
  t.is((await runCli(['inject', '--in-place', '-f', 'k8s/cart.yaml', '-f', 'k8s/ns.yaml', '--valuesFile', values], { cwd: dir })).exitCode, 0);
  writeFileSync(join(dir, 'k8s/api.yaml'), deployment('api'));
  const run = await runCli(['check', '-f', 'k8s'], { cwd: dir });
  t.is(run.exitCode, 1);
  t.regex(run.stderr, /error +Deployment shop\/api \(k8s\/api\.yaml:1\) \[missing\]: .*sidecar is missing/);
  t.regex(run.stderr, /error +Deployment shop\/cart \(k8s\/cart\.yaml:1\) \[stale\]: .*stale/);
  t.regex(run.stderr, /info +Deployment shop\/web .*\[up-to-date\]/);
  t.regex(run.stderr, /summary: 2 errors, 0 warnings; .*\b1 missing, 1 stale, 1 up-to-date\n2 workload\(s\) out of date\n$/);

  // Injection turned off for the namespace: every committed sidecar is now unexpected.
  writeFileSync(join(dir, 'k8s/api.yaml'), '');
  writeFileSync(join(dir, 'k8s/ns.yaml'), namespace('disabled'));
  const strict = await runCli(['check', '-f', 'k8s'], { cwd: dir });
  t.is(strict.exitCode, 1, 'an unexpected sidecar fails the check');
  t.regex(strict.stderr, /error +Deployment shop\/web .*\[unexpected\]: namespace "shop" has istio-injection=disabled.*still carries a sidecar.*uninject/);
  t.regex(strict.stderr, /2 unexpected/);
  const relaxed = await runCli(['check', '--allow-unexpected', '-f', 'k8s'], { cwd: dir });
  t.is(relaxed.exitCode, 0, relaxed.stderr);
  t.regex(relaxed.stderr, /warning +Deployment shop\/web .*\[unexpected\]/);
});

test('under pre-commit the fix hint names the hook, not a command that is not on PATH', async (t) => {
  const dir = workdir({ 'ns.yaml': namespace('enabled'), 'cart.yaml': deployment('cart') });
  const plain = await runCli(['check', '-f', '.'], { cwd: dir });
  t.regex(plain.stderr, /run 'inject-istio-sidecar inject --in-place' to fix/);
  const hook = await runCli(['check', '-f', '.'], { cwd: dir, env: { PRE_COMMIT: '1' } });
  t.is(hook.exitCode, 1);
  t.regex(hook.stderr, /run the inject-istio-sidecar-fix hook \('pre-commit run inject-istio-sidecar-fix --all-files'\) to fix/);
  t.notRegex(hook.stderr, /run 'inject-istio-sidecar inject/);
  t.is(readFileSync(join(dir, 'cart.yaml'), 'utf8'), deployment('cart'), 'check never writes');
});
