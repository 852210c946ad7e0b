// `npm run soak [-- --seconds N --concurrency N]`: the webhook process under concurrent valid load,
// hostile requests (oversized and malformed bodies, hostile quantities, Object.prototype names as
// annotation keys, slowloris connections) while its certificate and configuration are rotated
// through a kubelet-style `..data` mount, then SIGTERM with the load still running. Prints requests,
// errors, latency and the server's RSS at start and end; exits 1 when any request got a wrong answer.
// Bounded in time (at most 600 s) and loopback only.
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as traffic from './soak-traffic.js';
import { hostileRequest, slowloris, validRequest, type Outcome, type Target } from './soak-traffic.js';

const BIN = new URL('../../bin/inject-istio-sidecar.js', import.meta.url).pathname;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A directory laid out like a kubelet Secret/ConfigMap mount: files are symlinks through `..data`. */
class AtomicMount {
  private generation = 0;
  constructor(readonly dir: string) {}
  write(files: Record<string, string>): void {
    const gen = `..gen${++this.generation}`;
    mkdirSync(join(this.dir, gen));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(this.dir, gen, name), text);
    symlinkSync(gen, join(this.dir, '..data_tmp'));
    renameSync(join(this.dir, '..data_tmp'), join(this.dir, '..data'));
    if (this.generation === 1) for (const name of Object.keys(files)) symlinkSync(join('..data', name), join(this.dir, name));
    else rmSync(join(this.dir, `..gen${this.generation - 1}`), { recursive: true });
  }
}

function makeCert(dir: string, cn: string): { cert: string; key: string } {
  mkdirSync(dir, { recursive: true });
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(dir, 'k'),
    '-out', join(dir, 'c'), '-days', '1', '-subj', `/CN=${cn}`, '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore' });
  return { cert: readFileSync(join(dir, 'c'), 'utf8'), key: readFileSync(join(dir, 'k'), 'utf8') };
}

function rssMiB(pid: number): number {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Math.round(kb / 102.4) / 10;
  } catch {
    return NaN; // not Linux
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
}

const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '30' }, concurrency: { type: 'string', default: '8' }, slowloris: { type: 'string', default: '20' } } });
const seconds = Math.min(600, Math.max(5, Number(args.seconds)));
const concurrency = Math.min(64, Math.max(1, Number(args.concurrency)));
const slowCount = Math.min(200, Math.max(0, Number(args.slowloris)));

const root = mkdtempSync(join(tmpdir(), 'iis-soak-'));
const certs = [makeCert(join(root, 'ca1'), 'first'), makeCert(join(root, 'ca2'), 'second')];
const hubs = ['registry.example/one', 'registry.example/two'] as const;
const tlsMount = new AtomicMount(mkdirSync(join(root, 'tls'), { recursive: true })!);
const configMount = new AtomicMount(mkdirSync(join(root, 'config'), { recursive: true })!);
tlsMount.write({ 'tls.crt': certs[0]!.cert, 'tls.key': certs[0]!.key });
configMount.write({ values: JSON.stringify({ global: { hub: hubs[0], tag: '1.32.0' } }) });

const child = spawn(process.execPath, [BIN, 'webhook', '--port', '0', '--address', '127.0.0.1', '--drain-seconds', '3',
  '--tls-cert-file', join(root, 'tls', 'tls.crt'), '--tls-key-file', join(root, 'tls', 'tls.key'), '--config-dir', join(root, 'config')],
{ stdio: ['ignore', 'ignore', 'pipe'] });
const logCounts = new Map<string, number>();
let stderr = '';
const port = await new Promise<number>((resolve, reject) => {
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => {
    stderr += d;
    let nl;
    while ((nl = stderr.indexOf('\n')) >= 0) {
      const line = stderr.slice(0, nl);
      stderr = stderr.slice(nl + 1);
      try {
        const entry = JSON.parse(line);
        const key = entry.msg === 'admission' ? `admission ${entry.decision}` : String(entry.msg);
        logCounts.set(key, (logCounts.get(key) ?? 0) + 1);
        if (entry.msg === 'webhook listening') resolve(entry.port);
      } catch {
        logCounts.set('non-JSON log line', (logCounts.get('non-JSON log line') ?? 0) + 1);
      }
    }
  });
  child.on('exit', (code) => reject(new Error(`the webhook exited with ${code} before listening`)));
});
const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
const target: Target = { port, ca: certs.map((c) => c.cert) };
const agent = new https.Agent({ keepAlive: true, maxSockets: concurrency });

const outcomes: Outcome[] = [];
let afterSigterm = false;
const afterSigtermOutcomes: Outcome[] = [];
const record = (o: Outcome) => (afterSigterm ? afterSigtermOutcomes : outcomes).push(o);
let running = true;
let n = 0;

// Warm-up, then the RSS the run starts from.
for (let i = 0; i < 200; i++) record(await validRequest(target, agent, n++, hubs));
outcomes.length = 0;
const rssStart = rssMiB(child.pid!);
let rssPeak = rssStart;
const rssTimer = setInterval(() => { rssPeak = Math.max(rssPeak, rssMiB(child.pid!)); }, 500);

const valid = Array.from({ length: concurrency }, async () => {
  while (running) record(await validRequest(target, agent, n++, hubs));
});
const hostile = Array.from({ length: 2 }, async () => {
  while (running && !afterSigterm) record(await hostileRequest(target, n++));
});
const slow = slowloris(target, slowCount);
let rotations = 0;
const rotation = setInterval(() => {
  rotations++;
  tlsMount.write({ 'tls.crt': certs[rotations % 2]!.cert, 'tls.key': certs[rotations % 2]!.key });
  configMount.write({ values: JSON.stringify({ global: { hub: hubs[rotations % 2], tag: '1.32.0' } }) });
}, 3000);

const started = Date.now();
await sleep(seconds * 1000);
clearInterval(rotation);
const rssEnd = rssMiB(child.pid!);
// SIGTERM with the valid load still running: every request must still be answered.
afterSigterm = true;
await Promise.all(hostile);
child.kill('SIGTERM');
await sleep(1500);
running = false;
await Promise.all(valid);
slow.stop();
clearInterval(rssTimer);
agent.destroy();
const exitCode = await exited;
const elapsed = (Date.now() - started) / 1000;

const summarize = (list: Outcome[]) => {
  const byKind = new Map<string, { requests: number; errors: number; ms: number[]; examples: string[] }>();
  for (const o of list) {
    const k = byKind.get(o.kind) ?? { requests: 0, errors: 0, ms: [], examples: [] };
    k.requests++;
    k.ms.push(o.ms);
    if (!o.ok) {
      k.errors++;
      if (k.examples.length < 3) k.examples.push(o.detail ?? '');
    }
    byKind.set(o.kind, k);
  }
  return Object.fromEntries([...byKind].map(([kind, k]) => {
    const sorted = k.ms.sort((a, b) => a - b);
    return [kind, { requests: k.requests, errors: k.errors, p50ms: percentile(sorted, 50), p99ms: percentile(sorted, 99), maxMs: percentile(sorted, 100), ...(k.examples.length ? { examples: k.examples } : {}) }];
  }));
};
const errors = [...outcomes, ...afterSigtermOutcomes].filter((o) => !o.ok).length;
const slowOk = slow.longestMs() < 15_000;
const report = {
  setup: `${seconds} s, ${concurrency} keep-alive valid clients, 2 hostile clients, ${slowCount} slowloris connections, certificate and values rotated every 3 s through a ..data mount, loopback`,
  seconds: Math.round(elapsed * 10) / 10,
  requests: outcomes.length,
  errors,
  byKind: summarize(outcomes),
  afterSigterm: summarize(afterSigtermOutcomes),
  oversizedStreamedCutWithout413: traffic.cutWithout413,
  slowloris: { opened: slow.opened, closedByServer: slow.closedByServer, longestOpenMs: slow.longestMs() },
  rotations,
  serverLog: Object.fromEntries([...logCounts].sort()),
  rssMiB: { start: rssStart, end: rssEnd, peak: rssPeak },
  exitCode,
};
console.log(JSON.stringify(report, null, 2));
rmSync(root, { recursive: true, force: true });
process.exitCode = errors === 0 && slowOk && exitCode === 0 && !logCounts.has('request failed') ? 0 : 1;
