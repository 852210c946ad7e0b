// The lazily loaded command index (src/cli/command-index.ts) against the commands themselves: every
// command is there, under its own name and summary, and the top-level help lists them all.
import test from 'ava';
import { commandIndex } from '../../src/cli/command-index.js';
import { runCli } from '../../src/cli/run-inject.js';

test('every command is in the index with its own name and summary', async (t) => {
  t.deepEqual(commandIndex.map((e) => e.name), ['inject', 'check', 'uninject', 'webhook', 'webhook-config', 'completion']);
  for (const entry of commandIndex) {
    const cmd = await entry.load();
    t.is(cmd.name, entry.name);
    t.is(cmd.summary, entry.summary, `${entry.name}: the index repeats the command's summary`);
  }
});

test('--help lists every command; --version still answers without loading one', async (t) => {
  const help = await runCli(['--help']);
  t.is(help.exitCode, 0);
  for (const entry of commandIndex) t.regex(help.stdout, new RegExp(`^  ${entry.name} +${entry.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
  const version = await runCli(['--version']);
  t.is(version.exitCode, 0);
  t.regex(version.stdout, /^inject-istio-sidecar \d+\.\d+\.\d+\nverified against Istio /);
  const typo = await runCli(['uninjct']);
  t.is(typo.exitCode, 2);
  t.regex(typo.stderr, /unknown command "uninjct"; did you mean uninject\?/);
});
