// The HTTPS face: routes, limits, timeouts, metrics and logs around reviewAdmission. Built on
// Node's own http/https; the certificate can be swapped while serving (setCertificate).
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import type { Settings } from '../config/types.js';
import { BodyTooLargeError, readBody } from './read-body.js';
import { isInjectPath, parseInjectEnvs } from './inject-params.js';
import { renderMetrics, WebhookMetrics, type MetricsSnapshot } from './metrics.js';
import { reviewAdmission, type Engine, type FailureMode, type ReviewContext } from './review-admission.js';
import { AdmissionMemo, DEFAULT_MEMO_LIMITS, type MemoLimits } from './admission-memo.js';

/** 6 MiB, Kubernetes' and Istio's admission body limit. */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;

export interface ServerLimits {
  maxBodyBytes: number;
  /** Time a client gets to send the request headers (slowloris guard). */
  headersTimeoutMs: number;
  /** Time a client gets to send the whole request. */
  requestTimeoutMs: number;
  /** Idle keep-alive connections are closed after this. */
  keepAliveTimeoutMs: number;
  /** Time a client gets to finish the TLS handshake. */
  handshakeTimeoutMs: number;
  /** How often Node checks the two request timeouts. */
  timeoutCheckIntervalMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  maxBodyBytes: MAX_BODY_BYTES,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 90_000,
  handshakeTimeoutMs: 10_000,
  timeoutCheckIntervalMs: 1_000,
};

export interface TlsMaterial {
  cert: string | Buffer;
  key: string | Buffer;
}

export type LogEntry = Record<string, unknown>;

export interface WebhookServerOptions {
  /** Absent: plain HTTP, for use behind a TLS terminator. */
  tls?: TlsMaterial;
  /** The settings in force; read once per request so a reload never splits one. */
  settings: () => Settings;
  engine: Engine;
  failureMode?: FailureMode;
  log?: (entry: LogEntry) => void;
  limits?: Partial<ServerLimits>;
  /** Remembered answers for repeated reviews (default 256 entries of bodies up to 64 KiB). */
  memo?: Partial<MemoLimits>;
  /**
   * The counters `/metrics` reports, when they are not this server's alone (a --workers worker asks
   * its primary for every worker's); a rejection answers 503. Default: this server's own.
   */
  metricsSnapshot?: () => Promise<MetricsSnapshot>;
  /** Extra readiness condition (e.g. config loaded); the listener itself must be up too. */
  isReady?: () => boolean;
}

export interface WebhookServer {
  readonly server: http.Server;
  readonly metrics: WebhookMetrics;
  listen(port: number, host?: string): Promise<AddressInfo>;
  /** Validates and installs a new certificate for new connections; throws (keeping the old) when unusable. */
  setCertificate(material: TlsMaterial): void;
  /**
   * Graceful stop. For `drainMs` the server keeps answering (readiness fails) and every answer,
   * in-flight ones included, carries `Connection: close`, so keep-alive connections leave after
   * their next request instead of being cut under it; then it stops listening, closes idle
   * connections and waits for in-flight requests, closing whatever is left `graceMs` after the call.
   */
  shutdown(graceMs?: number, drainMs?: number): Promise<void>;
  inFlight(): number;
}

export function secureContextOptions(material: TlsMaterial): tls.SecureContextOptions {
  return { cert: material.cert, key: material.key, minVersion: 'TLSv1.2' };
}

export function createWebhookServer(options: WebhookServerOptions): WebhookServer {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const log = options.log ?? (() => {});
  const failureMode = options.failureMode ?? 'deny';
  const metrics = new WebhookMetrics();
  const memo: NonNullable<ReviewContext['memo']> = new AdmissionMemo({ ...DEFAULT_MEMO_LIMITS, ...options.memo });
  let listening = false;
  let shuttingDown = false;
  let inFlight = 0;

  const httpOptions: http.ServerOptions = {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: limits.timeoutCheckIntervalMs,
  };
  // Answers not yet sent, so a shutdown can mark them `Connection: close`.
  const unanswered = new Set<http.ServerResponse>();
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    inFlight++;
    unanswered.add(res);
    res.once('close', () => { inFlight--; unanswered.delete(res); });
    res.once('finish', () => unanswered.delete(res));
    if (shuttingDown) res.setHeader('Connection', 'close');
    route(req, res).catch((err) => {
      // Anything unexpected becomes a 500 for this request only; the process keeps serving.
      log({ level: 'error', msg: 'request failed', error: String((err as Error)?.stack ?? err) });
      metrics.countFailure('internal');
      if (!res.headersSent) sendText(res, 500, 'internal error\n', true);
      else res.destroy();
    });
  };
  let server: http.Server;
  if (options.tls) {
    const tlsOptions: https.ServerOptions = { ...secureContextOptions(options.tls), handshakeTimeout: limits.handshakeTimeoutMs };
    // Validate up front so a bad pair fails at start with a message, not at the first handshake.
    tls.createSecureContext(tlsOptions);
    server = https.createServer({ ...httpOptions, ...tlsOptions }, handler);
    server.on('tlsClientError', (err: Error) => log({ level: 'debug', msg: 'TLS handshake failed', error: err.message }));
  } else {
    server = http.createServer(httpOptions, handler);
  }

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?', 1)[0];
    if (path === '/ready' || path === '/healthz') {
      if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res, 'GET');
      const ready = path === '/healthz' || (listening && !shuttingDown && (options.isReady?.() ?? true));
      return sendText(res, ready ? 200 : 503, ready ? 'ok\n' : 'not ready\n');
    }
    if (path === '/metrics') {
      if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res, 'GET');
      let text: string;
      try {
        text = options.metricsSnapshot ? renderMetrics(await options.metricsSnapshot()) : metrics.render();
      } catch (err) {
        // Partial counts would read as a counter reset; a failed scrape is the honest answer.
        log({ level: 'warn', msg: 'metrics unavailable', error: (err as Error).message });
        return sendText(res, 503, 'metrics unavailable\n');
      }
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
      res.end(text);
      return;
    }
    if (isInjectPath(path)) {
      if (req.method !== 'POST') return methodNotAllowed(res, 'POST');
      return inject(req, res, path);
    }
    sendText(res, 404, `not found: ${path}; the webhook serves POST /inject\n`, !req.complete);
  }

  async function inject(req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<void> {
    const started = process.hrtime.bigint();
    metrics.countRequest();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    const fail = (status: number, reason: string, message: string, close: boolean) => {
      metrics.countFailure(reason);
      sendText(res, status, message + '\n', close);
      metrics.observeSeconds(seconds());
      log({ level: 'warn', msg: 'admission', path, decision: 'rejected', reason, status, message, duration_ms: ms(seconds()) });
    };

    const type = req.headers['content-type'];
    if (!isJsonContentType(type)) {
      return fail(415, 'content-type', `invalid Content-Type ${JSON.stringify(type ?? '')}, want \`application/json\``, !req.complete);
    }
    let body: Buffer;
    try {
      body = await readBody(req, limits.maxBodyBytes);
    } catch (err) {
      if (err instanceof BodyTooLargeError) return fail(413, 'body-too-large', err.message, true);
      metrics.countFailure('read');
      log({ level: 'warn', msg: 'admission', path, decision: 'rejected', reason: 'read', message: (err as Error).message, duration_ms: ms(seconds()) });
      res.destroy();
      return;
    }
    if (body.length === 0) return fail(400, 'no-body', 'no body found', false);

    const result = reviewAdmission(body.toString('utf8'), {
      settings: options.settings(),
      engine: options.engine,
      proxyEnvs: parseInjectEnvs(path),
      failureMode,
      memo,
    });
    if (result.remembered) metrics.countRemembered();
    if (result.verdict === 'skipped') metrics.countSkip(result.reason);
    if (result.verdict === 'bad-request' || result.verdict === 'denied' || result.verdict === 'admitted-on-error') {
      metrics.countFailure(result.reason);
    }
    const payload = result.payload ?? JSON.stringify(result.body);
    res.writeHead(result.httpStatus, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) });
    res.end(payload);
    metrics.countSuccess();
    const duration = seconds();
    metrics.observeSeconds(duration);
    log({
      level: result.verdict === 'injected' || result.verdict === 'skipped' ? 'info' : 'warn',
      msg: 'admission', uid: result.uid, namespace: result.namespace, pod: result.pod, path,
      decision: result.verdict, reason: result.reason, ...(result.message ? { message: result.message } : {}),
      ...(result.warnings?.length ? { warnings: result.warnings } : {}),
      ...(result.remembered ? { remembered: true } : {}),
      status: result.httpStatus, duration_ms: ms(duration),
    });
  }

  return {
    server,
    metrics,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          listening = true;
          resolve(server.address() as AddressInfo);
        });
      });
    },
    setCertificate(material) {
      if (!options.tls) throw new Error('the server runs without TLS (--insecure-http); there is no certificate to replace');
      const opts = secureContextOptions(material);
      tls.createSecureContext(opts); // throws on an unusable pair, before anything is swapped
      (server as https.Server).setSecureContext(opts);
    },
    shutdown(graceMs = 25_000, drainMs = 0) {
      shuttingDown = true;
      for (const res of unanswered) if (!res.headersSent) res.setHeader('Connection', 'close');
      return new Promise((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        force.unref();
        let sweep: NodeJS.Timeout | undefined;
        const stop = () => {
          // Keep-alive connections whose last request finishes after this point become idle later;
          // close them as they do, so the process does not wait for the client's idle timeout.
          sweep = setInterval(() => server.closeIdleConnections(), 50);
          sweep.unref();
          // Node's close() also closes the connections idle right now.
          server.close(() => {
            clearTimeout(force);
            clearInterval(sweep);
            listening = false;
            resolve();
          });
        };
        // Closing an idle keep-alive connection races with a request the client is sending on it
        // (it gets ECONNRESET); during the drain those requests are answered instead.
        if (drainMs > 0) setTimeout(stop, Math.min(drainMs, graceMs));
        else stop();
      });
    },
    inFlight: () => inFlight,
  };
}

function isJsonContentType(type: string | undefined): boolean {
  if (!type) return false;
  // Istio wants exactly application/json; a charset parameter is accepted as well (JSON is UTF-8).
  const [media, ...params] = type.split(';').map((s) => s.trim().toLowerCase());
  return media === 'application/json' && params.every((p) => p === '' || p === 'charset=utf-8');
}

function sendText(res: http.ServerResponse, status: number, text: string, close = false): void {
  const headers: http.OutgoingHttpHeaders = { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) };
  // An unread body would otherwise be drained from the client; closing is cheaper and safer.
  if (close) headers.Connection = 'close';
  res.writeHead(status, headers);
  res.end(text);
}

function methodNotAllowed(res: http.ServerResponse, allow: string): void {
  res.setHeader('Allow', allow);
  sendText(res, 405, `method not allowed; use ${allow}\n`, true);
}

function ms(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e3;
}
