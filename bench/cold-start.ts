// Cold start: kpt and kustomize start the function once per run, so the wall time of one small
// ResourceList through a fresh `node bin/inject-istio-sidecar.js` process is what a user waits for.
// Measured next to `node -e 0` (Node's own start-up, the floor) and next to the unbundled modules
// (dist/src, what bin/ falls back to without the bundle), each in fresh processes, alternating.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = `${root}bin/inject-istio-sidecar.js`;
const bundle = `${root}dist/bundle/inject-istio-sidecar.mjs`;
const modules = `${root}dist/src/cli/main.js`;

/** One Namespace that asks for sidecars, one Deployment in it, one Service: the README demo. */
export const smallResourceList = `apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
- apiVersion: v1
  kind: Namespace
  metadata:
    name: shop
    labels:
      istio-injection: enabled
- apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    namespace: shop
  spec:
    selector:
      matchLabels: {app: web}
    template:
      metadata:
        labels: {app: web}
      spec:
        containers:
        - name: web
          image: nginx:1.27
          ports:
          - containerPort: 8080
- apiVersion: v1
  kind: Service
  metadata:
    name: web
    namespace: shop
  spec:
    selector: {app: web}
    ports:
    - port: 80
`;

function timeOnce(args: string[], input: string): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { input, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

function stats(xs: number[]): { median: number; p90: number; min: number } {
  const s = [...xs].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return { median: round(s[Math.floor(s.length / 2)]!), p90: round(s[Math.floor(s.length * 0.9)]!), min: round(s[0]!) };
}

/** Wall time of a small ResourceList through a fresh process: bundle (what bin/ runs), modules, and `node -e 0`. */
export async function benchColdStart(runs = 21): Promise<Record<string, unknown>> {
  const variants: Record<string, string[]> = { 'node -e 0 (floor)': ['-e', '0'] };
  if (existsSync(bundle)) variants['bin/inject-istio-sidecar.js (bundle)'] = [bin];
  // The unbundled modules, through a tiny loader that calls main() as bin/ would.
  if (existsSync(modules)) {
    variants['dist/src modules (no bundle)'] = [
      '--input-type=module',
      '-e',
      `const { main } = await import(${JSON.stringify(modules)}); process.exitCode = await main([]);`,
    ];
  }
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  const failed: Record<string, string> = {};
  // Warm the OS file cache once (and drop a variant that does not run), then alternate so drift
  // hits every variant alike.
  for (const [name, args] of Object.entries(variants)) {
    try {
      timeOnce(args, smallResourceList);
    } catch (err) {
      failed[name] = (err as Error).message.split('\n').slice(0, 3).join(' ');
      delete variants[name];
      delete samples[name];
    }
  }
  for (let i = 0; i < runs; i++) {
    for (const [name, args] of Object.entries(variants)) samples[name]!.push(timeOnce(args, smallResourceList));
  }
  const out: Record<string, unknown> = { runs, input: 'ResourceList: 1 Namespace, 1 Deployment, 1 Service', unit: 'ms wall time per process' };
  for (const [name, xs] of Object.entries(samples)) out[name] = stats(xs);
  for (const [name, message] of Object.entries(failed)) out[name] = { error: message };
  const floor = stats(samples['node -e 0 (floor)']!).median;
  const b = samples['bin/inject-istio-sidecar.js (bundle)'];
  if (b) {
    out['bundle minus floor (ms)'] = Math.round((stats(b).median - floor) * 10) / 10;
    out['under 150 ms'] = stats(b).median < 150;
  } else {
    out.note = 'dist/bundle/inject-istio-sidecar.mjs not built: run npm run build';
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(await benchColdStart(), null, 2));
}
