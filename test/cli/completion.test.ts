import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run-inject.js';
import { closest } from '../../src/cli/did-you-mean.js';

/** Runs the bash completion function for a command line whose last word is being completed. */
function complete(script: string, words: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'iis-completion-'));
  writeFileSync(join(dir, 'c.bash'), script);
  const quoted = words.map((w) => `'${w}'`).join(' ');
  const r = spawnSync('bash', ['-c', `source ${dir}/c.bash; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _inject_istio_sidecar; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8', cwd: dir });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.split('\n').filter(Boolean);
}

test('bash completion: commands, each command’s flags, and flag values', async (t) => {
  const run = await runCli(['completion', 'bash']);
  t.is(run.exitCode, 0);
  t.deepEqual(complete(run.stdout, ['inject-istio-sidecar', 'un']), ['uninject']);
  t.deepEqual(complete(run.stdout, ['inject-istio-sidecar', 'c']).sort(), ['check', 'completion']);
  t.deepEqual(complete(run.stdout, ['inject-istio-sidecar', 'check', '--allow']), ['--allow-unexpected']);
  t.deepEqual(complete(run.stdout, ['inject-istio-sidecar', 'inject', '--in']), ['--in-place', '--injectConfigFile']);
  t.deepEqual(complete(run.stdout, ['inject-istio-sidecar', 'check', '--report', 's']), ['sarif']);
  t.deepEqual(complete(run.stdout, ['inject-istio-sidecar', 'webhook', '--tls-c']), ['--tls-cert-file']);
  t.deepEqual(complete(run.stdout, ['inject-istio-sidecar', 'completion', 'z']), ['zsh']);
});

test('zsh completion is a valid zsh script naming every command', async (t) => {
  const run = await runCli(['completion', 'zsh']);
  t.is(run.exitCode, 0);
  t.true(run.stdout.startsWith('#compdef inject-istio-sidecar\n'));
  for (const c of ['inject', 'check', 'uninject', 'webhook', 'webhook-config', 'completion']) t.true(run.stdout.includes(`'${c}'`), c);
  t.regex(run.stdout, /check\) flags=\([^)]*'--allow-unexpected'/);
  const zsh = spawnSync('zsh', ['-n'], { input: run.stdout, encoding: 'utf8' });
  if (zsh.error) t.log('zsh not installed: syntax not checked');
  else t.is(zsh.status, 0, zsh.stderr);
});

test('did you mean: mistyped commands and flags get a suggestion (exit 2)', async (t) => {
  const cmd = await runCli(['injet', '-f', 'x.yaml']);
  t.is(cmd.exitCode, 2);
  t.regex(cmd.stderr, /unknown command "injet"; did you mean inject\?/);
  const flag = await runCli(['inject', '--in-plcae', '-f', 'x.yaml']);
  t.is(flag.exitCode, 2);
  t.regex(flag.stderr, /unknown flag --in-plcae; did you mean --in-place\?/);
  const far = await runCli(['check', '--frobnicate']);
  t.regex(far.stderr, /unknown flag --frobnicate\n/, 'no suggestion when nothing is close');
  const shell = await runCli(['completion', 'bsh']);
  t.regex(shell.stderr, /did you mean bash\?/);
  t.is(closest('--reprot', ['--report', '--report-file']), '--report');
  t.is(closest('uninjct', ['inject', 'uninject', 'check']), 'uninject');
});
