// The requests of the webhook soak (bench/soak.ts): valid admissions, hostile ones with the
// outcome each must get, and slowloris connections. Loopback only.
import https from 'node:https';
import tls from 'node:tls';
import { typicalPodReview } from './webhook.js';

export interface Outcome {
  kind: string;
  ok: boolean;
  ms: number;
  detail?: string;
}

export interface Target {
  port: number;
  ca: string[];
}

interface Reply { status: number; body: string }

function post(target: Target, body: string | Buffer, agent: https.Agent | false, opts: { stream?: 'declared-only' | 'chunked' } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'Content-Type': 'application/json' };
    if (opts.stream !== 'chunked') headers['Content-Length'] = Buffer.byteLength(body);
    let answered: Reply | undefined;
    let sent = 0;
    const req = https.request({ host: '127.0.0.1', port: target.port, path: '/inject', method: 'POST', headers, ca: target.ca, servername: 'localhost', agent }, (res) => {
      answered = { status: res.statusCode ?? 0, body: '' };
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      // A server that answered 413 closes the connection; a client still writing then sees EPIPE.
      if (answered) resolve(answered);
      // Closing while the client still sends can reset the connection before the 413 is read (no
      // lingering close); the body was cut at the limit all the same, which is what is checked.
      else if ((err.code === 'EPIPE' || err.code === 'ECONNRESET') && sent > 6 * 1024 * 1024) resolve({ status: 0, body: `cut at the limit (${err.code})` });
      else reject(err);
    });
    if (opts.stream === 'declared-only') {
      // Announce the size and wait: the limit applies to the declared length, before any byte of the body.
      req.flushHeaders();
    } else if (opts.stream === 'chunked') {
      // Streamed without a length: the server must stop at its limit, not buffer everything.
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      const pump = () => {
        while (!answered && sent < (body as Buffer).length) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!answered) req.end();
      };
      pump();
    } else req.end(body);
  });
}

function reviewOf(pod: unknown, uid: string): string {
  const review = JSON.parse(typicalPodReview());
  review.request.uid = uid;
  review.request.object = pod;
  return JSON.stringify(review);
}

function typicalPod(): any {
  return JSON.parse(typicalPodReview()).request.object;
}

async function timed(kind: string, run: () => Promise<string | undefined>): Promise<Outcome> {
  const start = process.hrtime.bigint();
  let problem: string | undefined;
  try {
    problem = await run();
  } catch (err) {
    problem = `${(err as Error).message}`;
  }
  return { kind, ok: problem === undefined, ms: Number(process.hrtime.bigint() - start) / 1e6, ...(problem ? { detail: problem } : {}) };
}

/** Problem with an AdmissionReview answer, or undefined when it is what `want` says. */
function checkReview(reply: Reply, want: 'injected' | 'denied', hubs?: readonly string[]): string | undefined {
  if (reply.status !== 200) return `HTTP ${reply.status}: ${reply.body.slice(0, 200)}`;
  const response = JSON.parse(reply.body).response;
  if (want === 'denied') {
    if (response.allowed) return 'admitted, want denied';
    if (/internal error/.test(String(response.status?.message))) return `internal error: ${response.status?.message}`;
    return undefined;
  }
  if (!response.allowed) return `denied: ${JSON.stringify(response.status).slice(0, 300)}`;
  const patch = Buffer.from(String(response.patch ?? ''), 'base64').toString('utf8');
  if (!patch.includes('istio-proxy')) return 'no sidecar in the patch';
  if (hubs && !hubs.some((h) => patch.includes(`${h}/proxyv2:`))) return 'proxy image from none of the configured hubs';
  return undefined;
}

export function validRequest(target: Target, agent: https.Agent, n: number, hubs: readonly string[]): Promise<Outcome> {
  return timed('valid', async () => checkReview(await post(target, reviewOf(typicalPod(), `valid-${n}`), agent), 'injected', hubs));
}

const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);

/** Streamed oversized bodies the server cut at its limit before the client could read the 413. */
export let cutWithout413 = 0;

/** One hostile request of each kind in turn, each with the answer it must get. */
export function hostileRequest(target: Target, n: number): Promise<Outcome> {
  const kinds = ['oversized-declared', 'oversized-streamed', 'malformed-json', 'quantity-override', 'quantity-annotation', 'quantity-digits', 'prototype-keys'] as const;
  const kind = kinds[n % kinds.length]!;
  return timed(kind, async () => {
    switch (kind) {
      case 'oversized-declared': {
        const r = await post(target, Buffer.alloc(7 * 1024 * 1024, 0x20), false, { stream: 'declared-only' });
        return r.status === 413 ? undefined : `HTTP ${r.status}, want 413`;
      }
      case 'oversized-streamed': {
        const r = await post(target, Buffer.alloc(8 * 1024 * 1024), false, { stream: 'chunked' });
        if (r.status === 0) cutWithout413++;
        return r.status === 413 || r.status === 0 ? undefined : `HTTP ${r.status}, want 413`;
      }
      case 'malformed-json': {
        const r = await post(target, '{"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {', false);
        return r.status === 400 ? undefined : `HTTP ${r.status}, want 400`;
      }
      case 'quantity-override': {
        const pod = typicalPod();
        pod.spec.containers.push({ name: 'istio-proxy', image: 'auto', resources: { requests: { cpu: '1e-300000000', memory: `0.${'0'.repeat(200_000)}1Ki` }, limits: { cpu: '1e-2000000000' } } });
        return checkReview(await post(target, reviewOf(pod, `hostile-${n}`), false), 'injected');
      }
      case 'quantity-annotation': {
        const pod = typicalPod();
        pod.metadata.annotations = { 'sidecar.istio.io/proxyCPU': '1e-100000000', 'sidecar.istio.io/proxyMemory': `1${'0'.repeat(100_000)}` };
        return checkReview(await post(target, reviewOf(pod, `hostile-${n}`), false), 'injected');
      }
      case 'quantity-digits': {
        const pod = typicalPod();
        pod.metadata.annotations = { 'sidecar.istio.io/proxyCPU': '7'.repeat(5000) };
        return checkReview(await post(target, reviewOf(pod, `hostile-${n}`), false), 'denied');
      }
      case 'prototype-keys': {
        const name = PROTOTYPE_NAMES[n % PROTOTYPE_NAMES.length]!;
        const pod = typicalPod();
        const text = reviewOf(pod, `hostile-${n}`).replace('"labels":{', `"annotations":{${JSON.stringify(name)}:"x"},"labels":{${JSON.stringify(name)}:"y",`);
        return checkReview(await post(target, text, false), 'injected');
      }
    }
  });
}

export interface Slowloris {
  opened: number;
  closedByServer: number;
  /** Longest a slowloris connection stayed open, in ms (open ones count up to now). */
  longestMs(): number;
  stop(): void;
}

/** Keeps `count` connections sending a header line per second, reopening those the server closes. */
export function slowloris(target: Target, count: number): Slowloris {
  let stopped = false;
  const open = new Map<tls.TLSSocket, number>();
  const state: Slowloris = {
    opened: 0,
    closedByServer: 0,
    longestMs: () => Math.max(longest, ...[...open.values()].map((t) => Date.now() - t)),
    stop() {
      longest = state.longestMs();
      stopped = true;
      for (const s of open.keys()) s.destroy();
    },
  };
  let longest = 0;
  const connect = () => {
    if (stopped) return;
    const started = Date.now();
    const socket = tls.connect({ host: '127.0.0.1', port: target.port, ca: target.ca, servername: 'localhost' }, () => {
      socket.write('POST /inject HTTP/1.1\r\nHost: localhost\r\n');
    });
    state.opened++;
    open.set(socket, started);
    const drip = setInterval(() => socket.write(`X-Slow-${Date.now()}: 1\r\n`), 1000);
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(drip);
      open.delete(socket);
      if (stopped) return;
      state.closedByServer++;
      longest = Math.max(longest, Date.now() - started);
      setTimeout(connect, 100);
    });
  };
  for (let i = 0; i < count; i++) connect();
  return state;
}
