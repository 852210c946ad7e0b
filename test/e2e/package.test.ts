// The npm package as a user gets it: `npm pack` (scripts skipped: `npm test` has just built), an offline
// install of the tarball into a temporary prefix, and the installed command run on an example.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { examplesDir, repoRoot } from './paths.js';

const REPOSITORY = 'https://github.com/inject-istio-sidecar/inject-istio-sidecar';
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

function npm(args: string[], cwd: string) {
  const r = spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });
  if (r.error) throw r.error;
  return r;
}

test('package.json: no runtime dependencies (the bundle has them), built on prepack, with repository fields', (t) => {
  t.deepEqual(pkg.dependencies ?? {}, {});
  t.is(pkg.scripts.postinstall, undefined, 'no build at the consumer');
  t.regex(pkg.scripts.prepack, /npm run build/);
  t.regex(pkg.scripts.test, /^npm run build\b.*&& ava/, 'npm test still builds first (CI runs npm ci, then npm test)');
  t.is(pkg.repository.url, `git+${REPOSITORY}.git`);
  t.is(pkg.homepage, `${REPOSITORY}#readme`);
  t.is(pkg.bugs.url, `${REPOSITORY}/issues`);
  t.true(pkg.keywords.includes('istio') && pkg.keywords.includes('kpt'));
  t.is(pkg.license, 'Apache-2.0');
  // pre-commit takes all of `npm pack`'s stdout as the tarball name: the prepack banner must not be there.
  t.regex(readFileSync(join(repoRoot, '.npmrc'), 'utf8'), /^foreground-scripts=false$/m);
});

test('npm pack ships exactly the bundle, bin, schema, README, LICENSE and CHANGELOG; the installed command works offline', (t) => {
  const work = mkdtempSync(join(tmpdir(), 'iis-pack-'));
  const pack = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], repoRoot);
  t.is(pack.status, 0, pack.stderr);
  const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  const paths = info!.files.map((f) => f.path).sort();
  // The bundle is split: the entry plus the chunks its dynamic imports (subcommands, shared code) load.
  const chunks = paths.filter((p) => p.startsWith('dist/bundle/chunks/'));
  t.true(chunks.length > 0, 'the bundle\'s chunks are packed');
  for (const chunk of chunks) t.regex(chunk, /^dist\/bundle\/chunks\/[\w-]+\.mjs$/);
  t.deepEqual(paths.filter((p) => !chunks.includes(p)), [
    'CHANGELOG.md', 'LICENSE', 'README.md', 'bin/inject-istio-sidecar.js', 'dist/bundle/inject-istio-sidecar.mjs', 'package.json', 'schema/function-config.schema.json',
  ]);
  t.deepEqual(chunks, readdirSync(join(repoRoot, 'dist/bundle/chunks')).map((f) => `dist/bundle/chunks/${f}`).sort(), 'every chunk the build wrote');
  t.regex(readFileSync(join(repoRoot, 'LICENSE'), 'utf8'), /Apache License\s+Version 2\.0, January 2004[\s\S]*END OF TERMS AND CONDITIONS/);

  const prefix = join(work, 'prefix');
  const install = npm(['install', '--offline', '--global', '--prefix', prefix, join(work, info!.filename)], work);
  t.is(install.status, 0, install.stderr);
  const bin = join(prefix, 'bin', 'inject-istio-sidecar');
  t.true(existsSync(bin));
  t.deepEqual(readdirSync(join(prefix, 'lib', 'node_modules')), ['inject-istio-sidecar'], 'nothing else was installed');
  const quickstart = join(examplesDir, 'quickstart');
  const run = spawnSync(bin, ['inject', '-f', 'resources.yaml'], { cwd: quickstart, encoding: 'utf8' });
  t.is(run.status, 0, run.stderr);
  t.is(run.stdout, readFileSync(join(quickstart, '.expected', 'stdout.yaml'), 'utf8'));
  // Every subcommand's chunk loads from the installed package (completion loads them all).
  const completion = spawnSync(bin, ['completion', 'bash'], { encoding: 'utf8' });
  t.is(completion.status, 0, completion.stderr);
  for (const name of ['inject', 'check', 'uninject', 'webhook', 'webhook-config']) t.regex(completion.stdout, new RegExp(`^    ${name}\\) flags=`, 'm'));
  const version = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  t.is(version.stdout.split('\n')[0], `inject-istio-sidecar ${pkg.version}`);
});
