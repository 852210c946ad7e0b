// One test (at least) per pod annotation and label of spec b.2/b.3, asserting its concrete effect.
import test from 'ava';
import { InjectError } from '../../src/errors.js';
import { ann, argAfter, container, envValue, inject, labels, list, makePod, proxy, settingsWith, volumeNames } from './helpers.js';

// The opt-out decision lives in the CLI path (select + faces); loaded lazily so that the rest of this
// file does not depend on the faces being importable.
async function runInject(args: string[], io: { stdin?: string }) {
  const mod = await import('../../src/cli/run-inject.js');
  return mod.runInject(args, io);
}

const cni = settingsWith((s) => {
  (s.values as any).pilot.cni.enabled = true;
});

// --- b.2 annotations -------------------------------------------------------------------------------

test('sidecar.istio.io/inject: "false" on the pod template leaves the workload untouched', async (t) => {
  const doc = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: hello}',
    'spec:',
    '  template:',
    '    metadata:',
    '      annotations: {sidecar.istio.io/inject: "false"}',
    '    spec:',
    '      containers: [{name: hello, image: example.com/hello:1}]',
    '',
  ].join('\n');
  const run = await runInject(['--selector', 'all', '-f', '-'], { stdin: doc });
  t.is(run.exitCode, 0, run.stderr);
  t.false(run.stdout.includes('istio-proxy'));
});

test('inject.istio.io/templates selects templates in order (trimmed items)', (t) => {
  const pod = inject({ annotations: { 'inject.istio.io/templates': ' gateway ' } });
  t.deepEqual(proxy(pod).args.slice(0, 2), ['proxy', 'router']);
  t.is(container(pod, 'istio-init'), undefined);
  const err = t.throws(() => inject({ annotations: { 'inject.istio.io/templates': 'sidecar,nope' } }), { instanceOf: InjectError }) as InjectError;
  t.is(err.code, 'template-not-found');
  t.regex(err.message, /requested template "nope" not found/);
});

test('sidecar.istio.io/status: a previously injected pod is stripped and injected cleanly', (t) => {
  const once = inject();
  const twice = inject(structuredClone(once));
  t.deepEqual(list(twice, 'initContainers').map((c) => c.name), ['istio-init', 'istio-proxy']);
  t.deepEqual(volumeNames(twice), volumeNames(once));
  t.deepEqual(twice, once);
  t.true(JSON.parse(ann(twice)['sidecar.istio.io/status']!).initContainers.includes('istio-proxy'));
});

test('proxy.istio.io/config overrides ProxyConfig (PROXY_CONFIG, proxyMetadata env, hold ordering)', (t) => {
  const pod = inject({
    annotations: { 'proxy.istio.io/config': 'drainDuration: 23s\nholdApplicationUntilProxyStarts: true\nproxyMetadata: {FOO: bar}\n' },
    spec: {},
  });
  const p = proxy(pod);
  const pc = JSON.parse(envValue(p, 'PROXY_CONFIG')!);
  t.is(pc.drainDuration, '23s');
  t.is(pc.holdApplicationUntilProxyStarts, true);
  t.is(envValue(p, 'FOO'), 'bar');
  t.is(envValue(container(pod, 'istio-init'), 'FOO'), 'bar');
  t.is(ann(pod)['proxy.istio.io/config']!.includes('drainDuration'), true);
});

test('proxy.istio.io/config with holdApplicationUntilProxyStarts puts a classic proxy first with a postStart wait', (t) => {
  const s = settingsWith((x) => {
    x.nativeSidecars = false;
  });
  const pod = inject({ annotations: { 'proxy.istio.io/config': '{"holdApplicationUntilProxyStarts": true}' } }, s);
  t.is(list(pod, 'containers')[0].name, 'istio-proxy');
  t.deepEqual(proxy(pod).lifecycle.postStart.exec.command, ['pilot-agent', 'wait']);
});

test('proxy.istio.io/overrides written for user customisations of the proxy (image: auto)', (t) => {
  const pod = inject({
    containers: [
      { name: 'hello', image: 'example.com/hello:1.0' },
      { name: 'istio-proxy', image: 'auto', resources: { limits: { memory: '2Gi' } } },
    ],
  });
  const p = proxy(pod);
  t.is(p.image, 'docker.io/istio/proxyv2:1.30.3');
  t.is(p.resources.limits.memory, '2Gi');
  // native sidecars: the user's proxy moved to initContainers and is recorded there
  const overrides = JSON.parse(ann(pod)['proxy.istio.io/overrides']!);
  t.deepEqual(overrides, { initContainers: [{ name: 'istio-proxy', resources: { limits: { memory: '2Gi' } } }] });
  // re-injection reads the recorded override back
  t.is(proxy(inject(structuredClone(pod))).resources.limits.memory, '2Gi');
});

test('sidecar.istio.io/nativeSidecar: "false" forces a classic sidecar, "true" forces native', (t) => {
  const classic = inject({ annotations: { 'sidecar.istio.io/nativeSidecar': 'false' } });
  t.truthy(list(classic, 'containers').find((c) => c.name === 'istio-proxy'));
  t.is(proxy(classic).restartPolicy, undefined);
  const off = settingsWith((s) => {
    s.nativeSidecars = false;
  });
  const native = inject({ annotations: { 'sidecar.istio.io/nativeSidecar': 'true' } }, off);
  const p = list(native, 'initContainers').find((c) => c.name === 'istio-proxy');
  t.is(p.restartPolicy, 'Always');
});

test('sidecar.istio.io/proxyImage with a "/" is used verbatim for init and proxy; without "/" it is ignored', (t) => {
  const pod = inject({ annotations: { 'sidecar.istio.io/proxyImage': 'my.registry/istio/proxy:custom' } });
  t.is(proxy(pod).image, 'my.registry/istio/proxy:custom');
  t.is(container(pod, 'istio-init').image, 'my.registry/istio/proxy:custom');
  const ignored = inject({ annotations: { 'sidecar.istio.io/proxyImage': 'justaname' } });
  t.true(proxy(ignored).image.endsWith('/proxyv2:' + String((defaults().values as any).global.tag)));
});

function defaults() {
  return settingsWith(() => {});
}

test('sidecar.istio.io/proxyImageType appends the image type to both images', (t) => {
  const pod = inject({ annotations: { 'sidecar.istio.io/proxyImageType': 'distroless' } });
  t.regex(proxy(pod).image, /-distroless$/);
  t.regex(container(pod, 'istio-init').image, /-distroless$/);
});

test('sidecar.istio.io/interceptionMode TPROXY: -m TPROXY, NET_ADMIN, uid 0, env', (t) => {
  const pod = inject({ annotations: { 'sidecar.istio.io/interceptionMode': 'TPROXY' } });
  const init = container(pod, 'istio-init');
  t.is(argAfter(init.args, '-m'), 'TPROXY');
  t.is(argAfter(init.args, '-u'), '1337');
  const p = proxy(pod);
  t.deepEqual(p.securityContext.capabilities.add, ['NET_ADMIN']);
  t.is(p.securityContext.runAsUser, 0);
  t.is(envValue(p, 'ISTIO_META_INTERCEPTION_MODE'), 'TPROXY');
});

test('sidecar.istio.io/interceptionMode NONE drops the iptables container; invalid values are rejected', (t) => {
  const pod = inject({ annotations: { 'sidecar.istio.io/interceptionMode': 'NONE' } });
  t.is(container(pod, 'istio-init'), undefined);
  t.truthy(proxy(pod));
  const err = t.throws(() => inject({ annotations: { 'sidecar.istio.io/interceptionMode': 'redirect' } }), { instanceOf: InjectError }) as InjectError;
  t.is(err.code, 'invalid-annotation');
  t.regex(err.message, /sidecar\.istio\.io\/interceptionMode/);
});

test('sidecar.istio.io/capNetBindService: proxy gets NET_BIND_SERVICE and runs as root', (t) => {
  const p = proxy(inject({ annotations: { 'sidecar.istio.io/capNetBindService': 'true' } }));
  t.deepEqual(p.securityContext.capabilities.add, ['NET_BIND_SERVICE']);
  t.is(p.securityContext.runAsUser, 0);
  t.is(p.securityContext.runAsGroup, 1337);
  t.false(p.securityContext.runAsNonRoot);
});

test('status.sidecar.istio.io/port: excluded inbound, drain port, probe target; 0 removes proxy probes', (t) => {
  const pod = inject({
    annotations: { 'status.sidecar.istio.io/port': '123' },
    containers: [{ name: 'hello', image: 'x/y:1', readinessProbe: { httpGet: { path: '/r', port: 80 } } }],
  });
  t.is(argAfter(container(pod, 'istio-init').args, '-d'), '15090,15021,123');
  t.true(proxy(pod).lifecycle.preStop.exec.command.includes('--debug-port=123'));
  t.is(container(pod, 'hello').readinessProbe.httpGet.port, 123);
  const zero = proxy(inject({ annotations: { 'status.sidecar.istio.io/port': '0' } }));
  t.is(zero.readinessProbe, undefined);
  t.is(zero.startupProbe, undefined);
});

test('readiness.status.sidecar.istio.io/* set the proxy readiness probe', (t) => {
  const p = proxy(
    inject({
      annotations: {
        'readiness.status.sidecar.istio.io/initialDelaySeconds': '7',
        'readiness.status.sidecar.istio.io/periodSeconds': '11',
        'readiness.status.sidecar.istio.io/failureThreshold': '13',
      },
    }),
  );
  t.is(p.readinessProbe.initialDelaySeconds, 7);
  t.is(p.readinessProbe.periodSeconds, 11);
  t.is(p.readinessProbe.failureThreshold, 13);
  const err = t.throws(() => inject({ annotations: { 'readiness.status.sidecar.istio.io/periodSeconds': '-1' } }), { instanceOf: InjectError });
  t.regex(err!.message, /periodSeconds/);
});

test('readiness.status.sidecar.istio.io/applicationPorts is not read any more', (t) => {
  const a = inject();
  const b = inject({ annotations: { 'readiness.status.sidecar.istio.io/applicationPorts': '80' } });
  t.deepEqual(proxy(b), proxy(a));
});

test('traffic.sidecar.istio.io/includeOutboundIPRanges and excludeOutboundIPRanges set -i / -x', (t) => {
  const init = container(
    inject({
      annotations: {
        'traffic.sidecar.istio.io/includeOutboundIPRanges': '10.0.0.0/8',
        'traffic.sidecar.istio.io/excludeOutboundIPRanges': '10.1.0.0/16,10.2.0.0/16',
      },
    }),
    'istio-init',
  );
  t.is(argAfter(init.args, '-i'), '10.0.0.0/8');
  t.is(argAfter(init.args, '-x'), '10.1.0.0/16,10.2.0.0/16');
  const e1 = t.throws(() => inject({ annotations: { 'traffic.sidecar.istio.io/includeOutboundIPRanges': 'bad' } }), { instanceOf: InjectError });
  t.regex(e1!.message.toLowerCase(), /includeipranges/);
  const e2 = t.throws(() => inject({ annotations: { 'traffic.sidecar.istio.io/excludeOutboundIPRanges': '*' } }), { instanceOf: InjectError });
  t.regex(e2!.message.toLowerCase(), /excludeipranges/);
});

test('traffic.sidecar.istio.io/includeInboundPorts and excludeInboundPorts set -b / -d', (t) => {
  const init = container(
    inject({
      annotations: {
        'traffic.sidecar.istio.io/includeInboundPorts': '1,2,3',
        'traffic.sidecar.istio.io/excludeInboundPorts': '4,5,6',
      },
    }),
    'istio-init',
  );
  t.is(argAfter(init.args, '-b'), '1,2,3');
  t.is(argAfter(init.args, '-d'), '15090,15021,4,5,6,15020');
  const err = t.throws(() => inject({ annotations: { 'traffic.sidecar.istio.io/excludeInboundPorts': '*' } }), { instanceOf: InjectError });
  t.regex(err!.message.toLowerCase(), /excludeinboundports/);
});

test('traffic.sidecar.istio.io/includeOutboundPorts and excludeOutboundPorts add -q / -o only when set', (t) => {
  const plain = container(inject(), 'istio-init');
  t.false(plain.args.includes('-q'));
  t.false(plain.args.includes('-o'));
  const init = container(
    inject({
      annotations: {
        'traffic.sidecar.istio.io/includeOutboundPorts': '443',
        'traffic.sidecar.istio.io/excludeOutboundPorts': '7,8,9',
      },
    }),
    'istio-init',
  );
  t.is(argAfter(init.args, '-q'), '443');
  t.is(argAfter(init.args, '-o'), '7,8,9');
});

test('istio.io/reroute-virtual-interfaces wins over traffic.sidecar.istio.io/kubevirtInterfaces for -k', (t) => {
  const both = container(
    inject({ annotations: { 'istio.io/reroute-virtual-interfaces': 'net1', 'traffic.sidecar.istio.io/kubevirtInterfaces': 'net2' } }),
    'istio-init',
  );
  t.is(argAfter(both.args, '-k'), 'net1');
  const kubevirt = container(inject({ annotations: { 'traffic.sidecar.istio.io/kubevirtInterfaces': 'net2,net3' } }), 'istio-init');
  t.is(argAfter(kubevirt.args, '-k'), 'net2,net3');
});

test('traffic.sidecar.istio.io/excludeInterfaces sets -c; bad names are rejected', (t) => {
  const init = container(inject({ annotations: { 'traffic.sidecar.istio.io/excludeInterfaces': 'eth1,eth2' } }), 'istio-init');
  t.is(argAfter(init.args, '-c'), 'eth1,eth2');
  const err = t.throws(() => inject({ annotations: { 'traffic.sidecar.istio.io/excludeInterfaces': '1bad' } }), { instanceOf: InjectError });
  t.regex(err!.message, /excludeInterfaces/);
});

test('CNI mode copies the traffic annotations onto the pod for istio-cni', (t) => {
  const pod = inject(
    { annotations: { 'traffic.sidecar.istio.io/excludeInterfaces': 'eth1', 'traffic.sidecar.istio.io/excludeOutboundPorts': '9' } },
    cni,
  );
  const a = ann(pod);
  t.is(a['traffic.sidecar.istio.io/excludeInterfaces'], 'eth1');
  t.is(a['traffic.sidecar.istio.io/excludeOutboundPorts'], '9');
  t.is(a['traffic.sidecar.istio.io/excludeInboundPorts'], '15020');
  t.is(a['sidecar.istio.io/interceptionMode'], 'REDIRECT');
  t.truthy(container(pod, 'istio-validation'));
  t.is(container(pod, 'istio-init'), undefined);
});

test('sidecar.istio.io/agentLogLevel, logLevel and componentLogLevel set the log flags', (t) => {
  const pod = inject({
    annotations: {
      'sidecar.istio.io/agentLogLevel': 'default:debug',
      'sidecar.istio.io/logLevel': 'trace',
      'sidecar.istio.io/componentLogLevel': 'upstream:debug',
    },
  });
  const args: string[] = proxy(pod).args;
  t.true(args.includes('--log_output_level=default:debug'));
  t.true(args.includes('--proxyLogLevel=trace'));
  t.true(args.includes('--proxyComponentLogLevel=upstream:debug'));
  t.true(container(pod, 'istio-init').args.includes('--log_output_level=default:debug'));
});

test('sidecar.istio.io/proxyCPU/proxyMemory/proxyCPULimit/proxyMemoryLimit replace the values resources', (t) => {
  const pod = inject({
    annotations: {
      'sidecar.istio.io/proxyCPU': '200m',
      'sidecar.istio.io/proxyMemory': '256Mi',
      'sidecar.istio.io/proxyCPULimit': '1',
      'sidecar.istio.io/proxyMemoryLimit': '512Mi',
    },
  });
  t.deepEqual(proxy(pod).resources, { requests: { cpu: '200m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } });
  t.deepEqual(container(pod, 'istio-init').resources, proxy(pod).resources);
  const onlyCpu = proxy(inject({ annotations: { 'sidecar.istio.io/proxyCPU': '300m' } }));
  t.deepEqual(onlyCpu.resources, { requests: { cpu: '300m' } });
  t.throws(() => inject({ annotations: { 'sidecar.istio.io/proxyMemory': 'lots' } }), { instanceOf: InjectError });
});

test('sidecar.istio.io/bootstrapOverride mounts the ConfigMap and sets ISTIO_BOOTSTRAP_OVERRIDE', (t) => {
  const pod = inject({ annotations: { 'sidecar.istio.io/bootstrapOverride': 'my-bootstrap' } });
  const vol = (pod.spec.volumes as any[]).find((v) => v.name === 'custom-bootstrap-volume');
  t.deepEqual(vol.configMap, { name: 'my-bootstrap' });
  t.truthy(proxy(pod).volumeMounts.find((m: any) => m.mountPath === '/etc/istio/custom-bootstrap'));
  t.is(envValue(proxy(pod), 'ISTIO_BOOTSTRAP_OVERRIDE'), '/etc/istio/custom-bootstrap/custom_bootstrap.json');
});

test('sidecar.istio.io/userVolume and userVolumeMount add volumes and proxy mounts (sorted by name)', (t) => {
  const pod = inject({
    annotations: {
      'sidecar.istio.io/userVolume': '{"b-vol":{"configMap":{"name":"b"}},"a-vol":{"emptyDir":{}}}',
      'sidecar.istio.io/userVolumeMount': '{"a-vol":{"mountPath":"/a","readOnly":true}}',
    },
  });
  const names = volumeNames(pod);
  t.true(names.indexOf('a-vol') < names.indexOf('b-vol'));
  t.deepEqual((pod.spec.volumes as any[]).find((v) => v.name === 'b-vol').configMap, { name: 'b' });
  t.deepEqual(proxy(pod).volumeMounts.find((m: any) => m.name === 'a-vol'), { name: 'a-vol', mountPath: '/a', readOnly: true });
});

const probed = {
  containers: [{ name: 'hello', image: 'x/y:1', ports: [{ name: 'http', containerPort: 80 }], livenessProbe: { httpGet: { path: '/live', port: 'http' } } }],
};

test('sidecar.istio.io/rewriteAppHTTPProbers: "false" leaves app probes alone', (t) => {
  const rewritten = inject(probed);
  t.is(container(rewritten, 'hello').livenessProbe.httpGet.path, '/app-health/hello/livez');
  t.is(container(rewritten, 'hello').livenessProbe.httpGet.port, 15020);
  t.deepEqual(JSON.parse(envValue(proxy(rewritten), 'ISTIO_KUBE_APP_PROBERS')!), {
    '/app-health/hello/livez': { httpGet: { path: '/live', port: 80 } },
  });
  const kept = inject({ ...probed, annotations: { 'sidecar.istio.io/rewriteAppHTTPProbers': 'false' } });
  t.deepEqual(container(kept, 'hello').livenessProbe, { httpGet: { path: '/live', port: 'http' } });
  t.is(envValue(proxy(kept), 'ISTIO_KUBE_APP_PROBERS') ?? 'absent', 'absent');
});

test('prometheus.istio.io/merge-metrics: "false" keeps the app scrape annotations', (t) => {
  const app = { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090', 'prometheus.io/path': '/m' };
  const merged = inject({ annotations: app });
  t.is(ann(merged)['prometheus.io/port'], '15020');
  t.is(ann(merged)['prometheus.io/path'], '/stats/prometheus');
  t.deepEqual(JSON.parse(envValue(proxy(merged), 'ISTIO_PROMETHEUS_ANNOTATIONS')!), { scrape: 'true', path: '/m', port: '9090' });
  const kept = inject({ annotations: { ...app, 'prometheus.istio.io/merge-metrics': 'false' } });
  t.is(ann(kept)['prometheus.io/port'], '9090');
  t.is(envValue(proxy(kept), 'ISTIO_PROMETHEUS_ANNOTATIONS') ?? 'absent', 'absent');
});

test('prometheus.io/scrape: "false" disables the metrics merge', (t) => {
  const pod = inject({ annotations: { 'prometheus.io/scrape': 'false' } });
  t.is(ann(pod)['prometheus.io/scrape'], 'false');
  t.is(ann(pod)['prometheus.io/port'], undefined);
});

test('prometheus.istio.io/scrape-targets become ISTIO_PROMETHEUS_ANNOTATIONS targets and are removed', (t) => {
  const pod = inject({ annotations: { 'prometheus.istio.io/scrape-targets': '9090,9091:/custom' } });
  t.is(ann(pod)['prometheus.istio.io/scrape-targets'], undefined);
  const cfg = JSON.parse(envValue(proxy(pod), 'ISTIO_PROMETHEUS_ANNOTATIONS')!);
  t.deepEqual(cfg.targets, [
    { port: '9090', path: '/metrics' },
    { port: '9091', path: '/custom' },
  ]);
  t.throws(() => inject({ annotations: { 'prometheus.istio.io/scrape-targets': '15000' } }), { instanceOf: InjectError });
});

test('prometheus.istio.io/secure-port is added from ENVOY_SECURE_MERGED_METRICS_PORT proxy metadata', (t) => {
  const pod = inject({ annotations: { 'proxy.istio.io/config': 'proxyMetadata: {ENVOY_SECURE_MERGED_METRICS_PORT: "15091"}' } });
  t.is(ann(pod)['prometheus.istio.io/secure-port'], '15091');
  const kept = inject({
    annotations: { 'proxy.istio.io/config': 'proxyMetadata: {ENVOY_SECURE_MERGED_METRICS_PORT: "15091"}', 'prometheus.istio.io/secure-port': '1' },
  });
  t.is(ann(kept)['prometheus.istio.io/secure-port'], '1');
});

test('kubectl.kubernetes.io/default-container and default-logs-container: added only when absent', (t) => {
  const added = ann(inject());
  t.is(added['kubectl.kubernetes.io/default-container'], 'hello');
  t.is(added['kubectl.kubernetes.io/default-logs-container'], 'hello');
  const kept = ann(inject({ annotations: { 'kubectl.kubernetes.io/default-container': 'other', 'kubectl.kubernetes.io/default-logs-container': 'logs' } }));
  t.is(kept['kubectl.kubernetes.io/default-container'], 'other');
  t.is(kept['kubectl.kubernetes.io/default-logs-container'], 'logs');
});

test('k8s.v1.cni.cncf.io/networks gets istio-cni appended with the multus provider', (t) => {
  const multus = settingsWith((s) => {
    (s.values as any).pilot.cni = { enabled: true, provider: 'multus' };
  });
  t.is(ann(inject({ annotations: { 'k8s.v1.cni.cncf.io/networks': 'alt_cni' } }, multus))['k8s.v1.cni.cncf.io/networks'], 'alt_cni, default/istio-cni');
  t.is(ann(inject({}, multus))['k8s.v1.cni.cncf.io/networks'], 'default/istio-cni');
  t.is(ann(inject({ annotations: { 'k8s.v1.cni.cncf.io/networks': 'alt_cni' } }))['k8s.v1.cni.cncf.io/networks'], 'alt_cni');
});

test('apm.datadoghq.com/env adds proxy env only with the datadog tracer', (t) => {
  const datadog = settingsWith((s) => {
    (s.values as any).global.proxy.tracer = 'datadog';
  });
  const a = { 'apm.datadoghq.com/env': '{"DD_ENV":"prod","DD_SERVICE":"shop"}' };
  const p = proxy(inject({ annotations: a }, datadog));
  t.is(envValue(p, 'DD_ENV'), 'prod');
  t.is(envValue(p, 'DD_SERVICE'), 'shop');
  t.is(envValue(proxy(inject({ annotations: a })), 'DD_ENV') ?? 'absent', 'absent');
});

test('resource.opentelemetry.io/* override OTEL_RESOURCE_ATTRIBUTES with semantic-conventions enrichment', (t) => {
  const otel = settingsWith((s) => {
    (s.mesh as any).extensionProviders = [
      { name: 'otel', opentelemetry: { service: 'c.o.svc', port: 4317, serviceAttributeEnrichment: 'OTEL_SEMANTIC_CONVENTIONS' } },
    ];
  });
  const plain = proxy(inject({}, otel));
  t.is(envValue(plain, 'OTEL_RESOURCE_ATTRIBUTES'), 'service.namespace=shop,service.version=1.0,service.instance.id=shop.$(POD_NAME).hello');
  const custom = proxy(
    inject(
      {
        annotations: {
          'resource.opentelemetry.io/service.namespace': 'ns1',
          'resource.opentelemetry.io/service.version': 'v9',
          'resource.opentelemetry.io/service.instance.id': 'id-1',
        },
      },
      otel,
    ),
  );
  t.is(envValue(custom, 'OTEL_RESOURCE_ATTRIBUTES'), 'service.namespace=ns1,service.version=v9,service.instance.id=id-1');
  t.is(envValue(proxy(inject()), 'OTEL_RESOURCE_ATTRIBUTES') ?? 'absent', 'absent');
});

// --- b.3 labels ------------------------------------------------------------------------------------

test('label sidecar.istio.io/inject: "false" opts the pod out even when the annotation says true', async (t) => {
  const doc = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: p',
    '  labels: {sidecar.istio.io/inject: "false"}',
    '  annotations: {sidecar.istio.io/inject: "true"}',
    'spec:',
    '  containers: [{name: app, image: x/y:1}]',
    '',
  ].join('\n');
  const run = await runInject(['--selector', 'all', '-f', '-'], { stdin: doc });
  t.is(run.exitCode, 0, run.stderr);
  t.false(run.stdout.includes('istio-proxy'));
});

test('label security.istio.io/tlsMode is kept if present, else set to istio', (t) => {
  t.is(labels(inject())['security.istio.io/tlsMode'], 'istio');
  t.is(labels(inject({ labels: { 'security.istio.io/tlsMode': 'disabled' } }))['security.istio.io/tlsMode'], 'disabled');
});

test('canonical name: service.istio.io/canonical-name > app.kubernetes.io/name > app > workload, truncated', (t) => {
  t.is(labels(inject({ labels: { 'app.kubernetes.io/name': 'kname' } }))['service.istio.io/canonical-name'], 'kname');
  t.is(labels(inject({ labels: { 'service.istio.io/canonical-name': 'cname', 'app.kubernetes.io/name': 'kname' } }))['service.istio.io/canonical-name'], 'cname');
  t.is(labels(inject())['service.istio.io/canonical-name'], 'hello');
  const long = 'a'.repeat(62) + '-b';
  t.is(labels(inject({ labels: { app: long } }))['service.istio.io/canonical-name'], 'a'.repeat(62));
});

test('canonical revision: service.istio.io/canonical-revision > app.kubernetes.io/version > version > latest', (t) => {
  t.is(labels(inject())['service.istio.io/canonical-revision'], 'latest');
  t.is(labels(inject({ labels: { version: 'v1' } }))['service.istio.io/canonical-revision'], 'v1');
  t.is(labels(inject({ labels: { version: 'v1', 'app.kubernetes.io/version': 'v2' } }))['service.istio.io/canonical-revision'], 'v2');
  t.is(labels(inject({ labels: { version: 'v1', 'service.istio.io/canonical-revision': 'v3' } }))['service.istio.io/canonical-revision'], 'v3');
});

test('label service.istio.io/workload-name sets ISTIO_META_WORKLOAD_NAME', (t) => {
  t.is(envValue(proxy(inject()), 'ISTIO_META_WORKLOAD_NAME'), 'hello');
  t.is(envValue(proxy(inject({ labels: { 'service.istio.io/workload-name': 'wl' } })), 'ISTIO_META_WORKLOAD_NAME'), 'wl');
});

test('label networking.istio.io/tunnel defaults to http only with ISTIO_META_ENABLE_HBONE', (t) => {
  t.is(labels(inject())['networking.istio.io/tunnel'], undefined);
  const hbone = { 'proxy.istio.io/config': 'proxyMetadata: {ISTIO_META_ENABLE_HBONE: "true"}' };
  t.is(labels(inject({ annotations: hbone }))['networking.istio.io/tunnel'], 'http');
  t.is(labels(inject({ annotations: hbone, labels: { 'networking.istio.io/tunnel': 'other' } }))['networking.istio.io/tunnel'], 'other');
});

test('label topology.istio.io/network wins over values.global.network and sets ISTIO_META_NETWORK last', (t) => {
  const net = settingsWith((s) => {
    (s.values as any).global.network = 'network1';
  });
  const fromValues = inject({}, net);
  t.is(labels(fromValues)['topology.istio.io/network'], 'network1');
  const env = proxy(fromValues).env;
  t.is(env[env.length - 1].name, 'ISTIO_META_NETWORK');
  const fromLabel = inject({ labels: { 'topology.istio.io/network': 'net2' } }, net);
  t.is(envValue(proxy(fromLabel), 'ISTIO_META_NETWORK'), 'net2');
  t.is(labels(fromLabel)['topology.istio.io/network'], 'net2');
});

test('label app.kubernetes.io/version feeds the OTel service.version', (t) => {
  const otel = settingsWith((s) => {
    (s.mesh as any).extensionProviders = [{ name: 'o', opentelemetry: { serviceAttributeEnrichment: 'OTEL_SEMANTIC_CONVENTIONS' } }];
  });
  const p = proxy(inject({ labels: { 'app.kubernetes.io/version': 'v7' } }, otel));
  t.regex(envValue(p, 'OTEL_RESOURCE_ATTRIBUTES')!, /service\.version=v7/);
});

test('all annotation validation failures are reported together', (t) => {
  const err = t.throws(
    () =>
      inject({
        annotations: {
          'traffic.sidecar.istio.io/includeInboundPorts': 'bad',
          'traffic.sidecar.istio.io/excludeOutboundPorts': 'bad',
        },
      }),
    { instanceOf: InjectError },
  ) as InjectError;
  t.is(err.code, 'invalid-annotation');
  t.regex(err.message, /includeInboundPorts/);
  t.regex(err.message, /excludeOutboundPorts/);
});

test('the request pod is not mutated', (t) => {
  const pod = makePod({ annotations: { 'sidecar.istio.io/proxyCPU': '1' } });
  const before = structuredClone(pod);
  inject(pod);
  t.deepEqual(pod, before);
});

test('malformed JSON in sidecar.istio.io/userVolume is an invalid-annotation error naming it', (t) => {
  const err = t.throws(() => inject({ annotations: { 'sidecar.istio.io/userVolume': '{not json' } }), { instanceOf: InjectError }) as InjectError;
  t.is(err.code, 'invalid-annotation');
  t.regex(err.message, /annotation 'sidecar\.istio\.io\/userVolume': not JSON/);
  t.false(err.message.includes('\n'));
});

// --- annotations the injector does not read (spec b.2, last paragraph) ---------------------------

test('runtime-only annotations (stats*, discoveryAddress, extraStatTags) are neither validated nor changed', (t) => {
  const runtimeOnly = {
    'sidecar.istio.io/statsInclusionPrefixes': 'cluster.outbound,listener',
    'sidecar.istio.io/statsInclusionRegexps': 'http.*\\.rq_.*',
    'sidecar.istio.io/discoveryAddress': 'not a host:port at all',
    'sidecar.istio.io/extraStatTags': 'a,b',
    'sidecar.istio.io/statsFlushInterval': 'soon',
  };
  const pod = inject({ annotations: runtimeOnly });
  for (const [name, value] of Object.entries(runtimeOnly)) t.is(ann(pod)[name], value, name);
  // They reach the agent through the downward-API volume, not through the proxy's env or args.
  t.true(volumeNames(pod).includes('istio-podinfo'));
  t.false(JSON.stringify(proxy(pod).env).includes('not a host:port'));
});
