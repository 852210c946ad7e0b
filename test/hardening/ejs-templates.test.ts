// Finding 1: an ejs template is JavaScript. A function config (repository data) that carries one, inline
// or by file, gets an error result saying how to give it on the command line; nothing of it runs.
import test from 'ava';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run-inject.js';
import { deployment, inject, krmFailure, workdir } from './helpers.js';

const PAYLOAD = `<% require('fs').writeFileSync(${JSON.stringify('PWNED')}, 'x') %><%= process.pid %>`;

function resourceList(functionConfig: string): string {
  const items = deployment().split('\n').map((l, i) => (l ? `${i === 0 ? '- ' : '  '}${l}` : l)).join('\n');
  return `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nfunctionConfig:\n${functionConfig}items:\n${items}`;
}

test('KRM function: templates.NAME.ejs in the function config is an error result naming --template', async (t) => {
  const dir = workdir();
  const fc = `  apiVersion: inject-istio-sidecar.io/v1alpha1\n  kind: InjectIstioSidecar\n  selector: all\n  templates:\n    sidecar:\n      ejs: ${JSON.stringify(PAYLOAD)}\n`;
  const input = resourceList(fc);
  const run = await runCli([], { stdin: input, cwd: dir });
  const [error] = krmFailure(t, run, input);
  t.regex(error!.message, /templates\.sidecar: ejs templates run as code .*--template sidecar=FILE\.ejs/);
  t.is(error!.tags?.reason, 'config/error');
  t.false(run.stdout.includes(String(process.pid)), 'nothing of the template ran');
  t.false(existsSync(join(dir, 'PWNED')));
});

test('KRM function: templates.NAME.file is refused too, and the file is never read', async (t) => {
  const dir = workdir({ 't.ejs': PAYLOAD });
  const fc = `  apiVersion: inject-istio-sidecar.io/v1alpha1\n  kind: InjectIstioSidecar\n  selector: all\n  templates:\n    audit:\n      file: t.ejs\n`;
  const input = resourceList(fc);
  const run = await runCli([], { stdin: input, cwd: dir });
  const [error] = krmFailure(t, run, input);
  t.regex(error!.message, /templates\.audit: .*--template audit=FILE\.ejs/);
  t.false(existsSync(join(dir, 'PWNED')));
});

test('CLI --config: a function config file with an ejs template is refused the same way', async (t) => {
  const dir = workdir({
    'fc.yaml': `apiVersion: inject-istio-sidecar.io/v1alpha1\nkind: InjectIstioSidecar\ntemplates:\n  sidecar:\n    ejs: ${JSON.stringify(PAYLOAD)}\n`,
    'app.yaml': deployment(),
  });
  const run = await inject(['--config', 'fc.yaml', '-f', 'app.yaml'], { cwd: dir });
  t.is(run.exitCode, 1);
  t.is(run.stdout, '');
  t.regex(run.stderr, /--template sidecar=FILE\.ejs/);
  t.false(existsSync(join(dir, 'PWNED')));
});

test('the command line is trusted: --template NAME=FILE.ejs renders that template', async (t) => {
  const dir = workdir({
    'extra.ejs': 'metadata:\n  annotations:\n    audited: "<%= 1 + 1 %>"\n',
    'app.yaml': deployment('      annotations:\n        inject.istio.io/templates: sidecar,extra\n'),
  });
  const run = await inject(['-q', '--template', 'extra=extra.ejs', '-f', 'app.yaml'], { cwd: dir });
  t.is(run.exitCode, 0, run.stderr);
  t.regex(run.stdout, /audited: "2"/);
});
