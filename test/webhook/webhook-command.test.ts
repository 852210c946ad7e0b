// `inject-istio-sidecar webhook` as a process: flags, start-up errors, serving, SIGTERM.
import test from 'ava';
import { spawn } from 'node:child_process';
import https from 'node:https';
import { availableParallelism } from 'node:os';
import { PassThrough, Readable } from 'node:stream';
import { command, parseWebhookFlags } from '../../src/cli/commands/webhook.js';
import { UsageError } from '../../src/cli/command.js';
import { makeCert, postReview, review, simplePod } from './helpers.js';

const MAIN = new URL('../../src/cli/main.js', import.meta.url).pathname;

async function runInProcess(args: string[]) {
  const err: Buffer[] = [];
  const out: Buffer[] = [];
  const stderr = new PassThrough();
  const stdout = new PassThrough();
  stderr.on('data', (c) => err.push(c));
  stdout.on('data', (c) => out.push(c));
  const code = await command.run(args, { stdin: Readable.from([]), stdout, stderr, cwd: process.cwd(), env: {} });
  return { code, stderr: Buffer.concat(err).toString(), stdout: Buffer.concat(out).toString() };
}

const usageErrors: [string[], RegExp][] = [
  [[], /--tls-cert-file and --tls-key-file are required/],
  [['--tls-cert-file', 'a'], /--tls-cert-file and --tls-key-file are required/],
  [['--insecure-http', '--tls-cert-file', 'a'], /cannot be combined/],
  [['--insecure-http', '--port', '70000'], /--port must be a port number/],
  [['--insecure-http', '--failure-mode', 'maybe'], /--failure-mode must be deny or allow/],
  [['--insecure-http', '--native-sidecars', 'yes'], /--native-sidecars must be true or false/],
  [['--insecure-http', '--bogus'], /unknown flag --bogus/],
  [['--insecure-http', '--drain-seconds', '21'], /--drain-seconds must be a number of seconds 0..20, not "21"/],
  [['--insecure-http', '--drain-seconds', 'soon'], /--drain-seconds must be a number of seconds 0..20/],
  [['--insecure-http', '--workers', '0'], /--workers must be a whole number 1..256, not "0"/],
  [['--insecure-http', '--workers', '1.5'], /--workers must be a whole number 1..256/],
];
for (const [args, message] of usageErrors) {
  test(`usage error exits 2: ${args.join(' ') || '(no flags)'}`, async (t) => {
    const r = await runInProcess(args);
    t.is(r.code, 2);
    t.regex(r.stderr, message);
  });
}

test('flags parse into options', (t) => {
  const f = parseWebhookFlags(['--tls-cert-file', 'c', '--tls-key-file', 'k', '--port', '8443', '--config-dir', '/cfg', '--revision', 'canary',
    '--native-sidecars', 'false', '--compliance-policy', 'fips-140-3', '--failure-mode', 'allow', '--valuesFile', 'v.json', '--istio-version', '1.28.10']);
  t.deepEqual(f, {
    port: 8443, address: undefined, tlsCertFile: 'c', tlsKeyFile: 'k', failureMode: 'allow', drainMs: 3000, configDir: '/cfg',
    injectConfigFile: undefined, valuesFile: 'v.json', meshConfigFile: undefined, revision: 'canary', nativeSidecars: false,
    compliancePolicy: 'fips-140-3', istioVersion: '1.28', istiodEnv: undefined, workers: availableParallelism(),
  });
  t.like(parseWebhookFlags(['--insecure-http', '--workers', '1']), { workers: 1 });
  t.is(parseWebhookFlags(['--help']), 'help');
  t.like(parseWebhookFlags(['--insecure-http', '--drain-seconds', '0.5']), { drainMs: 500 });
  t.throws(() => parseWebhookFlags(['--insecure-http', '--istio-version', '1.29']), { instanceOf: UsageError, message: /--istio-version must be one of 1\.28 \(= 1\.28\.10\), 1\.30 \(= 1\.30\.3\), master, not "1\.29"/ });
  t.throws(() => parseWebhookFlags(['--insecure-http', '--port', '-1']), { instanceOf: UsageError });
});

test('a missing certificate file stops start-up with exit 1 and a message', async (t) => {
  const r = await runInProcess(['--tls-cert-file', '/nonexistent/tls.crt', '--tls-key-file', '/nonexistent/tls.key', '--port', '0']);
  t.is(r.code, 1);
  t.regex(r.stderr, /"msg":"webhook cannot start".*cannot read \/nonexistent\/tls.crt: no such file/);
});

test('a bad config file stops start-up with exit 1 naming the file', async (t) => {
  const cert = makeCert();
  const r = await runInProcess(['--tls-cert-file', cert.certFile, '--tls-key-file', cert.keyFile, '--port', '0', '--valuesFile', cert.keyFile]);
  t.is(r.code, 1);
  t.regex(r.stderr, /webhook cannot start/);
  t.true(r.stderr.includes('tls.key'));
});

test('a missing --config-dir stops start-up with exit 1', async (t) => {
  const cert = makeCert();
  const r = await runInProcess(['--tls-cert-file', cert.certFile, '--tls-key-file', cert.keyFile, '--port', '0', '--config-dir', '/nonexistent/cfg']);
  t.is(r.code, 1);
  t.regex(r.stderr, /--config-dir \/nonexistent\/cfg: no such directory/);
});

test('the process serves, logs JSON lines, and exits 0 on SIGTERM after finishing an in-flight request', async (t) => {
  const cert = makeCert();
  const child = spawn(process.execPath, [
    '--input-type=module', '-e',
    `const { main } = await import(${JSON.stringify(MAIN)}); process.exitCode = await main(process.argv.slice(1));`,
    'webhook', '--tls-cert-file', cert.certFile, '--tls-key-file', cert.keyFile, '--port', '0', '--address', '127.0.0.1',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stderr.on('data', (d) => {
      stderr += d;
      const m = /"msg":"webhook listening".*"port":(\d+)/.exec(stderr);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', () => reject(new Error(`exited early: ${stderr}`)));
  });
  const ok = await postReview(port, review(simplePod(), { uid: 'proc-1' }), { ca: cert.cert });
  t.is(ok.status, 200);
  t.true(ok.json().response.allowed);
  t.is(ok.json().response.patchType, 'JSONPatch');

  // A request whose body is still arriving when SIGTERM comes must complete.
  const body = JSON.stringify(review(simplePod(), { uid: 'proc-2' }));
  let finish: () => void = () => {};
  const inFlight = new Promise<number>((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port, path: '/inject', method: 'POST', ca: cert.cert, servername: 'localhost',
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode!)); });
    req.on('error', reject);
    req.write(body.slice(0, 20));
    finish = () => req.end(body.slice(20));
  });
  await new Promise((r) => setTimeout(r, 200));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 200));
  finish();
  t.is(await inFlight, 200);
  t.is(await exited, 0);
  const lines = stderr.trim().split('\n').map((l) => JSON.parse(l));
  const admission = lines.filter((l) => l.msg === 'admission');
  t.deepEqual(admission.map((l) => l.uid), ['proc-1', 'proc-2']);
  for (const l of admission) {
    t.is(typeof l.time, 'string');
    t.is(l.decision, 'injected');
    t.is(l.namespace, 'default');
    t.is(l.pod, 'app');
    t.is(typeof l.duration_ms, 'number');
  }
  t.true(lines.some((l) => l.msg === 'shutting down' && l.signal === 'SIGTERM'));
});
