// Synthetic input for the benchmarks: a ResourceList of N Deployments and N Services spread over
// 50 Namespaces (half of them labeled istio-injection=enabled), with kpt's annotations on every item.
export function generateResourceList(deployments: number): string {
  const lines: string[] = ['apiVersion: config.kubernetes.io/v1', 'kind: ResourceList', 'items:'];
  const namespaces = 50;
  for (let n = 0; n < namespaces; n++) {
    lines.push(
      '- apiVersion: v1',
      '  kind: Namespace',
      '  metadata:',
      `    name: ns-${n}`,
      ...(n % 2 === 0 ? ['    labels:', '      istio-injection: enabled'] : []),
      '    annotations:',
      `      config.kubernetes.io/path: 'ns/ns-${n}.yaml'`,
      `      internal.config.kubernetes.io/path: 'ns/ns-${n}.yaml'`,
    );
  }
  for (let i = 0; i < deployments; i++) {
    const ns = `ns-${i % namespaces}`;
    const name = `app-${i}`;
    lines.push(
      '# the application',
      '- apiVersion: apps/v1',
      '  kind: Deployment',
      '  metadata:',
      `    name: ${name}`,
      `    namespace: ${ns}`,
      '    annotations:',
      `      config.kubernetes.io/path: 'apps/${name}.yaml'`,
      `      internal.config.kubernetes.io/path: 'apps/${name}.yaml'`,
      `      config.kubernetes.io/index: '0'`,
      '  spec:',
      '    replicas: 2',
      '    selector:',
      `      matchLabels: {app: ${name}}`,
      '    template:',
      '      metadata:',
      `        labels: {app: ${name}, version: v1}`,
      '      spec:',
      '        containers:',
      '        - name: app',
      `          image: registry.example.com/${name}:1.0.0`,
      '          ports:',
      '          - containerPort: 8080',
      '            name: http',
      '          readinessProbe:',
      '            httpGet: {path: /ready, port: 8080}',
      '          resources:',
      '            requests: {cpu: 100m, memory: 128Mi}',
      '- apiVersion: v1',
      '  kind: Service',
      '  metadata:',
      `    name: ${name}`,
      `    namespace: ${ns}`,
      '    annotations:',
      `      config.kubernetes.io/path: 'apps/${name}.yaml'`,
      `      internal.config.kubernetes.io/path: 'apps/${name}.yaml'`,
      `      config.kubernetes.io/index: '1'`,
      '  spec:',
      `    selector: {app: ${name}}`,
      '    ports:',
      '    - port: 80',
      '      targetPort: 8080',
      '      name: http',
    );
  }
  return `${lines.join('\n')}\n`;
}
