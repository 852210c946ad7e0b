import test from 'ava';
import { buildTemplateData, settingsTemplateData, type TemplateDataInput } from '../../../src/render/go/template-data.js';
import { render } from './run.js';

const pod = {
  metadata: { name: 'p', namespace: 'ns', labels: { app: 'a' }, annotations: { 'sidecar.istio.io/proxyCPU': '200m' } },
  spec: {
    serviceAccountName: 'sa',
    containers: [
      {
        name: 'app',
        image: 'nginx:1.2',
        ports: [{ protocol: 'TCP', containerPort: 8080, name: 'http' }, { containerPort: 53, protocol: 'UDP' }],
        readinessProbe: { httpGet: { port: 8080, path: '/ready' } },
        livenessProbe: { tcpSocket: { port: 'http' } },
        resources: { limits: { cpu: '2000m', memory: '1024Mi' } },
        securityContext: { runAsUser: 1000 },
      },
    ],
  },
};

function data(over: Partial<TemplateDataInput> = {}, mesh: Record<string, unknown> = {}, proxyConfig: Record<string, unknown> = {}) {
  return buildTemplateData({
    pod,
    workload: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd', namespace: 'ns' },
    proxyConfig: { drainDuration: '45s', interceptionMode: 'REDIRECT', proxyMetadata: { A: 'b' }, ...proxyConfig },
    settings: settingsTemplateData({ trustDomain: 'cluster.local', proxyListenPort: 15001, defaultConfig: {}, ...mesh } as never, { global: { proxy: { statusPort: 15020 } } }),
    revision: '',
    nativeSidecars: false,
    proxyImage: 'hub/proxyv2:1',
    proxyInitImage: 'hub/proxyv2:1',
    proxyUID: 1337,
    proxyGID: 1337,
    compliancePolicy: '',
    ...over,
  });
}

test('pod fields read with Go names and types', (t) => {
  const d = data();
  t.is(render('{{ .ObjectMeta.Name }}|{{ .DeploymentMeta.Name }}/{{ .DeploymentMeta.Namespace }}|{{ .TypeMeta.APIVersion }} {{ .TypeMeta.Kind }}|{{ .Spec.ServiceAccountName }}', d), 'p|d/ns|apps/v1 Deployment|sa');
  t.is(render('{{ range .Spec.Containers }}{{ .Name }}:{{ range .Ports }}{{ .ContainerPort }}/{{ .Protocol }},{{ end }}{{ end }}', d), 'app:8080/TCP,53/UDP,');
  t.is(render('{{ $c := index .Spec.Containers 0 }}{{ printf "%T %d" (index $c.Ports 0).ContainerPort (index $c.Ports 0).ContainerPort }}', d), 'int32 8080');
  t.is(render('{{ (index .Spec.Containers 0).SecurityContext.RunAsUser }}|{{ printf "%T" (index .Spec.Containers 0).SecurityContext.RunAsUser }}', d).split('|')[1], '*int64');
});

test('absent pointers are nil, absent maps index to "", absent slices are empty', (t) => {
  const d = data();
  t.is(render('{{ if .Spec.SecurityContext }}set{{ else }}nil{{ end }}|{{ if .Spec.Affinity }}set{{ else }}nil{{ end }}|{{ if (index .Spec.Containers 0).SecurityContext }}set{{ end }}', d), 'nil|nil|set');
  t.is(render('[{{ index .ObjectMeta.Annotations `missing` }}]|{{ len .Spec.InitContainers }}|{{ .Spec.HostNetwork }}|{{ .Spec.DNSPolicy }}.', d), '[]|0|false|.');
  t.is(render('{{ isset .ObjectMeta.Annotations `sidecar.istio.io/proxyCPU` }}|{{ annotation .ObjectMeta `x` `d` }}', d), 'true|d');
});

test('structToJSON prints a container port in Go field order without empty fields', (t) => {
  const d = data();
  t.is(render('{{ range (index .Spec.Containers 0).Ports }}{{ structToJSON . }};{{ end }}', d), '{"name":"http","containerPort":8080,"protocol":"TCP"};{"containerPort":53,"protocol":"UDP"};');
});

test('IntOrString ports and quantities marshal as Kubernetes does', (t) => {
  const d = data();
  t.is(render('{{ $c := index .Spec.Containers 0 }}{{ structToJSON $c.ReadinessProbe }}|{{ structToJSON $c.LivenessProbe.TCPSocket }}|{{ $c.ReadinessProbe.HTTPGet.Port.IntVal }}', d), '{"httpGet":{"path":"/ready","port":8080}}|{"port":"http"}|8080');
  t.is(render('{{ toYaml (index .Spec.Containers 0).Resources }}', d), 'limits:\n  cpu: "2"\n  memory: 1Gi\n');
});

test('ProxyConfig: enums print their names, getters are nil-safe, durations format', (t) => {
  const d = data();
  t.is(render('{{ .ProxyConfig.InterceptionMode }}|{{ .ProxyConfig.InterceptionMode.String }}|{{ eq .ProxyConfig.InterceptionMode 0 }}', d), 'REDIRECT|REDIRECT|true');
  t.is(render('{{ if .ProxyConfig.GetTracing.GetTlsSettings }}tls{{ else }}none{{ end }}|{{ directory .ProxyConfig.GetTracing.GetTlsSettings.GetCaCertificates }}.', d), 'none|.');
  t.is(render('{{ .ProxyConfig.HoldApplicationUntilProxyStarts.GetValue }}|{{ .ProxyConfig.Concurrency.GetValue }}|{{ formatDuration .ProxyConfig.DrainDuration }}|{{ formatDuration .ProxyConfig.TerminationDrainDuration }}', d), 'false|0|45s|0s');
  const held = data({}, {}, { holdApplicationUntilProxyStarts: true, concurrency: 2, tracing: { tlsSettings: { caCertificates: '/etc/certs/ca.pem' } }, interceptionMode: 'TPROXY' });
  t.is(render('{{ .ProxyConfig.HoldApplicationUntilProxyStarts.GetValue }}|{{ .ProxyConfig.Concurrency.GetValue }}|{{ directory .ProxyConfig.GetTracing.GetTlsSettings.GetCaCertificates }}|{{ .ProxyConfig.InterceptionMode }}', held), 'true|2|/etc/certs/|TPROXY');
  t.is(render('{{ index .ProxyConfig.ProxyMetadata `A` }}[{{ index .ProxyConfig.ProxyMetadata `B` }}]', d), 'b[]');
});

test('protoToJSON prints PROXY_CONFIG as istiod does (defaults dropped, proto field order)', (t) => {
  t.is(render('{{ protoToJSON .ProxyConfig }}', data()), '{"proxyMetadata":{"A":"b"}}');
  t.is(render('{{ protoToJSON .ProxyConfig }}', data({}, {}, { drainDuration: '23s', holdApplicationUntilProxyStarts: true })), '{"drainDuration":"23s","proxyMetadata":{"A":"b"},"holdApplicationUntilProxyStarts":true}');
});

test('MeshConfig, Values and the scalar fields have istiod types', (t) => {
  const d = data();
  t.is(render('{{ .MeshConfig.TrustDomain }}|{{ eq .MeshConfig.ProxyListenPort 15001 }}|{{ .MeshConfig.ProxyInboundListenPort }}|{{ .InboundTrafficPolicyMode }}', d), 'cluster.local|true|0|passthrough');
  t.is(render('{{ .Values.global.proxy.statusPort }}|{{ printf "%T" .Values.global.proxy.statusPort }}|{{ printf "%T" .ProxyUID }}|{{ ge .KubeVersion 128 }}', d), '15020|float64|int64|true');
  t.is(render('{{ .InboundTrafficPolicyMode }}', data({}, { inboundTrafficPolicy: { mode: 'LOCALHOST' } })), 'localhost');
});

test('otelResourceAttributes reads the typed mesh config', (t) => {
  const mesh = { extensionProviders: [{ name: 'otel', opentelemetry: { service: 'otel', port: 4317, serviceAttributeEnrichment: 'OTEL_SEMANTIC_CONVENTIONS' } }] };
  const tpl = '{{ otelResourceAttributes .MeshConfig .ObjectMeta.Annotations .ObjectMeta.Labels .DeploymentMeta.Namespace .Spec.Containers }}';
  t.is(render(tpl, data({}, mesh)), 'service.namespace=ns,service.version=1.2,service.instance.id=ns.$(POD_NAME).app');
  t.is(render(tpl, data()), '');
  t.is(render('{{ range .MeshConfig.ExtensionProviders }}{{ .Name }}:{{ .GetOpentelemetry.GetPort }}{{ end }}', data({}, mesh)), 'otel:4317');
});
