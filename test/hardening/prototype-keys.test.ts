// Finding 5: every Object.prototype member name is plain data wherever input text becomes a key:
// annotations, labels, namespace labels, template names, aliases, mesh defaultConfig and values keys,
// function config maps. None may throw, be mistaken for a known key, or change a prototype.
import test from 'ava';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { runCli } from '../../src/cli/run-inject.js';
import { deployment, inject, isCleanError, workdir } from './helpers.js';

const NAMES = Object.getOwnPropertyNames(Object.prototype);

test('the list covers the names the audit found', (t) => {
  for (const n of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__']) t.true(NAMES.includes(n));
});

const q = (s: string) => JSON.stringify(s);

async function injected(t: import('ava').ExecutionContext, podMeta: string, extra: string[] = [], files: Record<string, string> = {}, podLabel = '') {
  const dir = workdir({ 'app.yaml': deployment(podMeta).replace('        app: web\n    spec:', `        app: web\n${podLabel}    spec:`), ...files });
  const run = await inject(['-q', ...extra, '-f', 'app.yaml'], { cwd: dir });
  t.true(isCleanError(run.stderr), run.stderr);
  return run;
}

for (const name of NAMES) {
  test(`${name}: as a pod annotation and label it is data and comes out unchanged`, async (t) => {
    const run = await injected(t, `      annotations:\n        ${q(name)}: "x"\n`, [], {}, `        ${q(name)}: "y"\n`);
    t.is(run.exitCode, 0, run.stderr);
    t.true(run.stdout.includes('istio-proxy'));
    t.true(run.stdout.includes(`${q(name)}: "x"`));
    t.true(run.stdout.includes(`${q(name)}: "y"`));
  });

  test(`${name}: as a requested template name it is "not found", an error naming it`, async (t) => {
    const run = await injected(t, `      annotations:\n        inject.istio.io/templates: ${q(name)}\n`);
    t.is(run.exitCode, 1);
    t.regex(run.stderr, new RegExp(`template "${name.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&')}" not found`));
  });

  test(`${name}: as a template given with --template it renders`, async (t) => {
    const run = await injected(t, `      annotations:\n        inject.istio.io/templates: sidecar,${q(name).slice(1, -1)}\n`, ['--template', `${name}=t.ejs`], {
      't.ejs': 'metadata:\n  annotations:\n    rendered: "yes"\n',
    });
    t.is(run.exitCode, 0, run.stderr);
    t.regex(run.stdout, /rendered: "yes"/);
  });

  test(`${name}: as an alias, a namespace label, and a key of values and mesh defaultConfig`, async (t) => {
    const dir = workdir({
      'app.yaml': `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    ${q(name)}: "z"\n    istio-injection: enabled\n---\n${deployment(`      annotations:\n        inject.istio.io/templates: ${q(name)}\n`)}`,
      'config.yaml': `policy: enabled\naliases:\n  ${q(name)}: [sidecar]\ntemplates: {}\n`,
      'values.yaml': `${q(name)}: 1\nglobal:\n  ${q(name)}: {a: 1}\n`,
      'mesh.yaml': `defaultConfig:\n  proxyMetadata:\n    ${q(name)}: "m"\n`,
    });
    const run = await runCli(['inject', '-q', '--injectConfigFile', 'config.yaml', '--valuesFile', 'values.yaml', '--meshConfigFile', 'mesh.yaml', '-f', 'app.yaml'], { cwd: dir });
    t.true(isCleanError(run.stderr), run.stderr);
    t.is(run.exitCode, 0, run.stderr);
    t.true(run.stdout.includes('istio-proxy'));
  });

  test(`${name}: as an unknown mesh defaultConfig field it is an error naming it, not a crash`, async (t) => {
    const dir = workdir({ 'app.yaml': deployment(), 'mesh.yaml': `defaultConfig:\n  ${q(name)}: 1\n` });
    const run = await inject(['-q', '--meshConfigFile', 'mesh.yaml', '-f', 'app.yaml'], { cwd: dir });
    t.true(isCleanError(run.stderr), run.stderr);
    t.is(run.stdout === '', run.exitCode !== 0);
  });

  test(`${name}: as a proxy.istio.io/config key and a function config namespace label`, async (t) => {
    const dir = workdir({
      'app.yaml': deployment(`      annotations:\n        proxy.istio.io/config: '{${q(name)}: 1}'\n`),
      'fc.yaml': `apiVersion: inject-istio-sidecar.io/v1alpha1\nkind: InjectIstioSidecar\nselector: all\nnamespaces:\n  ${q(name)}:\n    ${q(name)}: "v"\n`,
    });
    const run = await runCli(['inject', '-q', '--config', 'fc.yaml', '-f', 'app.yaml'], { cwd: dir });
    t.true(isCleanError(run.stderr), run.stderr);
    t.is(run.exitCode, 0, run.stderr);
    t.true(run.stdout.includes('istio-proxy'));
  });

  test(`${name}: as a ProxyConfig enum value it is invalid, not a known value`, async (t) => {
    const dir = workdir({ 'app.yaml': deployment(`      annotations:\n        proxy.istio.io/config: '{interceptionMode: ${q(name)}}'\n`) });
    const run = await inject(['-q', '-f', 'app.yaml'], { cwd: dir });
    t.true(isCleanError(run.stderr), run.stderr);
    t.is(run.exitCode, 1);
    t.regex(run.stderr, /interceptionMode: expected one of/);
  });
}

test('Object.prototype is untouched after all of it', (t) => {
  t.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), [...NAMES].sort());
  t.is(({} as Record<string, unknown>).a, undefined);
});
void join;
void writeFileSync;
