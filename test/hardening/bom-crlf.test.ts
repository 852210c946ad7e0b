// Finding 3: a UTF-8 BOM and CRLF line breaks survive injection (a BOM once, at the start).
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { deployment, inject, workdir } from './helpers.js';

const BOM = '\uFEFF';
const crlf = (s: string) => s.replace(/\n/g, '\r\n');

for (const [name, text] of [
  ['BOM', BOM + deployment()],
  ['BOM + CRLF', BOM + crlf(deployment())],
  ['CRLF', crlf(deployment())],
] as const) {
  test(`${name}: injected output keeps it, stays valid and unindented`, async (t) => {
    const run = await inject(['-q', '-f', '-'], { stdin: text });
    t.is(run.exitCode, 0, run.stderr);
    const out = run.stdout;
    t.true(out.includes('istio-proxy'));
    t.is(out.startsWith(BOM), text.startsWith(BOM));
    t.is(out.split(BOM).length - 1, text.startsWith(BOM) ? 1 : 0, 'one BOM at most');
    const body = out.replace(/^\uFEFF/, '');
    t.true(body.startsWith('apiVersion: apps/v1'));
    t.regex(body, /\nkind: Deployment\r?\n/);
    if (text.includes('\r\n')) t.false(/[^\r]\n/.test(body), 'every line break stays CRLF');
    else t.false(body.includes('\r'));
    const docs = parseAllDocuments(body);
    t.true(Array.isArray(docs) && docs.every((d) => d.errors.length === 0));
  });

  test(`${name}: --in-place writes it back the same way and a second run changes nothing`, async (t) => {
    const dir = workdir({ 'app.yaml': text });
    const run = await inject(['-q', '--in-place', '-f', 'app.yaml'], { cwd: dir });
    t.is(run.exitCode, 0, run.stderr);
    const once = readFileSync(join(dir, 'app.yaml'), 'utf8');
    t.is(once.startsWith(BOM), text.startsWith(BOM));
    t.true(once.replace(/^\uFEFF/, '').startsWith('apiVersion: apps/v1\r\nkind') || once.replace(/^\uFEFF/, '').startsWith('apiVersion: apps/v1\nkind'));
    await inject(['-q', '--in-place', '-f', 'app.yaml'], { cwd: dir });
    t.is(readFileSync(join(dir, 'app.yaml'), 'utf8'), once);
  });
}

test('two BOM files joined on stdout carry one BOM, at the start', async (t) => {
  const dir = workdir({ 'a.yaml': BOM + deployment(), 'b.yaml': BOM + deployment().replace('name: web', 'name: api') });
  const run = await inject(['-q', '-f', 'a.yaml', '-f', 'b.yaml'], { cwd: dir });
  t.is(run.exitCode, 0, run.stderr);
  t.true(run.stdout.startsWith(BOM));
  t.is(run.stdout.split(BOM).length, 2);
});

test('a BOM ResourceList through the KRM function stays valid', async (t) => {
  const { runCli } = await import('../../src/cli/run-inject.js');
  const items = deployment().split('\n').map((l, i) => (l ? `${i === 0 ? '- ' : '  '}${l}` : l)).join('\n');
  const list = `${BOM}apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nfunctionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  data: {selector: all}\nitems:\n${items}`;
  const run = await runCli([], { stdin: list });
  t.is(run.exitCode, 0, run.stderr);
  t.true(run.stdout.startsWith(`${BOM}apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n`));
  t.true(run.stdout.includes('istio-proxy'));
  const docs = parseAllDocuments(run.stdout.slice(1));
  t.true(Array.isArray(docs) && docs.every((d) => d.errors.length === 0));
});
