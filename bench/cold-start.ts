// Cold start: kpt and kustomize start the function once per run, so one small ResourceList through a
// fresh `node bin/inject-istio-sidecar.js` is what a user waits for. Measured next to `node -e 0`
// (Node's own start-up, the floor), each in fresh processes, alternating; CPU and wall time.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alternate, measure, ratio } from './measure.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = `${root}bin/inject-istio-sidecar.js`;

/** One Deployment whose pod asks for a sidecar by label: one item, one injection. */
export const oneItemResourceList = `apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
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
        labels: {app: web, sidecar.istio.io/inject: "true"}
      spec:
        containers:
        - name: web
          image: nginx:1.27
          ports:
          - containerPort: 8080
`;

export function benchColdStart(runs = Number(process.env.BENCH_COLD_RUNS ?? 21)): void {
  const dir = mkdtempSync(join(tmpdir(), 'iis-cold-'));
  const list = join(dir, 'one-item.yaml');
  const out = join(dir, 'out.yaml');
  writeFileSync(list, oneItemResourceList);
  const r = alternate({
    floor: () => measure(['-e', '0']),
    tool: () => measure([bin], list, out),
  }, runs);
  console.log(`Cold start: a 1-item ResourceList (one Deployment injected) through bin/inject-istio-sidecar.js, ${runs} alternating runs, medians`);
  console.log('| | CPU | wall | peak RSS |');
  console.log('|---|---:|---:|---:|');
  console.log(`| node -e 0 | ${r.floor!.cpuMs.toFixed(0)} ms | ${r.floor!.wallMs.toFixed(0)} ms | ${r.floor!.rssMiB.toFixed(0)} MiB |`);
  console.log(`| inject-istio-sidecar | ${r.tool!.cpuMs.toFixed(0)} ms | ${r.tool!.wallMs.toFixed(0)} ms | ${r.tool!.rssMiB.toFixed(0)} MiB |`);
  console.log(`| ratio | ${ratio(r.tool!.cpuMs, r.floor!.cpuMs)} | ${ratio(r.tool!.wallMs, r.floor!.wallMs)} | ${ratio(r.tool!.rssMiB, r.floor!.rssMiB)} |`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) benchColdStart();
