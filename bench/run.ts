// `npm run bench`: speed and memory of every face, each next to a floor measured in the same run.
// Prints a table; there are no pass/fail thresholds (the figures go into the closing notes).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateResourceList } from './generate-resource-list.js';

const here = new URL('.', import.meta.url).pathname;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function child(mode: string, file: string): { ms: number; maxRssMiB: number } {
  const out = execFileSync(process.execPath, [join(here, 'krm-child.js'), mode, file], { maxBuffer: 1 << 30 });
  return JSON.parse(out.toString());
}

async function benchKrm(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'iis-bench-'));
  console.log('KRM function: ResourceList of N Deployments + N Services + 50 Namespaces (median of runs, fresh process each)');
  console.log('| Deployments | function median | function peak RSS | floor (yaml parse+stringify) median | floor peak RSS |');
  console.log('|---:|---:|---:|---:|---:|');
  for (const n of [100, 1000, 10000]) {
    const file = join(dir, `list-${n}.yaml`);
    writeFileSync(file, generateResourceList(n));
    const runs = n >= 10000 ? 3 : 5;
    const fn: { ms: number; maxRssMiB: number }[] = [];
    const floor: { ms: number; maxRssMiB: number }[] = [];
    for (let i = 0; i < runs; i++) {
      fn.push(child('function', file));
      floor.push(child('floor', file));
    }
    const f = (x: number) => x.toFixed(0);
    console.log(
      `| ${n} | ${f(median(fn.map((r) => r.ms)))} ms | ${f(Math.max(...fn.map((r) => r.maxRssMiB)))} MiB | ${f(median(floor.map((r) => r.ms)))} ms | ${f(Math.max(...floor.map((r) => r.maxRssMiB)))} MiB |`,
    );
  }
}

async function optional(label: string, modulePath: string, exportName: string): Promise<void> {
  if (!existsSync(join(here, modulePath))) {
    console.log(`\n${label}: (not built)`);
    return;
  }
  const mod = (await import(join(here, modulePath))) as Record<string, () => Promise<unknown>>;
  console.log(`\n${label}:`);
  console.log(JSON.stringify(await mod[exportName]!(), null, 2));
}

await benchKrm();
await optional('Injection of a pod with 1,500 env vars (injectPod)', 'inject-large-env.js', 'benchLargeEnv');
await optional('Cold start of the CLI on a small ResourceList', 'cold-start.js', 'benchColdStart');
await optional('Webhook /inject over keep-alive HTTPS', 'webhook.js', 'benchWebhook');
await optional('Sidecar template per pod: built-in ejs vs Istio 1.30.3 Go template, and a 1,000-Deployment run', 'render-paths.js', 'benchRenderPaths');
