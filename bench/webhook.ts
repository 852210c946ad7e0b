// Throughput and latency of the webhook's POST /inject over keep-alive HTTPS on loopback, at fixed
// rates (100 and 500 requests/s) and at saturation, next to a floor measured in the same run: a
// minimal Node HTTPS server that reads the body and answers a fixed AdmissionReview. The servers
// run in a child process so autocannon's own CPU use does not slow them down.
import { fork, spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const autocannon = createRequire(import.meta.url)('autocannon') as (opts: Record<string, unknown>) => Promise<any>;

const DURATION_S = 5;
const CONNECTIONS = 10;

/** A typical controller-created pod: Deployment-owned, one app container with ports and probes. */
export function typicalPodReview(): string {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: 'reviews-v1-7d9c8b5f4-',
      namespace: 'bookinfo',
      labels: { app: 'reviews', version: 'v1', 'pod-template-hash': '7d9c8b5f4' },
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
      uid: '0df28fbd-5f5f-11e8-bc74-36e6bb280816',
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

/** Child process entry: serve `webhook` or `floor` and report the port over IPC. */
async function serve(mode: string, certFile: string, keyFile: string): Promise<void> {
  if (mode === 'floor') {
    const fixed = JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: 'x', allowed: true } });
    const server = https.createServer({ cert: readFileSync(certFile), key: readFileSync(keyFile), minVersion: 'TLSv1.2' }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(fixed) });
        res.end(fixed);
      });
    });
    server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as { port: number }).port }));
    answerCpuQueries();
    return;
  }
  const { startWebhook } = await import('../src/webhook/start-webhook.js');
  const { coreEngine } = await import('../src/webhook/engine.js');
  const running = await startWebhook({
    port: 0, host: '127.0.0.1', tlsCertFile: certFile, tlsKeyFile: keyFile, configFiles: {}, settingsFlags: { revision: 'default' },
    engine: coreEngine, log: () => {}, // request logs would measure the terminal, not the webhook
  });
  process.send!({ port: running.address.port });
  answerCpuQueries();
}

/** The parent asks for this process's CPU time (user+system, µs) around a run. */
function answerCpuQueries(): void {
  process.on('message', (m) => {
    if (m === 'cpu') {
      const u = process.cpuUsage();
      process.send!({ cpuMicros: u.user + u.system });
    }
  });
}

function cpuMicros(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve((m as { cpuMicros: number }).cpuMicros));
    child.send('cpu');
  });
}

/** `inject-istio-sidecar webhook --workers N` as users run it; resolves with its port. */
function startCli(workers: number, cert: Cert): Promise<{ child: ChildProcess; port: number }> {
  const bin = fileURLToPath(new URL('../../bin/inject-istio-sidecar.js', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'webhook', '--port', '0', '--address', '127.0.0.1', '--tls-cert-file', cert.certFile,
      '--tls-key-file', cert.keyFile, '--workers', String(workers), '--drain-seconds', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    let listening = 0;
    child.stderr!.on('data', (d) => {
      err += d;
      // Request logs are off the hot path here: stderr goes to a pipe this process drains.
      listening = (err.match(/"msg":"webhook listening"/g) ?? []).length;
      const m = /"msg":"webhook listening".*"port":(\d+)/.exec(err);
      if (m && listening >= workers) { resolve({ child, port: Number(m[1]) }); err = ''; listening = -1e9; }
    });
    child.once('exit', (code) => reject(new Error(`webhook --workers ${workers} exited with ${code}: ${err}`)));
  });
}

function startChild(mode: string, cert: Cert): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['serve', mode, cert.certFile, cert.keyFile], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.once('message', (m) => resolve({ child, port: (m as { port: number }).port }));
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
}

async function load(port: number, cert: Cert, body: string, rate?: number): Promise<Record<string, unknown>> {
  // autocannon paces each connection separately and its connections fire together, so a fixed
  // rate over many connections arrives in bursts; one connection per 100 requests/s keeps the
  // arrivals close to evenly spaced (what an API server's steady trickle of pod creations is like).
  const connections = rate ? Math.max(1, Math.round(rate / 100)) : CONNECTIONS;
  const r = await autocannon({
    url: `https://127.0.0.1:${port}/inject`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections,
    duration: DURATION_S,
    ...(rate ? { overallRate: rate } : {}),
    tlsOptions: { ca: cert.cert, servername: 'localhost' },
  });
  return {
    connections,
    requestsPerSecond: Math.round(r.requests.average),
    p50ms: r.latency.p50,
    p99ms: r.latency.p99,
    maxMs: r.latency.max,
    requests: r.requests.total,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

export async function benchWebhook(): Promise<Record<string, unknown>> {
  const cert = makeCert();
  const body = typicalPodReview();
  const result: Record<string, unknown> = {
    setup: `keep-alive HTTPS (1 connection per 100 requests/s at fixed rates, ${CONNECTIONS} at saturation), ${DURATION_S} s per run, loopback, server in a child process, typical Deployment pod (${body.length} bytes), Istio 1.32 chart defaults`,
  };
  // WEBHOOK_BENCH=cpu: only the saturation runs (CPU per admission), for alternating before/after runs.
  const only = process.env.WEBHOOK_BENCH === 'cpu';
  for (const mode of ['webhook', 'floor'] as const) {
    const { child, port } = await startChild(mode, cert);
    try {
      await load(port, cert, body, 50); // warm-up (JIT, TLS session, settings caches)
      const rate100 = only ? undefined : await load(port, cert, body, 100);
      const rate500 = only ? undefined : await load(port, cert, body, 500);
      const cpuBefore = await cpuMicros(child);
      const saturation = await load(port, cert, body);
      const cpu = (await cpuMicros(child)) - cpuBefore;
      result[mode] = { rate100, rate500, saturation, cpuMsPerAdmission: Math.round((cpu / 1000 / Number(saturation.requests)) * 1000) / 1000 };
    } finally {
      child.kill('SIGTERM');
    }
  }
  if (only) return result;
  // The real command, as deployed: one process, then one worker per core (the CLI's logging included).
  for (const workers of [1, 2]) {
    const { child, port } = await startCli(workers, cert);
    try {
      await load(port, cert, body, 50);
      result[`cli --workers ${workers}`] = { saturation: await load(port, cert, body) };
    } finally {
      child.kill('SIGTERM');
    }
  }
  return result;
}

if (process.argv[2] === 'serve' && import.meta.url === pathToFileURL(process.argv[1]!).href) {
  await serve(process.argv[3]!, process.argv[4]!, process.argv[5]!);
} else if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  console.log(JSON.stringify(await benchWebhook(), null, 2));
}
