// The Argo CD CMP's generate command must fail when kustomize fails: an empty manifest list would
// make Argo CD prune the application. Runs plugin.yaml's command as the CMP server would (see
// ../examples/run-cmp-generate.ts) on a broken copy of the example application.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { examplesDir, repoRoot } from './paths.js';
import { testWithTools } from './tools.js';
import { makeBinDir, pathWith } from '../examples/harness.js';
import { generateCommand } from '../examples/run-cmp-generate.js';

const runner = join(repoRoot, 'dist/test/examples/run-cmp-generate.js');

function generate(plugin: string, app: string, bin: string) {
  return spawnSync(process.execPath, [runner, plugin, app], { encoding: 'utf8', env: { ...process.env, PATH: pathWith(bin) } });
}

testWithTools('argocd-cmp: a kustomize failure fails the generate command (pipefail) and prints no manifests', ['kubectl'], (t) => {
  const bin = makeBinDir();
  const work = mkdtempSync(join(tmpdir(), 'iis-cmp-'));
  cpSync(join(examplesDir, 'argocd-cmp'), work, { recursive: true });
  const kustomization = join(work, 'app/kustomization.yaml');
  writeFileSync(kustomization, readFileSync(kustomization, 'utf8').replace('- deployment.yaml', '- missing.yaml'));

  const r = generate(join(work, 'plugin.yaml'), join(work, 'app'), bin);
  t.not(r.status, 0, 'the plugin fails');
  t.is(r.stdout, '', 'and hands Argo CD nothing to apply');
  t.regex(r.stderr, /missing\.yaml/, "kustomize's error reaches Argo CD's log");

  // The guard is load-bearing: the same pipeline without pipefail would succeed with empty output.
  const plugin = readFileSync(join(work, 'plugin.yaml'), 'utf8');
  t.true(generateCommand(plugin).join(' ').includes('pipefail'));
  writeFileSync(join(work, 'plugin.yaml'), plugin.replace('set -euo pipefail', 'set -eu'));
  const unguarded = generate(join(work, 'plugin.yaml'), join(work, 'app'), bin);
  t.is(unguarded.status, 0, 'without pipefail the failure would be hidden');
});
