// A realistic package for the benchmarks: 10,050 objects (~24 MB), of which only 1,000 Deployments
// (in namespaces that ask for sidecars) change; the rest are what real repositories are mostly made
// of: Services, ConfigMaps with large data, CRDs with big schemas, Secrets, 50 Namespaces.

function configMap(i: number): string[] {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: settings-${i}`, `  namespace: ns-${i % 50}`, 'data:'];
  lines.push('  application.properties: |');
  for (let k = 0; k < 90; k++) lines.push(`    service.${i}.option.${k}=value-${k}-${'x'.repeat(k % 17)} # tuned for load`);
  lines.push(`  mode: "production"`, `  replicas: "3"`, `  log.json: '{"level":"info","sampling":${i % 10}}'`);
  return lines;
}

function crd(i: number): string[] {
  const plural = `widgets${i}`;
  const lines = [
    'apiVersion: apiextensions.k8s.io/v1',
    'kind: CustomResourceDefinition',
    'metadata:',
    `  name: ${plural}.example.com`,
    'spec:',
    '  group: example.com',
    '  names:',
    `    kind: Widget${i}`,
    `    plural: ${plural}`,
    '  scope: Namespaced',
    '  versions:',
    '  - name: v1',
    '    served: true',
    '    storage: true',
    '    schema:',
    '      openAPIV3Schema:',
    '        type: object',
    '        properties:',
    '          spec:',
    '            type: object',
    '            properties:',
  ];
  for (let k = 0; k < 45; k++) {
    lines.push(
      `              field${k}:`,
      `                description: "Field ${k} of the widget: how the controller sizes, names and schedules what it creates."`,
      `                type: ${k % 3 === 0 ? 'integer' : k % 3 === 1 ? 'string' : 'boolean'}`,
      ...(k % 3 === 0 ? ['                minimum: 0', '                maximum: 65535'] : []),
    );
  }
  return lines;
}

function secret(i: number): string[] {
  const blob = Buffer.from(`secret-${i}-`.repeat(40)).toString('base64');
  return [
    'apiVersion: v1', 'kind: Secret', 'metadata:', `  name: creds-${i}`, `  namespace: ns-${i % 50}`, 'type: Opaque', 'data:',
    `  username: ${Buffer.from(`user-${i}`).toString('base64')}`, `  password: ${blob.slice(0, 64)}`, `  token: ${blob}`,
  ];
}

function service(i: number): string[] {
  return [
    'apiVersion: v1', 'kind: Service', 'metadata:', `  name: svc-${i}`, `  namespace: ns-${i % 50}`, '  labels:', `    app: svc-${i}`,
    'spec:', `  selector: {app: svc-${i}}`, '  ports:', '  - name: http', '    port: 80', '    targetPort: 8080', '  - name: grpc', '    port: 9090',
  ];
}

function deployment(i: number): string[] {
  return [
    'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: app-${i}`, `  namespace: ns-${(i % 25) * 2}`,
    'spec:', '  replicas: 2', '  selector:', `    matchLabels: {app: app-${i}}`, '  template:', '    metadata:',
    `      labels: {app: app-${i}, version: v1}`, '    spec:', '      containers:', '      - name: app',
    `        image: registry.example.com/app-${i}:1.0.0`, '        ports:', '        - containerPort: 8080', '          name: http',
    '        env:', '        - name: MODE', '          value: production', '        readinessProbe:',
    '          httpGet: {path: /ready, port: 8080}', '        resources:', '          requests: {cpu: 100m, memory: 128Mi}',
  ];
}

/** The objects (lines at column 0), interleaved the way a rendered package mixes kinds. */
export function realisticObjects(): string[][] {
  const out: string[][] = [];
  for (let n = 0; n < 50; n++) {
    out.push(['apiVersion: v1', 'kind: Namespace', 'metadata:', `  name: ns-${n}`, ...(n % 2 === 0 ? ['  labels:', '    istio-injection: enabled'] : [])]);
  }
  const counts = { deployment: 1000, service: 3000, configMap: 2400, crd: 600, secret: 3000 };
  const makers: [keyof typeof counts, (i: number) => string[]][] = [
    ['deployment', deployment], ['service', service], ['configMap', configMap], ['crd', crd], ['secret', secret],
  ];
  const made = { deployment: 0, service: 0, configMap: 0, crd: 0, secret: 0 };
  while (makers.some(([k]) => made[k] < counts[k])) {
    for (const [k, make] of makers) {
      // Each kind's share per round follows its count, so kinds stay mixed to the end.
      const per = Math.max(1, Math.round(counts[k] / 600));
      for (let j = 0; j < per && made[k] < counts[k]; j++) out.push(make(made[k]++));
    }
  }
  return out;
}
