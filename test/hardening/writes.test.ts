// Finding 10: -o / --in-place write through symlinks atomically, refuse read-only files unless --force,
// rewrite several files all or none, and name the file when a write fails.
import test from 'ava';
import { chmodSync, existsSync, lstatSync, readFileSync, readdirSync, symlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { deployment, inject, isCleanError, workdir } from './helpers.js';

test('--in-place through a symlink rewrites its target and keeps the link', async (t) => {
  const dir = workdir({ 'real/app.yaml': deployment() });
  symlinkSync('real/app.yaml', join(dir, 'app.yaml'));
  const run = await inject(['-q', '--in-place', '-f', 'app.yaml'], { cwd: dir });
  t.is(run.exitCode, 0, run.stderr);
  t.true(lstatSync(join(dir, 'app.yaml')).isSymbolicLink());
  t.true(readFileSync(join(dir, 'real/app.yaml'), 'utf8').includes('istio-proxy'));
  t.deepEqual(readdirSync(join(dir, 'real')), ['app.yaml'], 'no temporary file left behind');
});

test('-o through a symlink rewrites its target and keeps the link', async (t) => {
  const dir = workdir({ 'app.yaml': deployment(), 'out/real.yaml': 'old\n' });
  symlinkSync('out/real.yaml', join(dir, 'result.yaml'));
  const run = await inject(['-q', '-f', 'app.yaml', '-o', 'result.yaml'], { cwd: dir });
  t.is(run.exitCode, 0, run.stderr);
  t.true(lstatSync(join(dir, 'result.yaml')).isSymbolicLink());
  t.true(readFileSync(join(dir, 'out/real.yaml'), 'utf8').includes('istio-proxy'));
});

test('a read-only file is refused (exit 1, named) unless --force, which keeps its mode', async (t) => {
  const dir = workdir({ 'app.yaml': deployment() });
  chmodSync(join(dir, 'app.yaml'), 0o444);
  const refused = await inject(['-q', '--in-place', '-f', 'app.yaml'], { cwd: dir });
  t.is(refused.exitCode, 1);
  t.regex(refused.stderr, /app\.yaml: cannot write: the file is read-only \(give --force/);
  t.is(readFileSync(join(dir, 'app.yaml'), 'utf8'), deployment());
  const forced = await inject(['-q', '--in-place', '--force', '-f', 'app.yaml'], { cwd: dir });
  t.is(forced.exitCode, 0, forced.stderr);
  t.true(readFileSync(join(dir, 'app.yaml'), 'utf8').includes('istio-proxy'));
  t.is(statSync(join(dir, 'app.yaml')).mode & 0o777, 0o444);
});

test('multi-file --in-place rewrites every file or none', async (t) => {
  const dir = workdir({ 'k/a.yaml': deployment(), 'k/b.yaml': deployment().replace('name: web', 'name: api') });
  chmodSync(join(dir, 'k/b.yaml'), 0o444);
  const run = await inject(['-q', '--in-place', '-f', 'k'], { cwd: dir });
  t.is(run.exitCode, 1);
  t.is(readFileSync(join(dir, 'k/a.yaml'), 'utf8'), deployment(), 'a.yaml is not rewritten when b.yaml cannot be');
  t.deepEqual(readdirSync(join(dir, 'k')).sort(), ['a.yaml', 'b.yaml'], 'temporaries are removed');
});

test('a full disk is a located error naming the output file, and the device stays a device', async (t) => {
  if (!existsSync('/dev/full')) {
    t.log('skipped: no /dev/full on this system');
    t.pass();
    return;
  }
  const run = await inject(['-q', '-f', '-', '-o', '/dev/full'], { stdin: deployment() });
  t.is(run.exitCode, 1);
  t.regex(run.stderr, /^error: \/dev\/full: cannot write: no space left on device\n$/);
  t.true(isCleanError(run.stderr));
  t.true(statSync('/dev/full').isCharacterDevice());
});
