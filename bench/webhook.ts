// Webhook cost: CPU per admission and admissions/s at saturation over keep-alive HTTPS on loopback,
// the real CLI (`webhook`, one worker and all) next to a floor measured in the same run: a minimal
// Node HTTPS server that reads the body and answers a fixed AdmissionReview. CPU is the servers'
// user+sys from /proc (every process of the server, workers included); the load generator runs here.
import { fork, spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median } from './measure.js';

const autocannon = createRequire(import.meta.url)('autocannon') as (opts: Record<string, unknown>) => Promise<any>;
const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = `${root}bin/inject-istio-sidecar.js`;
const releaseConfig = join(root, '..', 'shared', 'conformance', 'istio-versions', '1.30.3', 'setups', 'default.config.yaml');

const DURATION_S = Number(process.env.BENCH_WEBHOOK_SECONDS ?? 5);
const CONNECTIONS = 10;
const TICKS_PER_S = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/**
 * A typical controller-created pod: Deployment-owned, one app container with ports and probes.
 * `uid` and `podTemplateHash` default to fixed values; the bench passes autocannon's `[<id>]` so each
 * request has its own uid (as every real admission does) and, for distinct pods, its own pod.
 */
export function typicalPodReview(uid = '0df28fbd-5f5f-11e8-bc74-36e6bb280816', podTemplateHash = '7d9c8b5f4'): string {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: 'reviews-v1-7d9c8b5f4-',
      namespace: 'bookinfo',
      labels: { app: 'reviews', version: 'v1', 'pod-template-hash': podTemplateHash },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'reviews-v1-7d9c8b5f4', uid: 'b1f0c2de-1111-4c4c-9999-0123456789ab', controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      serviceAccountName: 'bookinfo-reviews',
      containers: [{
        name: 'reviews',
        image: 'docker.io/istio/examples-bookinfo-reviews-v1:1.20.2',
        imagePullPolicy: 'IfNotPresent',
        ports: [{ containerPort: 9080, protocol: 'TCP' }],
        env: [{ name: 'LOG_DIR', value: '/tmp/logs' }],
        readinessProbe: { httpGet: { path: '/health', port: 9080 }, periodSeconds: 5 },
        livenessProbe: { tcpSocket: { port: 9080 }, periodSeconds: 10 },
        resources: { requests: { cpu: '100m', memory: '128Mi' } },
        volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
      }],
      volumes: [{ name: 'tmp', emptyDir: {} }],
    },
  };
  return JSON.stringify({
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid,
      kind: { group: '', version: 'v1', kind: 'Pod' },
      resource: { group: '', version: 'v1', resource: 'pods' },
      operation: 'CREATE',
      namespace: 'bookinfo',
      object: pod,
    },
  });
}

interface Cert {
  certFile: string;
  keyFile: string;
  cert: string;
}

function makeCert(): Cert {
  const dir = mkdtempSync(join(tmpdir(), 'bench-webhook-'));
  const certFile = join(dir, 'tls.crt');
  const keyFile = join(dir, 'tls.key');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyFile,
    '-out', certFile, '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore' });
  return { certFile, keyFile, cert: readFileSync(certFile, 'utf8') };
}

/** Child process entry of the floor: answer every request with a fixed AdmissionReview. */
function serveFloor(port: number, certFile: string, keyFile: string): void {
  const fixed = JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: 'x', allowed: true } });
  const server = https.createServer({ cert: readFileSync(certFile), key: readFileSync(keyFile), minVersion: 'TLSv1.2' }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(fixed) });
      res.end(fixed);
    });
  });
  server.listen(port, '127.0.0.1');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** user+sys seconds of `pid` and all its descendants, from /proc. */
function treeCpuSeconds(pid: number): number {
  let ticks = 0;
  const visit = (p: number) => {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const children = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        for (const c of children ? children.split(' ') : []) visit(Number(c));
      }
    } catch {
      // The process ended between reads.
    }
  };
  visit(pid);
  return ticks / TICKS_PER_S;
}

async function waitReady(port: number, cert: Cert, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const req = https.get({ host: '127.0.0.1', port, path: '/ready', ca: cert.cert, servername: 'localhost' }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not become ready');
}

async function startServer(variant: Variant, cert: Cert): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = variant.workers === undefined
    ? fork(fileURLToPath(import.meta.url), ['serve-floor', String(port), cert.certFile, cert.keyFile], { stdio: 'ignore' })
    : variant.freeInjection
    ? fork(fileURLToPath(new URL('./webhook-free-injection.js', import.meta.url)), [String(port), cert.certFile, cert.keyFile], { stdio: 'ignore' })
    : spawn(process.execPath, [bin, 'webhook', '--port', String(port), '--address', '127.0.0.1', '--tls-cert-file', cert.certFile,
      '--tls-key-file', cert.keyFile, ...(variant.workers === 0 ? [] : ['--workers', String(variant.workers)]), ...(variant.extraArgs ?? [])], { stdio: 'ignore' });
  await waitReady(port, cert, child);
  return { child, port };
}

async function saturate(port: number, cert: Cert, body: () => string, seconds: number): Promise<{ requests: number; rps: number; p99: number; errors: number }> {
  const r = await autocannon({
    url: `https://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    tlsOptions: { ca: cert.cert, servername: 'localhost' },
    // A new body for every request (its own uid, as every real admission has), with its own Content-Length.
    requests: [{ method: 'POST', path: '/inject', headers: { 'content-type': 'application/json' }, setupRequest: (req: object) => ({ ...req, body: body() }) }],
  });
  return { requests: r.requests.total, rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.timeouts + r.non2xx };
}

interface Variant {
  label: string;
  /** undefined: the floor; 0: the default (every core); N: --workers N. */
  workers?: number;
  /** Every request a different pod; otherwise the pods of one ReplicaSet (same pod, new uid each time). */
  distinct?: boolean;
  /** More `webhook` flags (a release's injector config: its Go templates render every pod). */
  extraArgs?: string[];
  /** The server of --workers 1 around an injection that costs nothing (bench/webhook-free-injection.ts). */
  freeInjection?: boolean;
}

export async function benchWebhook(): Promise<void> {
  const cert = makeCert();
  let n = 0;
  const uid = () => `0df28fbd-5f5f-11e8-bc74-${String(++n).padStart(12, '0')}`;
  const replicaBody = () => typicalPodReview(uid());
  const distinctBody = () => typicalPodReview(uid(), `h${n}`);
  const cores = availableParallelism();
  const hasWorkers = execFileSync(process.execPath, [bin, 'webhook', '--help']).toString().includes('--workers');
  const variants: Variant[] = [{ label: 'minimal HTTPS floor' }];
  for (const workers of hasWorkers ? [1, 0] : [0]) {
    const who = workers === 1 ? 'webhook --workers 1' : hasWorkers ? `webhook (default: ${cores} workers)` : 'webhook (one process)';
    variants.push({ label: `${who}, ReplicaSet pods`, workers }, { label: `${who}, every pod distinct`, workers, distinct: true });
  }
  // What a distinct pod costs around the injection: the same server with an injection that takes no time.
  if (hasWorkers) variants.push({ label: 'reference: --workers 1, every pod distinct, injection taking no time', workers: 1, distinct: true, freeInjection: true });
  // A cluster's own injector ConfigMap: Istio's Go templates instead of our built-in ones (each distinct pod renders).
  if (existsSync(releaseConfig)) {
    variants.push({ label: 'webhook --workers 1, every pod distinct, Istio 1.30.3 injector config (Go templates)', workers: 1, distinct: true, extraArgs: ['--injectConfigFile', releaseConfig] });
  }
  const rounds = Number(process.env.BENCH_WEBHOOK_ROUNDS ?? 2);
  const samples = new Map<string, { cpuMsPer: number; rps: number; perCore: number; p99: number; errors: number }[]>();
  for (let round = 0; round < rounds; round++) {
    for (const v of variants) {
      const { child, port } = await startServer(v, cert);
      const body = v.distinct ? distinctBody : replicaBody;
      try {
        await saturate(port, cert, body, 2); // warm-up: JIT, TLS sessions, caches
        const before = treeCpuSeconds(child.pid!);
        const r = await saturate(port, cert, body, DURATION_S);
        const cpu = treeCpuSeconds(child.pid!) - before;
        const list = samples.get(v.label) ?? [];
        list.push({ cpuMsPer: (cpu * 1000) / r.requests, rps: r.rps, perCore: r.requests / cpu, p99: r.p99, errors: r.errors });
        samples.set(v.label, list);
      } finally {
        child.kill('SIGTERM');
        await new Promise((done) => (child.exitCode !== null ? done(undefined) : child.once('exit', done)));
      }
    }
  }
  console.log(`Webhook: POST /inject of a typical pod (${replicaBody().length} bytes) at saturation, ${CONNECTIONS} keep-alive HTTPS connections, ${DURATION_S} s, medians of ${rounds} alternating rounds; ${cores} cores available (load generator on the same machine). Every request has its own uid; "ReplicaSet pods" are the same pod each time (what a scale-up sends), "every pod distinct" differ in a label (no answer can be reused)`);
  console.log('| server | CPU per admission | / floor | admissions/s | admissions per CPU-second | p99 | errors |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  const floorCpu = median(samples.get(variants[0]!.label)!.map((s) => s.cpuMsPer));
  for (const v of variants) {
    const xs = samples.get(v.label)!;
    const cpu = median(xs.map((s) => s.cpuMsPer));
    console.log(`| ${v.label} | ${cpu.toFixed(3)} ms | ${(cpu / floorCpu).toFixed(2)}x | ${median(xs.map((s) => s.rps)).toFixed(0)} | ${median(xs.map((s) => s.perCore)).toFixed(0)} | ${median(xs.map((s) => s.p99)).toFixed(0)} ms | ${xs.reduce((n, s) => n + s.errors, 0)} |`);
  }
}

if (process.argv[2] === 'serve-floor' && import.meta.url === pathToFileURL(process.argv[1]!).href) {
  serveFloor(Number(process.argv[3]), process.argv[4]!, process.argv[5]!);
} else if (import.meta.url === pathToFileURL(process.argv[1]!).href && existsSync(bin)) {
  await benchWebhook();
}
