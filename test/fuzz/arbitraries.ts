// Generators of the fuzz suite: random valid ResourceLists (namespaces with every injection label,
// workloads of every kind with every Istio annotation and every probe kind) and mutations of real
// manifests (Istio's corpus inputs when ../shared is present, else the examples).
import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ANNOTATIONS } from '../../src/config/annotations.js';

const NAMESPACES = ['shop', 'legacy', 'batch', 'default'];
const NAMES = ['web', 'api', 'worker', 'constructor', '__proto__', 'toString'];

const annotationValue: Record<string, fc.Arbitrary<string>> = {
  [ANNOTATIONS.inject]: fc.constantFrom('true', 'false', 'True', 'yes', ''),
  [ANNOTATIONS.injectTemplates]: fc.constantFrom('sidecar', 'gateway', 'grpc-agent', 'grpc-simple', 'sidecar,grpc-agent', 'missing', 'constructor'),
  [ANNOTATIONS.proxyConfig]: fc.constantFrom('{}', '{holdApplicationUntilProxyStarts: true}', '{concurrency: 2}', '{proxyMetadata: {A: b}}', '{interceptionMode: TPROXY}', '{bad', '[]'),
  [ANNOTATIONS.proxyOverrides]: fc.constantFrom('{"containers":[{"name":"istio-proxy","resources":{"requests":{"cpu":"50m"}}}]}', '{}', 'x'),
  [ANNOTATIONS.nativeSidecar]: fc.constantFrom('true', 'false'),
  [ANNOTATIONS.proxyImage]: fc.constantFrom('docker.io/istio/proxyv2:1.32.0', 'proxy'),
  [ANNOTATIONS.interceptionMode]: fc.constantFrom('REDIRECT', 'TPROXY', 'NONE', 'bogus'),
  [ANNOTATIONS.statusPort]: fc.constantFrom('15020', '15021', '0', '99999', 'x'),
  [ANNOTATIONS.readinessInitialDelaySeconds]: fc.constantFrom('1', '0', '-1', 'x'),
  [ANNOTATIONS.readinessPeriodSeconds]: fc.constantFrom('5', 'x'),
  [ANNOTATIONS.readinessFailureThreshold]: fc.constantFrom('3', 'x'),
  [ANNOTATIONS.includeOutboundIPRanges]: fc.constantFrom('*', '10.0.0.0/8', '10.0.0.0/33', ''),
  [ANNOTATIONS.excludeOutboundIPRanges]: fc.constantFrom('192.168.0.0/16', '1.2.3.4/32,10.0.0.0/8', 'x'),
  [ANNOTATIONS.includeInboundPorts]: fc.constantFrom('*', '80,8080', '', '70000'),
  [ANNOTATIONS.excludeInboundPorts]: fc.constantFrom('9090', '15020', 'x'),
  [ANNOTATIONS.includeOutboundPorts]: fc.constantFrom('443', ''),
  [ANNOTATIONS.excludeOutboundPorts]: fc.constantFrom('3306,5432', 'a'),
  [ANNOTATIONS.rerouteVirtualInterfaces]: fc.constantFrom('eth1', 'bad name'),
  [ANNOTATIONS.kubevirtInterfaces]: fc.constantFrom('net1', ''),
  [ANNOTATIONS.excludeInterfaces]: fc.constantFrom('eth2', ''),
  [ANNOTATIONS.agentLogLevel]: fc.constantFrom('debug', 'info'),
  [ANNOTATIONS.logLevel]: fc.constantFrom('debug', 'warning'),
  [ANNOTATIONS.componentLogLevel]: fc.constantFrom('misc:error'),
  [ANNOTATIONS.proxyCPU]: fc.constantFrom('100m', '1', '1e3', 'x', '1e-100000000'),
  [ANNOTATIONS.proxyMemory]: fc.constantFrom('128Mi', '1Gi', 'x'),
  [ANNOTATIONS.proxyCPULimit]: fc.constantFrom('2', '500m'),
  [ANNOTATIONS.proxyMemoryLimit]: fc.constantFrom('1Gi'),
  [ANNOTATIONS.bootstrapOverride]: fc.constantFrom('my-bootstrap'),
  [ANNOTATIONS.userVolume]: fc.constantFrom('{"v":{"emptyDir":{}}}', '{bad'),
  [ANNOTATIONS.userVolumeMount]: fc.constantFrom('{"v":{"mountPath":"/v"}}', '[]'),
  [ANNOTATIONS.rewriteAppHTTPProbers]: fc.constantFrom('true', 'false'),
  [ANNOTATIONS.mergeMetrics]: fc.constantFrom('true', 'false'),
  [ANNOTATIONS.prometheusScrape]: fc.constantFrom('true', 'false'),
  [ANNOTATIONS.prometheusPort]: fc.constantFrom('8080', '15020', '9090', 'x', '15090'),
  [ANNOTATIONS.prometheusPath]: fc.constantFrom('/metrics', '/stats/prometheus'),
  [ANNOTATIONS.scrapeTargets]: fc.constantFrom('8080:/m,9090', '15020'),
  [ANNOTATIONS.securePort]: fc.constantFrom('8443', 'x'),
  [ANNOTATIONS.defaultContainer]: fc.constantFrom('web'),
  [ANNOTATIONS.cniNetworks]: fc.constantFrom('istio-cni', 'a,b'),
  [ANNOTATIONS.revision]: fc.constantFrom('default', 'canary'),
};

// Every annotation, proxy.istio.io/overrides too (the record an injection writes, here hand-written).
const USER_ANNOTATIONS = Object.keys(annotationValue);
const annotations = fc.dictionary(fc.constantFrom(...USER_ANNOTATIONS, 'constructor', 'hasOwnProperty', '__proto__', 'app.example.com/x'), fc.string({ maxLength: 3 }), { maxKeys: 4 })
  .chain((keys) => fc.record(Object.fromEntries(Object.keys(keys).map((k) => [k, Object.prototype.hasOwnProperty.call(annotationValue, k) ? annotationValue[k]! : fc.string({ maxLength: 8 })]))));

const namespaceLabels = fc.dictionary(
  fc.constantFrom('istio-injection', 'istio.io/rev', 'istio.io/dataplane-mode', 'kubernetes.io/metadata.name', 'team', 'valueOf'),
  fc.constantFrom('enabled', 'disabled', 'default', 'canary', 'ambient', 'x'),
  { maxKeys: 3 },
);

const port = fc.oneof(fc.constantFrom(8080, 15020, 15021, 80), fc.constantFrom('http', 'http-missing', 'grpc'));
const probe = fc.oneof(
  fc.record({ httpGet: fc.record({ path: fc.constantFrom('/ready', '/healthz', ''), port }) }, { requiredKeys: ['httpGet'] }),
  fc.record({ tcpSocket: fc.record({ port }) }),
  fc.record({ grpc: fc.record({ port: fc.constantFrom(9000, 8080) }) }),
  fc.record({ exec: fc.constant({ command: ['true'] }) }),
);

const container = fc.record({
  // 'istio-proxy': a hand-written proxy container (customising the injected one).
  name: fc.constantFrom('web', 'sidecar', 'app', 'istio-proxy'),
  image: fc.constantFrom('nginx', 'auto', 'busybox:1.36'),
  ports: fc.constantFrom([{ containerPort: 8080, name: 'http' }], [{ containerPort: 9000, name: 'grpc' }], []),
  readinessProbe: probe,
  livenessProbe: probe,
  startupProbe: probe,
}, { requiredKeys: ['name', 'image'] });

const podSpec = fc.record({
  containers: fc.uniqueArray(container, { minLength: 1, maxLength: 3, selector: (c) => c.name }),
  hostNetwork: fc.boolean(),
  initContainers: fc.constantFrom(undefined, [{ name: 'init', image: 'busybox' }]),
}, { requiredKeys: ['containers'] }).map((s) => JSON.parse(JSON.stringify(s)) as Record<string, unknown>);

const podMeta = fc.record({ annotations, labels: fc.dictionary(fc.constantFrom('app', 'version', 'sidecar.istio.io/inject', 'istio.io/rev', 'toString'), fc.constantFrom('web', 'v1', 'true', 'false', 'canary'), { maxKeys: 3 }) }, { requiredKeys: [] });

const workload = fc.record({
  kind: fc.constantFrom('Deployment', 'Pod', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicaSet'),
  name: fc.constantFrom(...NAMES),
  namespace: fc.constantFrom(...NAMESPACES, undefined),
  meta: podMeta,
  spec: podSpec,
}).map(({ kind, name, namespace, meta, spec }) => {
  const metadata: Record<string, unknown> = { name };
  if (namespace) metadata.namespace = namespace;
  const template = { metadata: meta, spec };
  const apiVersion = kind === 'Pod' ? 'v1' : kind === 'Job' || kind === 'CronJob' ? 'batch/v1' : 'apps/v1';
  if (kind === 'Pod') return { apiVersion, kind, metadata: { ...metadata, ...meta, name }, spec };
  if (kind === 'CronJob') return { apiVersion, kind, metadata, spec: { schedule: '* * * * *', jobTemplate: { spec: { template } } } };
  return { apiVersion, kind, metadata, spec: { selector: { matchLabels: { app: name } }, template } };
});

const namespace = fc.record({ name: fc.constantFrom(...NAMESPACES), labels: namespaceLabels })
  .map(({ name, labels }) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } }));

const other = fc.constantFrom(
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { ports: [{ port: 80 }] } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } },
);

/** A list of valid Kubernetes objects: namespaces first (unique names), then workloads and others. */
export const resources = fc.tuple(
  fc.uniqueArray(namespace, { maxLength: 3, selector: (n) => n.metadata.name }),
  fc.array(fc.oneof({ weight: 4, arbitrary: workload }, { weight: 1, arbitrary: other }), { minLength: 1, maxLength: 4 }),
).map(([ns, objs]) => [...ns, ...objs] as Record<string, unknown>[]);

/** The same objects as a YAML stream, in one of a few styles. */
export const streamStyle = fc.record({ indentSeq: fc.boolean(), crlf: fc.boolean(), bom: fc.boolean(), comments: fc.boolean() });

export function toStream(objs: readonly unknown[], style: { indentSeq: boolean; crlf: boolean; bom: boolean; comments: boolean }): string {
  let text = objs.map((o, i) => (style.comments ? `# object ${i}\n` : '') + stringify(o, { indentSeq: style.indentSeq })).join('---\n');
  if (style.crlf) text = text.replace(/\n/g, '\r\n');
  return (style.bom ? '\uFEFF' : '') + text;
}

// --- mutations of real manifests ---

function corpusFiles(): string[] {
  const shared = join(process.cwd(), '..', 'shared', 'conformance');
  const dirs: string[] = [];
  if (existsSync(join(shared, 'istio', 'inject'))) dirs.push(join(shared, 'istio', 'inject'));
  const versions = join(shared, 'istio-versions');
  if (existsSync(versions)) for (const v of readdirSync(versions)) if (existsSync(join(versions, v, 'inject'))) dirs.push(join(versions, v, 'inject'));
  const files = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.yaml')).map((f) => join(d, f)));
  if (files.length > 0) return files.sort();
  const examples = join(process.cwd(), 'examples');
  return readdirSync(examples, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml') && !f.includes('.expected')).map((f) => join(examples, f)).sort();
}

let manifests: string[] | undefined;
export function realManifests(): string[] {
  manifests ??= corpusFiles().map((f) => readFileSync(f, 'utf8')).filter((t) => t.length < 200_000);
  return manifests;
}

const HOSTILE = [
  '<<: *a', '&a ', '*a', '!!binary aGVsbG8=', 'null', '~', '{', '[', '- ', '---', '...', '"', "'", '\t', '__proto__: 1', 'constructor: x',
  '? a', '!!str', '!!int x', '%YAML 1.1', '#', '|', '>', 'annotations: x', 'labels: 5', 'inject.istio.io/templates: null', '\uFEFF', '\r',
];

export type Mutation = { op: 'delete' | 'duplicate' | 'insert' | 'indent' | 'dedent' | 'replace' | 'trailing'; line: number; token: string };

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom('delete', 'duplicate', 'insert', 'indent', 'dedent', 'replace', 'trailing'),
  line: fc.nat(),
  token: fc.constantFrom(...HOSTILE),
}) as fc.Arbitrary<Mutation>;

export function mutate(text: string, ms: readonly Mutation[]): string {
  const lines = text.split('\n');
  for (const m of ms) {
    const i = lines.length === 0 ? 0 : m.line % lines.length;
    const line = lines[i] ?? '';
    switch (m.op) {
      case 'delete': lines.splice(i, 1); break;
      case 'duplicate': lines.splice(i, 0, line); break;
      case 'insert': lines.splice(i, 0, `${/^\s*/.exec(line)![0]}${m.token}`); break;
      case 'indent': lines[i] = ` ${line}`; break;
      case 'dedent': lines[i] = line.replace(/^ /, ''); break;
      case 'replace': lines[i] = line.replace(/:\s.*$/, `: ${m.token}`); break;
      case 'trailing': lines[i] = `${line}  `; break;
    }
  }
  return lines.join('\n');
}
