// End to end with the real pre-commit: this checkout, committed into a scratch git repository, is the
// hook repository (pre-commit clones it, `npm install`s it, which builds it through `prepare`, packs
// and installs it into a node environment); examples/pre-commit is the consumer repository. The
// check hook must fail naming the stale workload, the fix hook must write the sidecar (and so fail
// once, as pre-commit does for hooks that modify files), after which the check passes.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { examplesDir, repoRoot } from './paths.js';
import { testWithTools } from './tools.js';

const gitEnv = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };

function sh(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...gitEnv, ...env }, maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  return r;
}

function must(r: ReturnType<typeof sh>, what: string): string {
  if (r.status !== 0) throw new Error(`${what} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** This checkout's files (tracked and new, not ignored) committed into a fresh repository; returns [dir, sha]. */
function hookRepository(work: string): [string, string] {
  const dir = join(work, 'hook-repo');
  const files = must(sh('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], repoRoot), 'git ls-files').split('\0').filter(Boolean);
  for (const f of files) {
    try {
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      cpSync(join(repoRoot, f), join(dir, f));
    } catch {
      // deleted in the working tree but still in the index: not part of what we test
    }
  }
  must(sh('git', ['init', '-q'], dir), 'git init');
  must(sh('git', ['add', '-A'], dir), 'git add');
  must(sh('git', ['commit', '-q', '-m', 'hook repository under test'], dir), 'git commit');
  return [dir, must(sh('git', ['rev-parse', 'HEAD'], dir), 'git rev-parse').trim()];
}

testWithTools('pre-commit runs the check and fix hooks from .pre-commit-hooks.yaml (language: node)', ['pre-commit', 'git'], (t, tools) => {
  const work = mkdtempSync(join(tmpdir(), 'iis-pre-commit-'));
  const [hookRepo, sha] = hookRepository(work);

  const consumer = join(work, 'consumer');
  cpSync(join(examplesDir, 'pre-commit'), consumer, { recursive: true, filter: (src) => !src.includes('/.expected') });
  const config = readFileSync(join(consumer, '.pre-commit-config.yaml'), 'utf8')
    .replace(/repo: \S+/, `repo: ${hookRepo}`)
    .replace(/rev: \S+/, `rev: ${sha}`)
    .replace(/# - id: inject-istio-sidecar-fix\n(\s*)#   args: (.*)\n/, '- id: inject-istio-sidecar-fix\n$1  args: $2\n$1  stages: [manual]\n');
  t.true(config.includes('inject-istio-sidecar-fix'), 'the example config carries the (commented) fix hook');
  writeFileSync(join(consumer, '.pre-commit-config.yaml'), config);
  must(sh('git', ['init', '-q'], consumer), 'git init');
  must(sh('git', ['add', '-A'], consumer), 'git add');

  // A private pre-commit cache, so the hook environment is built from this checkout, not reused.
  const env = { PRE_COMMIT_HOME: join(work, 'cache'), PRE_COMMIT_COLOR: 'never', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
  const check = sh(tools['pre-commit']!, ['run', 'inject-istio-sidecar-check', '--all-files'], consumer, env);
  t.log(check.stdout.slice(-1500));
  if (/npm error enoent[\s\S]*> inject-istio-sidecar@[^\n]* prep(are|ack)/.test(check.stdout)) {
    t.log(
      "pre-commit takes all of `npm pack`'s stdout as the tarball name, and npm prints a banner there for " +
        'every pack lifecycle script (prepare, prepack) run in the foreground: keep foreground-scripts=false in .npmrc.',
    );
  }
  t.is(check.status, 1, 'the check hook fails: deploy/backend.yaml has no sidecar');
  t.regex(check.stdout, /backend/, 'and names the workload');
  t.notRegex(check.stdout, /error: internal error/);
  const backendBefore = readFileSync(join(consumer, 'deploy/backend.yaml'), 'utf8');

  const fix = sh(tools['pre-commit']!, ['run', 'inject-istio-sidecar-fix', '--all-files', '--hook-stage', 'manual'], consumer, env);
  t.is(fix.status, 1, 'the fix hook modifies files, which pre-commit reports as a failure once');
  t.regex(fix.stdout, /files were modified by this hook/);
  const backendAfter = readFileSync(join(consumer, 'deploy/backend.yaml'), 'utf8');
  t.not(backendAfter, backendBefore);
  t.true(backendAfter.includes('istio-proxy'), 'deploy/backend.yaml now carries the sidecar');

  must(sh('git', ['add', '-A'], consumer), 'git add');
  const again = sh(tools['pre-commit']!, ['run', 'inject-istio-sidecar-check', '--all-files'], consumer, env);
  t.is(again.status, 0, `after the fix the check passes:\n${again.stdout}`);
});
