// Certificate and configuration reload while requests are in flight, with Kubernetes-style
// `..data` symlink swaps, and rejection of a bad new configuration.
import test from 'ava';
import { mkdirSync, mkdtempSync, renameSync, symlinkSync, writeFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReloadingSource } from '../../src/webhook/reloading-source.js';
import { startWebhook } from '../../src/webhook/start-webhook.js';
import { coreEngine } from '../../src/webhook/engine.js';
import { resolveConfigFiles } from '../../src/webhook/config-files.js';
import type { LogEntry } from '../../src/webhook/server.js';
import { applyReviewPatch, fakeEngine, makeCert, postReview, request, review, simplePod, sleep, until as pollUntil } from './helpers.js';

/** A directory laid out like a kubelet Secret/ConfigMap mount: files are symlinks through `..data`. */
class AtomicMount {
  private generation = 0;
  constructor(readonly dir: string, private readonly names: string[]) {}
  write(files: Record<string, string>): void {
    const gen = `..gen${++this.generation}`;
    mkdirSync(join(this.dir, gen));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(this.dir, gen, name), text);
    const tmp = join(this.dir, '..data_tmp');
    symlinkSync(gen, tmp);
    renameSync(tmp, join(this.dir, '..data')); // the atomic swap kubelet does
    if (this.generation === 1) for (const n of this.names) symlinkSync(join('..data', n), join(this.dir, n));
    else rmSync(join(this.dir, `..gen${this.generation - 1}`), { recursive: true });
  }
}

const until = (cond: () => boolean | Promise<boolean>, ms = 5000) => pollUntil(cond, ms);

test('ReloadingSource keeps the last good value and reports a bad one once', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'reload-'));
  const file = join(dir, 'n');
  writeFileSync(file, '1');
  const rejected: string[] = [];
  let builds = 0;
  const src = new ReloadingSource([file], (c) => {
    builds++;
    const n = Number(c.get(file));
    if (!Number.isInteger(n)) throw new Error(`not a number: ${c.get(file)}`);
    return n;
  }, { onReject: (e) => rejected.push(e.message), settleMs: 0 });
  t.is(src.current, 1);
  t.false(src.check()); // unchanged bytes: no rebuild
  t.is(builds, 1);
  writeFileSync(file, '2');
  t.false(src.check()); // changed bytes are read twice before use
  t.is(src.current, 1);
  t.true(src.check());
  t.is(src.current, 2);
  writeFileSync(file, 'x');
  t.false(src.check());
  t.false(src.check());
  t.false(src.check());
  t.is(src.current, 2);
  t.deepEqual(rejected, ['not a number: x']);
  rmSync(file);
  t.false(src.check());
  t.regex(rejected[1], /cannot read .*: no such file/);
  t.is(src.current, 2);
});

test('ReloadingSource fails at construction on bad input', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'reload-'));
  t.throws(() => new ReloadingSource([join(dir, 'missing')], () => 1), { message: /cannot read .*missing: no such file/ });
});

test.serial('certificate swap under concurrent requests: no failed request, new connections get the new certificate', async (t) => {
  const certs = [makeCert('first'), makeCert('second')];
  const mountDir = mkdtempSync(join(tmpdir(), 'tls-mount-'));
  const mount = new AtomicMount(mountDir, ['tls.crt', 'tls.key']);
  mount.write({ 'tls.crt': certs[0].cert, 'tls.key': certs[0].key });
  const logs: LogEntry[] = [];
  const running = await startWebhook({
    port: 0, host: '127.0.0.1',
    tlsCertFile: join(mountDir, 'tls.crt'), tlsKeyFile: join(mountDir, 'tls.key'),
    configFiles: {}, settingsFlags: {}, engine: fakeEngine, log: (e) => logs.push(e),
    watch: { debounceMs: 20, pollMs: 200 },
  });
  const port = running.address.port;
  const ca = [certs[0].cert, certs[1].cert];
  const fingerprints = new Set<string>();
  let failures = 0;
  let done = false;
  let count = 0;
  const worker = async () => {
    while (!done) {
      try {
        // A fresh connection each time, so each request sees the certificate in force.
        const reply = await postReview(port, review(simplePod()), { ca, agent: false });
        if (reply.status !== 200 || !reply.json().response.allowed) failures++;
        if (reply.peerCertificate) fingerprints.add(reply.peerCertificate);
        count++;
      } catch {
        failures++;
      }
    }
  };
  const workers = Array.from({ length: 6 }, worker);
  await sleep(200);
  mount.write({ 'tls.crt': certs[1].cert, 'tls.key': certs[1].key });
  const swapped = await until(() => logs.some((e) => e.msg === 'TLS certificate reloaded'));
  await sleep(300);
  done = true;
  await Promise.all(workers);
  t.true(swapped, 'the new certificate was picked up');
  t.is(failures, 0);
  t.true(count > 20, `only ${count} requests`);
  t.is(fingerprints.size, 2, 'both certificates were served');
  // Only the second certificate is served now.
  const after = await postReview(port, review(simplePod()), { ca: certs[1].cert, agent: false });
  t.is(after.status, 200);

  // A broken pair (key of the first with the second certificate) is rejected; serving continues.
  mount.write({ 'tls.crt': certs[1].cert, 'tls.key': certs[0].key });
  t.true(await until(() => logs.some((e) => e.msg === 'TLS certificate change rejected; keeping the current certificate')));
  t.is((await postReview(port, review(simplePod()), { ca: certs[1].cert, agent: false })).status, 200);
  await running.shutdown(1000);
});

test.serial('config reload from a ConfigMap directory under concurrent requests; a bad config keeps the last good one', async (t) => {
  const cert = makeCert();
  const configDir = mkdtempSync(join(tmpdir(), 'config-mount-'));
  const mount = new AtomicMount(configDir, ['values']);
  const values = (hub: string) => JSON.stringify({ global: { hub, tag: '1.0' } });
  mount.write({ values: values('registry.example/one') });
  const logs: LogEntry[] = [];
  const running = await startWebhook({
    port: 0, host: '127.0.0.1', tlsCertFile: cert.certFile, tlsKeyFile: cert.keyFile,
    configFiles: resolveConfigFiles({ configDir }, '/'), settingsFlags: { revision: 'default' },
    engine: coreEngine, log: (e) => logs.push(e), watch: { debounceMs: 20, pollMs: 200 },
  });
  const port = running.address.port;
  const agent = new https.Agent({ keepAlive: true, maxSockets: 4 });
  const proxyImage = async () => {
    const pod = simplePod();
    const reply = await postReview(port, review(pod), { ca: cert.cert, agent });
    if (reply.status !== 200 || !reply.json().response.allowed) throw new Error(`request failed: ${reply.status} ${reply.body}`);
    const patched = await applyReviewPatch(pod, reply.json().response);
    const proxy = [...(patched.spec.initContainers ?? []), ...patched.spec.containers].find((c: any) => c.name === 'istio-proxy');
    return proxy.image as string;
  };
  t.is(await proxyImage(), 'registry.example/one/proxyv2:1.0');

  let failures = 0;
  let done = false;
  const images = new Set<string>();
  const worker = async () => {
    while (!done) {
      try {
        images.add(await proxyImage());
      } catch {
        failures++;
      }
    }
  };
  const workers = Array.from({ length: 4 }, worker);
  await sleep(100);
  mount.write({ values: values('registry.example/two') });
  t.true(await until(() => logs.some((e) => e.msg === 'configuration reloaded')));
  await sleep(200);
  done = true;
  await Promise.all(workers);
  t.is(failures, 0);
  t.true(images.has('registry.example/two/proxyv2:1.0'));
  t.is(await proxyImage(), 'registry.example/two/proxyv2:1.0');

  // Half-written / invalid values: rejected with a log line, the last good configuration stays.
  mount.write({ values: '{"global": {"hub": ' });
  t.true(await until(() => logs.some((e) => e.msg === 'configuration change rejected; keeping the last good configuration')));
  const rejection = logs.find((e) => e.msg === 'configuration change rejected; keeping the last good configuration')!;
  t.regex(String(rejection.error), /values/);
  t.is(await proxyImage(), 'registry.example/two/proxyv2:1.0');
  // And a later good one is picked up again.
  mount.write({ values: values('registry.example/three') });
  t.true(await until(async () => (await proxyImage()) === 'registry.example/three/proxyv2:1.0'));
  agent.destroy();
  await running.shutdown(1000);
});

test('startWebhook fails clearly on a bad initial config or certificate', async (t) => {
  const cert = makeCert();
  const dir = mkdtempSync(join(tmpdir(), 'bad-'));
  writeFileSync(join(dir, 'mesh'), 'defaultConfig: [1]\n');
  await t.throwsAsync(startWebhook({
    port: 0, host: '127.0.0.1', tlsCertFile: cert.certFile, tlsKeyFile: cert.keyFile,
    configFiles: { meshConfigFile: join(dir, 'mesh') }, settingsFlags: {}, engine: coreEngine, log: () => {},
  }), { message: /mesh.*defaultConfig/ });
  const other = makeCert();
  await t.throwsAsync(startWebhook({
    port: 0, host: '127.0.0.1', tlsCertFile: cert.certFile, tlsKeyFile: other.keyFile,
    configFiles: {}, settingsFlags: {}, engine: coreEngine, log: () => {},
  }), { message: /not usable/ });
  await t.throwsAsync(startWebhook({
    port: 0, host: '127.0.0.1', tlsCertFile: join(dir, 'nope.crt'), tlsKeyFile: cert.keyFile,
    configFiles: {}, settingsFlags: {}, engine: coreEngine, log: () => {},
  }), { message: /cannot read .*nope.crt: no such file/ });
});

test('readiness is served once listening', async (t) => {
  const cert = makeCert();
  const running = await startWebhook({
    port: 0, host: '127.0.0.1', tlsCertFile: cert.certFile, tlsKeyFile: cert.keyFile,
    configFiles: {}, settingsFlags: {}, engine: coreEngine, log: () => {},
  });
  t.is((await request(running.address.port, '/ready', { ca: cert.cert })).status, 200);
  await running.shutdown(1000);
});
