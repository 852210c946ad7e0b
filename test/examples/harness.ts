// The examples harness, in the manner of the kpt functions catalog's e2e runner: every
// examples/<name>/ is a package with an `.expected/` folder holding
//   config.yaml   how to run it: `requires` (tools), `exitCode`, optional `reinject` (argv)
//   exec.sh       the command, run by bash with cwd = a fresh copy of the package
//   stdout.yaml   expected stdout (absent = stdout must be empty)
//   stderr.txt    expected stderr (optional: only compared when present)
//   diff.patch    expected change of the package's files (absent = no file may change)
//   results.yaml  expected kpt FunctionResultList written to $RESULTS_DIR (optional)
//   results-rerun.yaml, stderr-rerun.txt   the same for the second run, when it reports differently
//                 (an in-place run: the second run finds the sidecars `up-to-date` instead of `injected`)
// Each example is run twice in the same copy: the second run must find nothing left to do (same
// stdout, same diff against the original, same exit code), which is the idempotency kpt's harness
// checks. With `reinject`, the first stdout piped through `inject-istio-sidecar <reinject...>` must
// come back byte-identical. UPDATE_EXPECTED=1 rewrites the expected files from the first run (inspect
// the diff by eye before committing).
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { binScript, repoRoot } from '../e2e/paths.js';
import { findTool, type ToolName } from '../e2e/tools.js';

export interface ExampleConfig {
  requires: ToolName[];
  exitCode: number;
  reinject?: string[];
}

export interface RunOutcome {
  exitCode: number;
  stdout: string;
  stderr: string;
  diff: string;
  results?: string;
}

export function readExampleConfig(exampleDir: string): ExampleConfig {
  const file = join(exampleDir, '.expected/config.yaml');
  const raw = (parse(readFileSync(file, 'utf8')) ?? {}) as Record<string, unknown>;
  const requires = (raw.requires ?? []) as ToolName[];
  const exitCode = raw.exitCode === undefined ? 0 : Number(raw.exitCode);
  if (!Array.isArray(requires) || !Number.isInteger(exitCode)) throw new Error(`${file}: requires must be a list, exitCode an integer`);
  const reinject = raw.reinject as string[] | undefined;
  return { requires, exitCode, ...(reinject ? { reinject } : {}) };
}

/** A directory with an `inject-istio-sidecar` command that runs this checkout's bin/, plus the found tools. */
export function makeBinDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'iis-bin-'));
  const wrapper = join(dir, 'inject-istio-sidecar');
  writeFileSync(wrapper, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(binScript)} "$@"\n`);
  chmodSync(wrapper, 0o755);
  return dir;
}

/** PATH with our command first, then the directories of the tools found (kubectl from .tmp/tools). */
export function pathWith(binDir: string): string {
  const dirs = [binDir];
  for (const tool of ['kubectl', 'kpt'] as const) {
    const found = findTool(tool);
    if (found && !dirs.includes(dirname(found))) dirs.push(dirname(found));
  }
  return [...dirs, process.env.PATH ?? ''].join(':');
}

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${r.stderr}`);
  return r.stdout;
}

/** A fresh copy of the example without `.expected/`, committed in its own git repository. */
export function copyExample(exampleDir: string): string {
  const work = mkdtempSync(join(tmpdir(), 'iis-example-'));
  const pkg = join(work, 'pkg');
  cpSync(exampleDir, pkg, { recursive: true, filter: (src) => !src.startsWith(join(exampleDir, '.expected')) });
  git(pkg, 'init', '-q');
  git(pkg, 'add', '-A');
  git(pkg, 'commit', '-q', '-m', 'example as committed');
  return pkg;
}

/** Replace the run's temporary paths, which differ each run, with stable placeholders. */
export function normalize(text: string, pkg: string, extra: Record<string, string> = {}): string {
  let out = text.split(pkg).join('$PKG').split(repoRoot.replace(/\/$/, '')).join('$REPO');
  for (const [from, to] of Object.entries(extra)) out = out.split(from).join(to);
  return out;
}

export function runExampleOnce(exampleDir: string, pkg: string, binDir: string): RunOutcome {
  const resultsDir = mkdtempSync(join(tmpdir(), 'iis-results-'));
  const r = spawnSync('bash', [join(exampleDir, '.expected/exec.sh')], {
    cwd: pkg,
    encoding: 'utf8',
    env: { ...process.env, PATH: pathWith(binDir), RESULTS_DIR: resultsDir, REPO_ROOT: repoRoot.replace(/\/$/, '') },
    maxBuffer: 64 << 20,
  });
  if (r.error) throw r.error;
  git(pkg, 'add', '-A');
  const diff = git(pkg, 'diff', '--cached', '--no-color', '--no-ext-diff', '--src-prefix=a/', '--dst-prefix=b/');
  const resultsFile = join(resultsDir, 'results.yaml');
  const results = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : undefined;
  rmSync(resultsDir, { recursive: true, force: true });
  const extra = { [resultsDir]: '$RESULTS_DIR', [binDir]: '$BIN' };
  return {
    exitCode: r.status ?? -1,
    stdout: normalize(r.stdout, pkg, extra),
    stderr: normalize(r.stderr, pkg, extra),
    diff: normalize(diff, pkg, extra),
    ...(results === undefined ? {} : { results: normalize(results, pkg, extra) }),
  };
}

export function readExpected(exampleDir: string, file: string): string | undefined {
  const path = join(exampleDir, '.expected', file);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** UPDATE_EXPECTED=1: write the goldens from a run (the outcome files only; config.yaml and exec.sh are hand-written). */
export function writeExpected(exampleDir: string, outcome: RunOutcome, rerun?: RunOutcome): void {
  const dir = join(exampleDir, '.expected');
  mkdirSync(dir, { recursive: true });
  const put = (file: string, text: string | undefined, keepWhenEmpty = false) => {
    const path = join(dir, file);
    if (text !== undefined && (text !== '' || keepWhenEmpty)) writeFileSync(path, text);
    else rmSync(path, { force: true });
  };
  put('stdout.yaml', outcome.stdout);
  put('diff.patch', outcome.diff);
  put('results.yaml', outcome.results);
  if (existsSync(join(dir, 'stderr.txt'))) put('stderr.txt', outcome.stderr, true);
  if (rerun) {
    put('results-rerun.yaml', rerun.results === outcome.results ? undefined : rerun.results);
    if (existsSync(join(dir, 'stderr.txt'))) put('stderr-rerun.txt', rerun.stderr === outcome.stderr ? undefined : rerun.stderr);
  }
}

/** Runs `inject-istio-sidecar ...args` with `input` on stdin. */
export function runCli(args: string[], input: string, cwd: string, binDir: string): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(join(binDir, 'inject-istio-sidecar'), args, { cwd, input, encoding: 'utf8', env: { ...process.env, PATH: pathWith(binDir) }, maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
