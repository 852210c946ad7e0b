// Finding 7: inject's output is a fixpoint and check passes on it.
import test from 'ava';
import { check, deployment, inject } from './helpers.js';

async function fixpoint(t: import('ava').ExecutionContext, input: string) {
  const once = await inject(['-q', '-f', '-'], { stdin: input });
  t.is(once.exitCode, 0, once.stderr);
  t.true(once.stdout.includes('istio-proxy'));
  const twice = await inject(['-q', '-f', '-'], { stdin: once.stdout });
  t.is(twice.exitCode, 0, twice.stderr);
  t.is(twice.stdout, once.stdout, 'a second run changes nothing');
  const checked = await check(['-q', '-f', '-'], { stdin: once.stdout });
  t.is(checked.exitCode, 0, checked.stderr);
  return once.stdout;
}

test('prometheus.io/port: "15020" stays alone (no path/scrape on the second run)', async (t) => {
  const out = await fixpoint(t, deployment('      annotations:\n        prometheus.io/port: "15020"\n'));
  t.false(out.includes('prometheus.io/path'));
});

test('a probe on an unresolvable named port with status.sidecar.istio.io/port records no self-reference', async (t) => {
  const out = await fixpoint(t, deployment(
    '      annotations:\n        status.sidecar.istio.io/port: "15021"\n',
    '          readinessProbe:\n            httpGet:\n              path: /ready\n              port: http-missing\n',
  ));
  t.false(out.includes('ISTIO_KUBE_APP_PROBERS'));
});

test('merge keys inside rewritten fields (annotations, containers, probes)', async (t) => {
  const input = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  annotations: &ann
    prometheus.io/port: "8080"
spec:
  template:
    metadata:
      annotations:
        <<: *ann
        x: y
    spec:
      containers:
        - &c
          name: web
          image: nginx
          ports: [{containerPort: 8080, name: http}]
          readinessProbe: &p
            httpGet: {path: /ready, port: http}
        - <<: *c
          name: web2
          livenessProbe: *p
          readinessProbe:
            <<: *p
            periodSeconds: 3
`;
  await fixpoint(t, input);
});

test('!!binary inside an injected document', async (t) => {
  const out = await fixpoint(t, deployment('      annotations:\n        blob: !!binary aGVsbG8=\n'));
  t.true(out.includes('blob: !!binary aGVsbG8='));
});

test("empty values of a container the template records (grpc-agent) survive re-injection: ports: [], path: \"\"", async (t) => {
  const out = await fixpoint(t, deployment(
    '      annotations:\n        inject.istio.io/templates: grpc-agent\n',
    '          ports: []\n          readinessProbe:\n            httpGet:\n              path: ""\n              port: 8080\n',
  ));
  t.true(out.includes('          ports: []\n'));
  t.true(out.includes('              path: ""\n'));
});

test('a field the Go types do not know, in a recorded container, survives re-injection (readinessProbe: {port: 80})', async (t) => {
  const out = await fixpoint(t, deployment(
    '      annotations:\n        inject.istio.io/templates: grpc-agent\n',
    '          readinessProbe:\n            port: 80\n',
  ));
  t.true(out.includes('          readinessProbe:\n            port: 80\n'));
});

test('a hand-written istio-proxy container keeps its empty values on re-injection (path: "")', async (t) => {
  const out = await fixpoint(t, deployment('', '        - name: istio-proxy\n          image: auto\n          livenessProbe:\n            httpGet:\n              path: ""\n              port: 15021\n'));
  t.regex(out, /livenessProbe:\n\s+httpGet:\n\s+path: ""\n\s+port: 15021\n/);
});

test('a hand-written istio-proxy keeps what Go would drop inside a list the template adds to (a volumeMount with a null or unknown field; fuzz seed 28)', async (t) => {
  const out = await fixpoint(t, deployment('', '        - name: istio-proxy\n          image: auto\n          volumeMounts:\n            - mountPath: /etc/certs\n              readOnly: null\n              future: 1\n              name: certs\n'));
  t.regex(out, /- mountPath: \/etc\/certs\n\s+readOnly: null\n\s+future: 1\n\s+name: certs\n/);
});

test('a hand-written istio-proxy keeps a null entry of its resource requests on re-injection (fuzz seed 38)', async (t) => {
  const out = await fixpoint(t, deployment('', '        - name: istio-proxy\n          image: auto\n          resources:\n            requests:\n              future: null\n              cpu: 123m\n'));
  t.regex(out, /requests:\n\s+future: null\n\s+cpu: 123m\n/);
});

test('a hand-written proxy.istio.io/overrides naming istio-proxy under containers (native sidecar: never applied) is stable', async (t) => {
  const record = `'{"containers":[{"name":"istio-proxy","resources":{"requests":{"cpu":"50m"}}}]}'`;
  const out = await fixpoint(t, deployment(`      annotations:\n        proxy.istio.io/overrides: ${record}\n`));
  t.true(out.includes(`proxy.istio.io/overrides: ${record}\n`), 'left as written');
});

test('a hand-written istio-proxy with ports before the app container (native sidecar) is a fixpoint: ISTIO_META_POD_PORTS keeps its order', async (t) => {
  const out = await fixpoint(t, deployment('', '          ports: [{containerPort: 9000, name: grpc}]\n        - name: istio-proxy\n          image: auto\n          ports: [{containerPort: 8080, name: http}]\n').replace(
    '        - name: web\n          image: nginx\n          ports: [{containerPort: 9000, name: grpc}]\n        - name: istio-proxy\n          image: auto\n          ports: [{containerPort: 8080, name: http}]\n',
    '        - name: istio-proxy\n          image: auto\n          ports: [{containerPort: 8080, name: http}]\n        - name: web\n          image: nginx\n          ports: [{containerPort: 9000, name: grpc}]\n',
  ));
  const podPorts = /ISTIO_META_POD_PORTS\n\s+value: \|-?\n([\s\S]*?)\n\s+- name:/.exec(out)?.[1] ?? '';
  t.true(podPorts.indexOf('8080') >= 0 && podPorts.indexOf('8080') < podPorts.indexOf('9000'), podPorts);
});

test('templates that put istio-proxy in both lists (sidecar,grpc-agent with native sidecars, as Istio does) re-inject as a fixpoint', async (t) => {
  const out = await fixpoint(t, deployment('      annotations:\n        inject.istio.io/templates: sidecar,grpc-agent\n'));
  t.is(out.split('- name: istio-proxy').length - 1, 2, 'one under containers, one under initContainers');
});

test('a value of the wrong type in a hand-written istio-proxy (initialDelaySeconds: "") survives re-injection', async (t) => {
  const out = await fixpoint(t, deployment('', '        - name: istio-proxy\n          image: auto\n          livenessProbe:\n            httpGet:\n              port: 15021\n            initialDelaySeconds: ""\n'));
  t.true(out.includes('            initialDelaySeconds: ""\n'));
});

test('a hand-written istio-proxy with ports first, without native sidecars, is a fixpoint too', async (t) => {
  await fixpoint(t, deployment('      annotations:\n        sidecar.istio.io/nativeSidecar: "false"\n').replace(
    '        - name: web\n          image: nginx\n',
    '        - name: istio-proxy\n          image: auto\n          ports: [{containerPort: 9000, name: grpc}]\n        - name: web\n          image: nginx\n          ports: [{containerPort: 8080, name: http}]\n',
  ));
});

test('a hand-written istio-proxy recorded under both lists (sidecar,grpc-agent, native) comes back once: a fixpoint', async (t) => {
  await fixpoint(t, deployment('      annotations:\n        inject.istio.io/templates: sidecar,grpc-agent\n').replace(
    '        - name: web\n          image: nginx\n',
    '        - name: istio-proxy\n          image: nginx\n          ports: [{containerPort: 8080, name: http}]\n',
  ));
});

test('imagePullSecrets: null and initContainers: null as written survive re-injection', async (t) => {
  const out = await fixpoint(t, deployment().replace('      containers:\n', '      imagePullSecrets:\n      initContainers: null\n      containers:\n'));
  t.true(out.includes('      imagePullSecrets:\n'));
});

test('a hand-written istio-proxy recorded under both lists keeps its empty values from either copy (path: "")', async (t) => {
  const out = await fixpoint(t, deployment('      annotations:\n        inject.istio.io/templates: sidecar,grpc-agent\n', '        - name: istio-proxy\n          image: auto\n          livenessProbe: {httpGet: {path: "", port: 8080}}\n'));
  t.regex(out, /path: ""/);
});

test('a resource named __proto__ in a hand-written istio-proxy is data: recorded and re-injected as written', async (t) => {
  const out = await fixpoint(t, deployment('', '        - name: istio-proxy\n          image: auto\n          resources:\n            requests:\n              __proto__: "1"\n              cpu: 100m\n'));
  t.true(out.includes('              __proto__: "1"\n'));
  t.regex(out, /proxy\.istio\.io\/overrides: '.*"requests":\{"__proto__":"1","cpu":"100m"\}/);
});

test("a user istio-proxy the templates do not produce (grpc-simple) does not collect the Prometheus env on each run", async (t) => {
  const out = await fixpoint(t, deployment('      annotations:\n        prometheus.io/scrape: "true"\n        inject.istio.io/templates: grpc-simple\n', '        - name: istio-proxy\n          image: nginx\n'));
  t.is(out.split('ISTIO_PROMETHEUS_ANNOTATIONS').length - 1, 1);
});

test('an unknown field in a rewritten httpGet probe (constructor: x) survives re-injection', async (t) => {
  const out = await fixpoint(t, deployment('', '          readinessProbe:\n            httpGet:\n              constructor: x\n              port: 3333\n'));
  t.true(out.includes('              constructor: x\n'));
});

test('istio.io/rev written by the user on a grpc-simple pod (a template that does not write it) survives re-injection', async (t) => {
  const once = await inject(['-q', '-f', '-'], { stdin: deployment('      annotations:\n        istio.io/rev: default\n        inject.istio.io/templates: grpc-simple\n') });
  t.is(once.exitCode, 0, once.stderr);
  t.true(once.stdout.includes('grpc-bootstrap-init') && once.stdout.includes('        istio.io/rev: default\n'));
  const twice = await inject(['-q', '-f', '-'], { stdin: once.stdout });
  t.is(twice.stdout, once.stdout, 'a second run changes nothing');
});

test('scheme: null in a rewritten httpGet probe survives re-injection', async (t) => {
  const out = await fixpoint(t, deployment('', '          readinessProbe:\n            httpGet:\n              port: 3333\n              scheme: null\n'));
  t.true(out.includes('              scheme: null\n'));
});

test('a hand-written proxy.istio.io/overrides entry next to the pod\'s own istio-proxy: both are kept, and recorded, so re-injection keeps them', async (t) => {
  for (const native of ['"false"', '"true"']) {
    const input = deployment(
      `      annotations:\n        sidecar.istio.io/nativeSidecar: ${native}\n        proxy.istio.io/overrides: '{"containers":[{"name":"istio-proxy","resources":{"requests":{"cpu":"50m"}}}]}'\n`,
      '        - name: istio-proxy\n          image: nginx\n          livenessProbe:\n            grpc:\n              port: 9000\n',
    );
    const out = await fixpoint(t, input);
    t.regex(out, /grpc:\n\s+port: 9000\n/, 'the container\'s own probe is in the pod');
    if (native === '"true"') continue; // the entry names a container; the native proxy is an init container
    t.regex(out, /cpu: 50m\n/, 'the annotation\'s resources are in the pod');
    t.regex(out, /- name: istio-proxy\n\s+image: docker\.io\/istio\/proxyv2:/, 'the template\'s image wins over the container\'s');
    const record = JSON.parse(/proxy\.istio\.io\/overrides: '(.*)'/.exec(out)![1]!);
    t.is(record.containers[0].livenessProbe.grpc.port, 9000);
    t.is(record.containers[0].resources.requests.cpu, '50m');
    t.is(record.containers[0].image, undefined);
    const warned = await inject(['-f', '-'], { stdin: input });
    t.regex(warned.stderr, /both are recorded in proxy\.istio\.io\/overrides/);
  }
});

test('a hand-written overrides entry for istio-proxy when two templates put istio-proxy in both lists (sidecar,grpc-agent, native) stays an annotation on re-injection', async (t) => {
  const out = await fixpoint(t, deployment(
    `      annotations:\n        inject.istio.io/templates: sidecar,grpc-agent\n        proxy.istio.io/overrides: '{"containers":[{"name":"istio-proxy","resources":{"requests":{"cpu":"50m"}}}]}'\n`,
  ));
  const record = JSON.parse(/proxy\.istio\.io\/overrides: '(.*)'/.exec(out)![1]!);
  t.is(record.initContainers, undefined, 'the entry was applied to the containers\' istio-proxy only, as Istio does');
  // The app container grpc-agent records, written `image: auto`: its entry stays without the image.
  const auto = await fixpoint(t, deployment(
    `      annotations:\n        inject.istio.io/templates: sidecar,grpc-agent\n        proxy.istio.io/overrides: '{"containers":[{"name":"istio-proxy","resources":{"requests":{"cpu":"50m"}}}]}'\n`,
  ).replace('image: nginx', 'image: auto'));
  t.regex(auto, /proxy\.istio\.io\/overrides: '.*\{"name":"web","resources":\{\}\}/);
});
