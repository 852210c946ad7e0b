import test from 'ava';
import { rewriteAppProbes, rewriteAppHTTPProbeEnabled, dumpAppProbers } from '../../src/patch/rewrite-app-probes.js';
import { findProxy } from '../../src/patch/pod-access.js';
import type { Json, JsonObject, PodJson } from '../../src/k8s/types.js';
import { corpusFiles, corpusPods, corpusPresent, deepFreeze } from './corpus.js';
import { corpusTest } from '../corpus.js';

const PROBERS = 'ISTIO_KUBE_APP_PROBERS';
const proxy = (env: JsonObject[] = []): JsonObject => ({ name: 'istio-proxy', env });
const withApp = (app: JsonObject, annotations: Record<string, string> = {}, extraEnv: JsonObject[] = []): PodJson =>
  deepFreeze<PodJson>({ metadata: { annotations }, spec: { containers: [app, proxy(extraEnv)] } });
const probersOf = (pod: PodJson): string | undefined =>
  ((findProxy(pod)?.container.env ?? []) as JsonObject[]).find((e) => e.name === PROBERS)?.value as string | undefined;
const app = (pod: PodJson) => (pod.spec.containers as JsonObject[])[0];

corpusTest('probes, hooks and the probers env match the corpus', (t) => {
  let checked = 0;
  for (const file of corpusFiles().filter((f) => f.endsWith('.yaml.injected'))) {
    let inputs: PodJson[];
    try {
      inputs = corpusPods(file.replace(/\.injected$/, ''));
    } catch {
      continue;
    }
    corpusPods(file).forEach((expected, i) => {
      const input = inputs[i];
      const expectedProxy = findProxy(expected);
      if (!input || !expectedProxy || input.metadata.annotations?.['sidecar.istio.io/status']) return;
      // Templates may set the opt-out annotation themselves (grpc-agent), so read it from the result.
      if (!rewriteAppHTTPProbeEnabled(expected.metadata.annotations, true)) return;
      const pod = deepFreeze<PodJson>({ ...input, spec: { ...input.spec, containers: [...((input.spec.containers as JsonObject[]) ?? []).filter((c) => c.name !== 'istio-proxy'), proxy()] } });
      const out = rewriteAppProbes(pod, { statusPort: 15020, wasInjected: false });
      const want = ((expectedProxy.container.env ?? []) as JsonObject[]).find((e) => e.name === PROBERS)?.value as string | undefined;
      t.is(probersOf(out), want, file);
      for (const list of ['containers', 'initContainers']) {
        for (const c of (expected.spec[list] ?? []) as JsonObject[]) {
          if (c.name === 'istio-proxy') continue;
          const got = ((out.spec[list] ?? []) as JsonObject[]).find((x) => x.name === c.name);
          if (!got) continue;
          for (const f of ['readinessProbe', 'livenessProbe', 'startupProbe', 'lifecycle']) t.deepEqual(got[f], c[f], `${file} ${c.name} ${f}`);
        }
      }
      checked++;
    });
  }
  t.true(checked >= 20, `checked ${checked} corpus pods`);
});

test('httpGet: port and path point at the agent, HTTPS becomes HTTP, host/headers/other fields kept', (t) => {
  const pod = withApp({
    name: 'web',
    readinessProbe: { httpGet: { path: '/ready', port: 8443, scheme: 'HTTPS', host: 'h', httpHeaders: [{ name: 'X', value: '<y>' }] }, timeoutSeconds: 5, periodSeconds: 7 },
  });
  const out = rewriteAppProbes(pod, { statusPort: 15020, wasInjected: false });
  t.deepEqual(app(out).readinessProbe, { httpGet: { path: '/app-health/web/readyz', port: 15020, scheme: 'HTTP', host: 'h', httpHeaders: [{ name: 'X', value: '<y>' }] }, timeoutSeconds: 5, periodSeconds: 7 });
  t.is(probersOf(out), '{"/app-health/web/readyz":{"httpGet":{"path":"/ready","port":8443,"host":"h","scheme":"HTTPS","httpHeaders":[{"name":"X","value":"\\u003cy\\u003e"}]},"timeoutSeconds":5}}');
  t.deepEqual(pod.spec.containers, [{ name: 'web', readinessProbe: { httpGet: { path: '/ready', port: 8443, scheme: 'HTTPS', host: 'h', httpHeaders: [{ name: 'X', value: '<y>' }] }, timeoutSeconds: 5, periodSeconds: 7 } }, proxy()]);
});

test('tcpSocket and grpc probes become httpGet; lifecycle httpGet/tcpSocket hooks too, exec is left alone', (t) => {
  const pod = withApp({
    name: 'svc',
    livenessProbe: { tcpSocket: { port: 5000 }, failureThreshold: 3 },
    startupProbe: { grpc: { port: 9000, service: 'health' } },
    readinessProbe: { exec: { command: ['true'] } },
    lifecycle: { preStop: { tcpSocket: { port: 91 } }, postStart: { exec: { command: ['x'] } } },
  });
  const out = rewriteAppProbes(pod, { statusPort: 15020, wasInjected: false });
  t.deepEqual(app(out).livenessProbe, { httpGet: { path: '/app-health/svc/livez', port: 15020 }, failureThreshold: 3 });
  t.deepEqual(app(out).startupProbe, { httpGet: { path: '/app-health/svc/startupz', port: 15020 } });
  t.deepEqual(app(out).readinessProbe, { exec: { command: ['true'] } });
  t.deepEqual(app(out).lifecycle, { preStop: { httpGet: { path: '/app-lifecycle/svc/prestopz', port: 15020 } }, postStart: { exec: { command: ['x'] } } });
  t.is(
    probersOf(out),
    '{"/app-health/svc/livez":{"tcpSocket":{"port":5000}},"/app-health/svc/startupz":{"grpc":{"port":9000,"service":"health"}},"/app-lifecycle/svc/prestopz":{"tcpSocket":{"port":91}}}',
  );
});

test('named ports resolve through the container ports; an unknown name is left out of the env', (t) => {
  const pod = withApp({ name: 'a', ports: [{ name: 'http', containerPort: 8080 }], readinessProbe: { httpGet: { port: 'http' } }, livenessProbe: { httpGet: { port: 'nope' } } });
  const probers = dumpAppProbers(pod, 15020);
  t.deepEqual(probers, { '/app-health/a/readyz': { httpGet: { port: 8080 } } });
  const out = rewriteAppProbes(pod, { statusPort: 15020, wasInjected: false });
  t.deepEqual(app(out).livenessProbe, { httpGet: { port: 15020, path: '/app-health/a/livez' } });
});

test('a probe already on the status port is not dumped again; no probes → no env', (t) => {
  const pod = withApp({ name: 'a', readinessProbe: { httpGet: { path: '/app-health/a/readyz', port: 15020 } } });
  const out = rewriteAppProbes(pod, { statusPort: 15020, wasInjected: false });
  t.is(probersOf(out), undefined);
  t.deepEqual(app(out).readinessProbe, { httpGet: { path: '/app-health/a/readyz', port: 15020 } });
});

test('status port annotation is the rewrite target; pods without a proxy are untouched', (t) => {
  const pod = withApp({ name: 'a', readinessProbe: { httpGet: { port: 80 } } }, { 'status.sidecar.istio.io/port': '123' });
  t.deepEqual(app(rewriteAppProbes(pod, { statusPort: 15020, wasInjected: false })).readinessProbe, { httpGet: { port: 123, path: '/app-health/a/readyz' } });
  const noProxy = deepFreeze<PodJson>({ metadata: {}, spec: { containers: [{ name: 'a', readinessProbe: { httpGet: { port: 80 } } }] } });
  t.is(rewriteAppProbes(noProxy, { statusPort: 15020, wasInjected: false }), noProxy);
});

test('re-injection merges earlier probers, earlier entries winning, keys sorted', (t) => {
  const pod = withApp({ name: 'a', readinessProbe: { httpGet: { port: 80 } }, livenessProbe: { httpGet: { port: 81 } } });
  const previousProbers: Record<string, Json> = { '/app-health/a/readyz': { httpGet: { port: 3333 } }, '/app-health/gone/livez': { tcpSocket: { port: 1 } } };
  const out = rewriteAppProbes(pod, { statusPort: 15020, wasInjected: true, previousProbers });
  t.is(probersOf(out), '{"/app-health/a/livez":{"httpGet":{"port":81}},"/app-health/a/readyz":{"httpGet":{"port":3333}},"/app-health/gone/livez":{"tcpSocket":{"port":1}}}');
  // Istio's own path: the old env sits on the proxy and is replaced in place.
  const upstream = withApp({ name: 'a', readinessProbe: { httpGet: { port: 80 } } }, { 'sidecar.istio.io/status': '{}' }, [{ name: PROBERS, value: '{"/app-health/x/livez":{"httpGet":{"port":9}}}' }, { name: 'LAST', value: '1' }]);
  const env = findProxy(rewriteAppProbes(upstream, { statusPort: 15020, wasInjected: false }))!.container.env as JsonObject[];
  t.deepEqual(env.map((e) => e.name), [PROBERS, 'LAST']);
  t.is(env[0].value, '{"/app-health/a/readyz":{"httpGet":{"port":80}},"/app-health/x/livez":{"httpGet":{"port":9}}}');
});

test('rewriteAppHTTPProbeEnabled follows Go ParseBool and falls back to the values default', (t) => {
  const a = (v: string) => ({ 'sidecar.istio.io/rewriteAppHTTPProbers': v });
  t.false(rewriteAppHTTPProbeEnabled(a('false'), true));
  t.false(rewriteAppHTTPProbeEnabled(a('F'), true));
  t.true(rewriteAppHTTPProbeEnabled(a('1'), false));
  t.true(rewriteAppHTTPProbeEnabled(a('yes'), true));
  t.false(rewriteAppHTTPProbeEnabled(a(' true'), false));
  t.false(rewriteAppHTTPProbeEnabled(undefined, false));
});
