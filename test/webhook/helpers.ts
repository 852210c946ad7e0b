// Shared test helpers: a throw-away certificate, HTTPS requests with that CA, review builders and
// a small fake engine so the server's own behaviour is tested independently of the core.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Settings } from '../../src/config/types.js';
import type { Engine } from '../../src/webhook/review-admission.js';
import type { PodJson } from '../../src/k8s/types.js';
import { InjectError } from '../../src/errors.js';

export interface TestCert {
  dir: string;
  certFile: string;
  keyFile: string;
  cert: string;
  key: string;
}

/** A self-signed certificate for localhost/127.0.0.1 (it is its own CA). */
export function makeCert(cn = 'localhost', dir = mkdtempSync(join(tmpdir(), 'webhook-cert-'))): TestCert {
  const certFile = join(dir, 'tls.crt');
  const keyFile = join(dir, 'tls.key');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', `/CN=${cn}`,
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ], { stdio: 'ignore' });
  return { dir, certFile, keyFile, cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json(): any;
  peerCertificate?: string;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  ca?: string | string[];
  agent?: https.Agent | http.Agent | false;
  insecure?: boolean;
}

export function request(port: number, path: string, opts: RequestOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const lib = opts.insecure ? http : https;
    const headers: Record<string, string | number> = { ...opts.headers };
    if (opts.body !== undefined && headers['Content-Length'] === undefined) headers['Content-Length'] = Buffer.byteLength(opts.body);
    const req = (lib as typeof https).request(
      { host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers, ca: opts.ca, servername: 'localhost', agent: opts.agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          const sock = res.socket as import('node:tls').TLSSocket;
          const peer = typeof sock?.getPeerCertificate === 'function' ? sock.getPeerCertificate()?.fingerprint256 : undefined;
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body), peerCertificate: peer });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

export function postReview(port: number, review: unknown, opts: RequestOptions & { path?: string } = {}): Promise<Reply> {
  return request(port, opts.path ?? '/inject', {
    ...opts,
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...opts.headers },
    body: typeof review === 'string' ? review : JSON.stringify(review),
  });
}

export function review(pod: unknown, opts: { version?: 'v1' | 'v1beta1'; uid?: string; namespace?: string } = {}): Record<string, unknown> {
  return {
    apiVersion: `admission.k8s.io/${opts.version ?? 'v1'}`,
    kind: 'AdmissionReview',
    request: {
      uid: opts.uid ?? 'uid-1',
      kind: { group: '', version: 'v1', kind: 'Pod' },
      resource: { group: '', version: 'v1', resource: 'pods' },
      operation: 'CREATE',
      namespace: opts.namespace ?? 'default',
      object: pod,
    },
  };
}

export function simplePod(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'app', namespace: 'default', labels: { app: 'demo' } },
    spec: { containers: [{ name: 'app', image: 'demo:1' }] },
    ...extra,
  };
}

/** Minimal settings for the fake engine (it reads nothing from them). */
export const fakeSettings = { revision: 'fake' } as unknown as Settings;

/**
 * A stand-in for the core: skips pods labelled `skip=true` (reason skipped/pod-opt-out), fails on
 * annotation `fail`, otherwise appends an `istio-proxy` container carrying the proxy envs, the
 * settings' revision and the workload name.
 */
export const fakeEngine: Engine = {
  injectRequired(pod: PodJson) {
    if (pod.metadata.labels?.skip === 'true') return { inject: false, reason: 'skipped/pod-opt-out', message: 'pod label skip=true' };
    return { inject: true, reason: 'injected', message: 'fake' };
  },
  injectPod(req, settings) {
    if (req.pod.metadata.annotations?.fail !== undefined) {
      throw new InjectError(`invalid value '${req.pod.metadata.annotations.fail}' for annotation 'fail'`, 'invalid-annotation', 'fail');
    }
    if (req.pod.metadata.annotations?.crash !== undefined) throw new TypeError('boom');
    const pod = structuredClone(req.pod);
    const env = Object.entries(req.proxyEnvs ?? {}).map(([name, value]) => ({ name, value }));
    (pod.spec.containers as unknown[]).push({ name: 'istio-proxy', image: 'proxyv2', env });
    pod.metadata.annotations = { ...pod.metadata.annotations, 'fake/revision': String(settings.revision), 'fake/workload': `${req.workload.kind}/${req.workload.name}` };
    return { pod, wasInjected: false, warnings: [] };
  },
};

/** Applies a base64 JSON patch from a review response to a pod (returns a new object). */
export async function applyReviewPatch(pod: unknown, response: { patch?: string }): Promise<any> {
  const { default: jsonpatch } = await import('fast-json-patch');
  if (!response.patch) return structuredClone(pod);
  const ops = JSON.parse(Buffer.from(response.patch, 'base64').toString('utf8'));
  return jsonpatch.applyPatch(structuredClone(pod), ops, true, false).newDocument;
}

export function sharedDir(): string | undefined {
  const dir = new URL('../../../../shared/', import.meta.url).pathname;
  try {
    readFileSync(join(dir, 'conformance/istio/cases.json'));
    return dir;
  } catch {
    return undefined;
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `cond` every `stepMs` until it holds (true) or `ms` have passed (false). */
export async function until(cond: () => boolean | Promise<boolean>, ms: number, stepMs = 25): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond()) return true;
    await sleep(stepMs);
  }
  return false;
}
