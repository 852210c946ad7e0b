// Runs the `generate` command of an Argo CD ConfigManagementPlugin (plugin.yaml) the way the CMP
// server does: in the application's source directory, with the ARGOCD_* build environment. No
// standalone kustomize is installable here, so a `kustomize` shim forwards `kustomize build ARGS`
// to `kubectl kustomize ARGS` (the same kustomize library).
// Usage: node run-cmp-generate.js PLUGIN_YAML APP_DIR   (exits with the command's exit code)
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

export function generateCommand(pluginYaml: string): string[] {
  const plugin = parse(pluginYaml) as { kind?: string; spec?: { generate?: { command?: string[]; args?: string[] } } };
  if (plugin?.kind !== 'ConfigManagementPlugin') throw new Error('plugin.yaml: kind must be ConfigManagementPlugin');
  const generate = plugin.spec?.generate;
  if (!generate?.command?.length) throw new Error('plugin.yaml: spec.generate.command is missing');
  return [...generate.command, ...(generate.args ?? [])];
}

export function kustomizeShimDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'iis-kustomize-'));
  const shim = join(dir, 'kustomize');
  writeFileSync(shim, '#!/bin/sh\n[ "$1" = build ] || { echo "kustomize shim: only build is supported" >&2; exit 2; }\nshift\nexec kubectl kustomize "$@"\n');
  chmodSync(shim, 0o755);
  return dir;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const [pluginPath, appDir] = process.argv.slice(2);
  if (!pluginPath || !appDir) {
    console.error('usage: run-cmp-generate PLUGIN_YAML APP_DIR');
    process.exit(2);
  }
  const [cmd, ...args] = generateCommand(readFileSync(pluginPath, 'utf8'));
  const shimDir = kustomizeShimDir();
  const r = spawnSync(cmd!, args, {
    cwd: resolve(appDir),
    stdio: 'inherit',
    env: {
      ...process.env,
      PATH: `${shimDir}:${process.env.PATH ?? ''}`,
      ARGOCD_APP_NAME: 'example',
      ARGOCD_APP_NAMESPACE: 'argocd',
      ARGOCD_APP_SOURCE_PATH: appDir,
      ARGOCD_APP_REVISION: '0000000000000000000000000000000000000000',
    },
  });
  rmSync(shimDir, { recursive: true, force: true });
  process.exit(r.status ?? 1);
}
