// The pipeline around the templates: flavors, template selection, webhook-only behaviour, errors.
import test from 'ava';
import { InjectError } from '../../src/errors.js';
import { injectPod, templateNamesFor } from '../../src/inject.js';
import { resolveTemplate } from '../../src/render/template-set.js';
import { ann, container, defaults, envValue, inject, list, makePod, proxy, settingsWith } from './helpers.js';

const workload = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'hello', namespace: 'shop' };

test('kube-inject flavor: [sidecar], no aliases, no injectedAnnotations', (t) => {
  const s = settingsWith((x) => {
    x.injector.defaultTemplates = ['gateway'];
    x.injector.aliases = { sidecar: ['gateway'] };
    x.injector.injectedAnnotations = { 'example.com/injected': 'yes' };
  });
  const pod = inject({}, s, 'kube-inject');
  t.deepEqual(proxy(pod).args.slice(0, 2), ['proxy', 'sidecar']);
  t.is(ann(pod)['example.com/injected'], undefined);
});

test('webhook flavor: defaultTemplates, injectedAnnotations', (t) => {
  const s = settingsWith((x) => {
    x.injector.defaultTemplates = ['gateway'];
    x.injector.injectedAnnotations = { 'example.com/injected': 'yes' };
  });
  const pod = inject({}, s, 'webhook');
  t.deepEqual(proxy(pod).args.slice(0, 2), ['proxy', 'router']);
  t.is(ann(pod)['example.com/injected'], 'yes');
});

test('webhook flavor: aliases resolve exactly one level', (t) => {
  const s = settingsWith((x) => {
    x.injector.aliases = { both: ['sidecar', 'grpc-simple'], outer: ['both'] };
  });
  const req = { pod: makePod(), workload, flavor: 'webhook' as const };
  t.deepEqual(templateNamesFor(req, s, { 'inject.istio.io/templates': 'both' }), ['sidecar', 'grpc-simple']);
  t.deepEqual(templateNamesFor(req, s, { 'inject.istio.io/templates': 'outer' }), ['both']);
  t.deepEqual(templateNamesFor({ ...req, flavor: 'kube-inject' }, s, { 'inject.istio.io/templates': 'both' }), ['both']);
  const pod = inject({ annotations: { 'inject.istio.io/templates': 'both' } }, s, 'webhook');
  t.truthy(container(pod, 'grpc-bootstrap-init'));
  t.truthy(proxy(pod));
});

test('a Go template of the injector config runs next to the built-in sidecar', (t) => {
  const s = settingsWith((x) => {
    x.injector.goTemplates = { spire: 'metadata:\n  labels:\n    spire: "{{ .DeploymentMeta.Name }}"\n' };
  });
  const pod = inject({ annotations: { 'inject.istio.io/templates': 'sidecar,spire' } }, s);
  t.is((pod.metadata.labels as Record<string, string>).spire, 'hello');
  t.truthy(proxy(pod));
});

test('a user ejs template runs with the documented context and helpers', (t) => {
  const s = settingsWith((x) => {
    x.templates = {
      extra: {
        name: 'extra',
        origin: 'test',
        source: [
          'metadata:',
          '  annotations:',
          '    example.com/workload: <%- str(workload.kind + "/" + workload.name) %>',
          '    example.com/first: <%- str(appContainerNames()[0]) %>',
          '    example.com/port: <%- str(get(values, "global.proxy.statusPort")) %>',
          'spec:',
          '  containers:',
          '  - name: istio-proxy',
          '    env:',
          '    - name: FROM_TEMPLATE',
          '      value: <%- json(annotation("example.com/in", "none")) %>',
          '',
        ].join('\n'),
      },
    };
  });
  // classic sidecar: the template patches istio-proxy under containers (spec i.3 for native)
  const pod = inject({ annotations: { 'inject.istio.io/templates': 'sidecar,extra', 'example.com/in': 'x', 'sidecar.istio.io/nativeSidecar': 'false' } }, s);
  t.is(ann(pod)['example.com/workload'], 'Deployment/hello');
  t.is(ann(pod)['example.com/first'], 'hello');
  t.is(ann(pod)['example.com/port'], '15020');
  t.is(envValue(proxy(pod), 'FROM_TEMPLATE'), 'x');
});

test('proxyEnvs from the webhook URL are appended to the proxy env, sorted by name', (t) => {
  const out = injectPod(
    { pod: makePod(), workload, flavor: 'webhook', proxyEnvs: { ZED: 'z', ISTIO_META_CLUSTER_ID: 'cluster1', ALPHA: 'a' } },
    defaults,
  ).pod;
  const names: string[] = proxy(out).env.map((e: any) => e.name);
  t.deepEqual(names.slice(-3), ['ALPHA', 'ISTIO_META_CLUSTER_ID', 'ZED']);
  t.is(names.filter((n) => n === 'ISTIO_META_CLUSTER_ID').length, 1);
  t.is(envValue(proxy(out), 'ISTIO_META_CLUSTER_ID'), 'cluster1');
});

test('proxyUID/proxyGID (OpenShift) set the proxy user and iptables -u', (t) => {
  const out = injectPod({ pod: makePod(), workload, flavor: 'webhook', proxyUID: 1000629999, proxyGID: 1000629999 }, defaults).pod;
  t.is(proxy(out).securityContext.runAsUser, 1000629999);
  t.is(proxy(out).securityContext.runAsGroup, 1000629999);
  const args: string[] = container(out, 'istio-init').args;
  t.is(args[args.indexOf('-u') + 1], '1000629999');
});

test('wasInjected reports a previous injection', (t) => {
  const first = injectPod({ pod: makePod(), workload, flavor: 'kube-inject' }, defaults);
  t.false(first.wasInjected);
  const second = injectPod({ pod: first.pod, workload, flavor: 'kube-inject' }, defaults);
  t.true(second.wasInjected);
  t.deepEqual(second.pod, first.pod);
});

test('re-injection with changed settings replaces the old sidecar instead of merging onto it', (t) => {
  const old = inject({}, settingsWith((x) => {
    (x.values as any).global.proxy.logLevel = 'debug';
    x.nativeSidecars = false;
  }));
  t.truthy(list(old, 'containers').find((c) => c.name === 'istio-proxy'));
  const fresh = inject(structuredClone(old));
  t.is(list(fresh, 'containers').find((c) => c.name === 'istio-proxy'), undefined);
  t.deepEqual(list(fresh, 'initContainers').map((c) => c.name), ['istio-init', 'istio-proxy']);
  t.true(proxy(fresh).args.includes('--proxyLogLevel=warning'));
  t.deepEqual(fresh, inject());
});

test('templates are compiled once per Settings', (t) => {
  t.is(resolveTemplate(defaults, 'sidecar'), resolveTemplate(defaults, 'sidecar'));
});

test('values.global.proxy.statusPort 0: no proxy probes and no status port in -d', (t) => {
  const s = settingsWith((x) => {
    (x.values as any).global.proxy.statusPort = 0;
  });
  const pod = inject({}, s);
  t.is(proxy(pod).readinessProbe, undefined);
  const args: string[] = container(pod, 'istio-init').args;
  t.is(args[args.indexOf('-d') + 1], '15090,15021');
});

test('compliance policy fips-140-3 adds COMPLIANCE_POLICY, and on master also GODEBUG', (t) => {
  const s = settingsWith((x) => {
    x.compliancePolicy = 'fips-140-3';
  });
  const p = proxy(inject({}, s));
  t.is(envValue(p, 'COMPLIANCE_POLICY'), 'fips-140-3');
  t.is(envValue(p, 'GODEBUG'), undefined, 'Istio 1.30.3 sets no GODEBUG');
  const master = proxy(inject({}, settingsWith((x) => {
    x.compliancePolicy = 'fips-140-3';
    x.istioVersion = 'master';
  })));
  t.is(envValue(master, 'COMPLIANCE_POLICY'), 'fips-140-3');
  t.is(envValue(master, 'GODEBUG'), 'fips140=only');
});

test('warnings: unusual nativeSidecar values and a non-ClusterFirst dnsPolicy', (t) => {
  const out = injectPod(
    { pod: makePod({ annotations: { 'sidecar.istio.io/nativeSidecar': 'yes' }, spec: { dnsPolicy: 'Default' } }), workload, flavor: 'kube-inject' },
    defaults,
  );
  t.is(out.warnings.length, 2);
  t.regex(out.warnings[0]!, /sidecar\.istio\.io\/nativeSidecar: "yes" is neither "true" nor "false"/);
  t.regex(out.warnings[1]!, /dnsPolicy is Default/);
  t.deepEqual(injectPod({ pod: makePod(), workload, flavor: 'kube-inject' }, defaults).warnings, []);
});

test('the request pod is not mutated, even by a template that only touches spec', (t) => {
  const s = settingsWith((x) => {
    x.templates = { bare: { name: 'bare', origin: 'test', source: 'spec:\n  volumes:\n  - name: extra\n    emptyDir: {}\n' } };
  });
  const pod = makePod({ annotations: { 'inject.istio.io/templates': 'bare' }, labels: { 'topology.istio.io/network': 'n1' } });
  const before = structuredClone(pod);
  const out = injectPod({ pod, workload, flavor: 'webhook' }, s).pod;
  t.deepEqual(pod, before);
  t.truthy(ann(out)['sidecar.istio.io/status']);
});

test('an own istio-proxy that already sets ISTIO_KUBE_APP_PROBERS, without a status annotation: appended as Istio does, with a warning', (t) => {
  const earlier = '{"/app-health/old/livez":{"httpGet":{"port":81}}}';
  const own = { name: 'istio-proxy', image: 'example.com/proxy:1', env: [{ name: 'ISTIO_KUBE_APP_PROBERS', value: earlier }] };
  const app = { name: 'hello', image: 'example.com/hello:1.0', livenessProbe: { httpGet: { path: '/live', port: 8080 } } };
  const out = injectPod({ pod: makePod({ containers: [app, own] }), workload, flavor: 'kube-inject' }, defaults);
  const probers = (proxy(out.pod).env as { name: string; value?: string }[]).filter((e) => e.name === 'ISTIO_KUBE_APP_PROBERS');
  t.deepEqual(probers.map((e) => e.value), [earlier, '{"/app-health/hello/livez":{"httpGet":{"path":"/live","port":8080}}}']);
  t.is(out.warnings.length, 1);
  t.regex(out.warnings[0]!, /already sets ISTIO_KUBE_APP_PROBERS but the pod has no sidecar\.istio\.io\/status annotation/);
  // With nothing to append there is one and no warning.
  const noProbe = injectPod({ pod: makePod({ containers: [{ name: 'hello', image: 'example.com/hello:1.0' }, own] }), workload, flavor: 'kube-inject' }, defaults);
  t.deepEqual(noProbe.warnings, []);
});
