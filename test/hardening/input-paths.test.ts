// Finding 2: paths from the input (function config) stay inside the working directory; a directory walk
// reads regular files only and skips symlinks that leave it. Command-line paths may point anywhere.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run-inject.js';
import { deployment, inject, isCleanError, krmFailure, workdir } from './helpers.js';

const SECRET = 'secret-outside-the-package';

function outsideFile(): string {
  const dir = workdir({ 'values.yaml': `global: {hub: ${SECRET}}\n` });
  return join(dir, 'values.yaml');
}

function krm(valuesFile: string): string {
  return `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nfunctionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  data:\n    selector: all\n    valuesFile: ${JSON.stringify(valuesFile)}\nitems: []\n`;
}

test('function config: an absolute valuesFile is refused', async (t) => {
  const input = krm(outsideFile());
  const run = await runCli([], { stdin: input, cwd: workdir() });
  const [error] = krmFailure(t, run, input);
  t.regex(error!.message, /absolute paths are not allowed/);
  t.false(run.stdout.includes(SECRET) || run.stderr.includes(SECRET), 'the file outside is never read');
});

test('function config: a ../ escape is refused', async (t) => {
  const outside = outsideFile();
  const pkg = join(outside, '..', 'pkg');
  mkdirSync(pkg);
  const input = krm('../values.yaml');
  const run = await runCli([], { stdin: input, cwd: pkg });
  const [error] = krmFailure(t, run, input);
  t.regex(error!.message, /leaves the working directory/);
  t.false(run.stdout.includes(SECRET));
});

for (const field of ['valuesFile', 'meshConfigFile', 'injectorConfigFile']) {
  test(`function config: ${field} through a symlink that leaves the package is refused`, async (t) => {
    const pkg = workdir({ 'app.yaml': deployment() });
    symlinkSync(outsideFile(), join(pkg, 'link.yaml'));
    writeFileSync(join(pkg, 'fc.yaml'), `apiVersion: inject-istio-sidecar.io/v1alpha1\nkind: InjectIstioSidecar\n${field}: link.yaml\n`);
    const run = await inject(['--config', 'fc.yaml', '-f', 'app.yaml'], { cwd: pkg });
    t.is(run.exitCode, 1);
    t.is(run.stdout, '');
    t.regex(run.stderr, /link\.yaml: a symlink on the path leads outside the working directory/);
  });
}

test('function config: a symlink that stays inside the package is fine', async (t) => {
  const pkg = workdir({ 'istio/values.yaml': 'global: {hub: example.com/istio}\n', 'app.yaml': deployment() });
  symlinkSync('istio/values.yaml', join(pkg, 'v.yaml'));
  writeFileSync(join(pkg, 'fc.yaml'), 'apiVersion: inject-istio-sidecar.io/v1alpha1\nkind: InjectIstioSidecar\nvaluesFile: v.yaml\n');
  const run = await inject(['-q', '--config', 'fc.yaml', '-f', 'app.yaml'], { cwd: pkg });
  t.is(run.exitCode, 0, run.stderr);
  t.regex(run.stdout, /image: example\.com\/istio\/proxyv2/);
});

test('command line: --valuesFile may point outside the working directory', async (t) => {
  const pkg = workdir({ 'app.yaml': deployment() });
  const run = await inject(['-q', '--valuesFile', outsideFile(), '-f', 'app.yaml'], { cwd: pkg });
  t.is(run.exitCode, 0, run.stderr);
  t.true(run.stdout.includes(`${SECRET}/proxyv2`));
});

test('inject -f DIR: symlinks leaving the directory are skipped with a warning, never read', async (t) => {
  const pkg = workdir({ 'k/app.yaml': deployment() });
  symlinkSync('/etc/passwd', join(pkg, 'k', 'passwd.yaml'));
  symlinkSync('/dev/zero', join(pkg, 'k', 'zero.yaml'));
  symlinkSync('app.yaml', join(pkg, 'k', 'same.yaml'));
  const run = await inject(['-f', 'k'], { cwd: pkg });
  t.is(run.exitCode, 0, run.stderr);
  t.false(run.stdout.includes('root:'));
  t.regex(run.stderr, /k\/passwd\.yaml: skipped, a symlink that leads outside k/);
  t.regex(run.stderr, /k\/zero\.yaml: skipped, a symlink that leads outside k/);
  t.is(run.stdout.split('kind: Deployment').length - 1, 2, 'app.yaml and the symlink to it inside k');
});

test('inject -f DIR: a FIFO in the directory is refused, not waited on', async (t) => {
  const pkg = workdir({ 'k/app.yaml': deployment() });
  execFileSync('mkfifo', [join(pkg, 'k', 'pipe.yaml')]);
  const run = await inject(['-f', 'k'], { cwd: pkg });
  t.is(run.exitCode, 1);
  t.is(run.stdout, '');
  t.regex(run.stderr, /k\/pipe\.yaml: not a regular file \(a FIFO\)/);
  t.true(isCleanError(run.stderr));
});

test('inject -f /dev/zero (command line) stops at the input bound', async (t) => {
  const run = await inject(['--max-input-bytes', '1Mi', '-f', '/dev/zero']);
  t.is(run.exitCode, 1);
  t.regex(run.stderr, /\/dev\/zero: input larger than 1 MiB/);
});
