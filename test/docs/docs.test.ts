// The documentation works verbatim: the commands the examples' READMEs give run as written, every
// repository URL is the one placeholder, pre-commit's `rev:` names the tag of this version, and README
// links that leave the package are absolute.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { examplesDir, repoRoot } from '../e2e/paths.js';
import { makeBinDir, pathWith } from '../examples/harness.js';
import { REPOSITORY_URL, VERSION } from '../../src/cli/about.js';

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const exampleReadmes = readdirSync(examplesDir).filter((d) => existsSync(join(examplesDir, d, 'README.md'))).map((d) => join('examples', d, 'README.md'));
const docs = ['README.md', 'examples/README.md', ...exampleReadmes, 'function/README.md', 'function/metadata.yaml', '.pre-commit-hooks.yaml', 'examples/pre-commit/.pre-commit-config.yaml', 'CHANGELOG.md'];

/** Shell lines of the ```sh/```bash blocks. */
function shellLines(markdown: string): string[][] {
  const blocks: string[][] = [];
  for (const m of markdown.matchAll(/^```(?:sh|bash|shell)\n([\s\S]*?)^```/gm)) blocks.push(m[1]!.split('\n').filter((l) => l.trim() !== ''));
  return blocks;
}

test('one version and one repository URL everywhere; pre-commit rev names the release tag', (t) => {
  t.is(VERSION, pkg.version);
  t.is(pkg.repository.url, `git+${REPOSITORY_URL}.git`);
  for (const file of docs) {
    const text = readFileSync(join(repoRoot, file), 'utf8');
    for (const m of text.matchAll(/https?:\/\/[^\s)"'`>]*inject-istio-sidecar[^\s)"'`>]*/g)) {
      t.true(m[0].startsWith(REPOSITORY_URL), `${file}: ${m[0]} is not the repository URL ${REPOSITORY_URL}`);
    }
    t.notRegex(text, /example\.com\/your-fork/, file);
    for (const m of text.matchAll(/^\s*-?\s*repo: (\S+)/gm)) t.is(m[1], REPOSITORY_URL, `${file}: pre-commit repo`);
    for (const m of text.matchAll(/^\s*rev: (\S+)/gm)) t.is(m[1], `v${pkg.version}`, `${file}: pre-commit rev must be the tag of package.json's version`);
  }
});

test('README links that point outside the package are absolute repository URLs', (t) => {
  const shipped = new Set(pkg.files as string[]);
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  for (const m of readme.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
    const target = m[1]!;
    if (/^https?:\/\//.test(target)) continue;
    t.true(shipped.has(target), `README links ${target}, which the package does not contain: use ${REPOSITORY_URL}/blob/main/${target}`);
  }
  for (const m of readme.matchAll(new RegExp(`${REPOSITORY_URL}/(?:blob|tree)/main/([^)#\\s]+)`, 'g'))) {
    t.true(existsSync(join(repoRoot, m[1]!)), `README links ${m[0]}, which does not exist in the repository`);
  }
});

test("the inject-istio-sidecar commands in the examples' READMEs run verbatim", (t) => {
  const work = mkdtempSync(join(tmpdir(), 'iis-docs-'));
  cpSync(examplesDir, join(work, 'examples'), { recursive: true });
  const path = pathWith(makeBinDir());
  let ran = 0;
  for (const file of exampleReadmes) {
    for (const block of shellLines(readFileSync(join(repoRoot, file), 'utf8'))) {
      let cwd = work;
      for (const line of block) {
        const cd = /^cd (\S+)\s*(?:#.*)?$/.exec(line);
        if (cd) {
          cwd = resolve(cwd, cd[1]!);
          continue;
        }
        // Only our command; lines that need kpt, kubectl, kustomize, docker or npm have their own e2e tests.
        if (!/(^|\| )inject-istio-sidecar /.test(line) || /\b(kpt|kubectl|kustomize|docker|npm|pre-commit)\b/.test(line.split('#')[0]!)) continue;
        if (!existsSync(cwd)) continue; // a directory of the reader's own (cd your-repo)
        const r = spawnSync('bash', ['-c', `set -o pipefail; ${line}`], { cwd, encoding: 'utf8', env: { ...process.env, PATH: path } });
        ran++;
        t.true(r.status === 0 || r.status === 1, `${file}: \`${line}\` exited ${r.status}: ${r.stderr}`);
        t.notRegex(r.stderr, /unknown flag|unknown command|no such file|internal error|Usage:/, `${file}: \`${line}\``);
        if (r.status === 1) t.regex(r.stderr, /\[(missing|stale|unexpected)\]/, `${file}: \`${line}\` fails only as a check that found work`);
      }
    }
  }
  t.true(ran >= 8, `only ${ran} commands found`);
});
