// Synthetic input for the benchmarks: N Deployments and N Services spread over 50 Namespaces (half of
// them labeled istio-injection=enabled), with kpt's annotations on every item; as a ResourceList or
// as a plain multi-document stream (what `inject -f` reads).

/** `metadata:` of an object kpt read from `path` (document `index` of that file). */
function kptMetadata(name: string, namespace: string, path: string, index: number): string[] {
  return [
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    '  annotations:',
    `    config.kubernetes.io/path: '${path}'`,
    `    internal.config.kubernetes.io/path: '${path}'`,
    `    config.kubernetes.io/index: '${index}'`,
  ];
}

/** Each object as lines at column 0. */
export function syntheticObjects(deployments: number): string[][] {
  const objects: string[][] = [];
  const namespaces = 50;
  for (let n = 0; n < namespaces; n++) {
    objects.push([
      'apiVersion: v1',
      'kind: Namespace',
      'metadata:',
      `  name: ns-${n}`,
      ...(n % 2 === 0 ? ['  labels:', '    istio-injection: enabled'] : []),
      '  annotations:',
      `    config.kubernetes.io/path: 'ns/ns-${n}.yaml'`,
      `    internal.config.kubernetes.io/path: 'ns/ns-${n}.yaml'`,
    ]);
  }
  for (let i = 0; i < deployments; i++) {
    const ns = `ns-${i % namespaces}`;
    const name = `app-${i}`;
    objects.push([
      'apiVersion: apps/v1',
      'kind: Deployment',
      ...kptMetadata(name, ns, `apps/${name}.yaml`, 0),
      'spec:',
      '  replicas: 2',
      '  selector:',
      `    matchLabels: {app: ${name}}`,
      '  template:',
      '    metadata:',
      `      labels: {app: ${name}, version: v1}`,
      '    spec:',
      '      containers:',
      '      - name: app',
      `        image: registry.example.com/${name}:1.0.0`,
      '        ports:',
      '        - containerPort: 8080',
      '          name: http',
      '        readinessProbe:',
      '          httpGet: {path: /ready, port: 8080}',
      '        resources:',
      '          requests: {cpu: 100m, memory: 128Mi}',
    ], [
      'apiVersion: v1',
      'kind: Service',
      ...kptMetadata(name, ns, `apps/${name}.yaml`, 1),
      'spec:',
      `  selector: {app: ${name}}`,
      '  ports:',
      '  - port: 80',
      '    targetPort: 8080',
      '    name: http',
    ]);
  }
  return objects;
}

/** Objects as the items of a ResourceList (a comment before each Deployment, as kpt keeps them). */
export function asResourceList(objects: readonly string[][]): string {
  const lines: string[] = ['apiVersion: config.kubernetes.io/v1', 'kind: ResourceList', 'items:'];
  for (const obj of objects) {
    if (obj[1] === 'kind: Deployment') lines.push('# the application');
    obj.forEach((line, i) => lines.push(`${i === 0 ? '- ' : '  '}${line}`));
  }
  return `${lines.join('\n')}\n`;
}

/** Objects as a multi-document YAML stream. */
export function asStream(objects: readonly string[][]): string {
  return objects.map((obj) => `${obj.join('\n')}\n`).join('---\n');
}

export function generateResourceList(deployments: number): string {
  return asResourceList(syntheticObjects(deployments));
}
