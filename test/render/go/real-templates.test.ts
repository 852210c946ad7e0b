// Istio 1.30.3's own pod templates (from the shared corpus) execute on our template data.
import test from 'ava';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMeshConfig } from '../../../src/config/parse-mesh-config.js';
import { buildTemplateData, settingsTemplateData } from '../../../src/render/go/template-data.js';
import { render } from './run.js';

const here = dirname(fileURLToPath(import.meta.url));
const base = join(here, '..', '..', '..', '..', '..', 'shared', 'conformance', 'istio-versions', '1.30.3');

const pod = {
  metadata: { labels: { app: 'hello', version: 'v1' }, annotations: { 'proxy.istio.io/config': '{"holdApplicationUntilProxyStarts": true}' } },
  spec: { containers: [{ name: 'hello', image: 'fake.docker.io/google-samples/hello-go-gke:1.0', ports: [{ name: 'http', containerPort: 80 }] }] },
};

if (!existsSync(base)) {
  test('Istio 1.30.3 templates (skipped: ../shared/conformance/istio-versions/1.30.3 is not present)', (t) => t.pass());
} else {
  const values = JSON.parse(readFileSync(join(base, 'setups', 'default.values.json'), 'utf8'));
  const mesh = parseMeshConfig(readFileSync(join(base, 'setups', 'base.mesh.yaml'), 'utf8'), 'mesh');
  const data = buildTemplateData({
    pod,
    workload: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'hello', namespace: 'default' },
    proxyConfig: { ...mesh.defaultConfig, holdApplicationUntilProxyStarts: true },
    settings: settingsTemplateData(mesh, values),
    revision: '',
    nativeSidecars: false,
    proxyImage: 'registry.istio.io/testing/proxyv2:latest',
    proxyInitImage: 'registry.istio.io/testing/proxyv2:latest',
    proxyUID: 1337,
    proxyGID: 1337,
    compliancePolicy: '',
  });

  for (const name of ['injection-template', 'gateway-injection-template', 'grpc-agent', 'grpc-simple']) {
    test(`${name}.yaml executes on the typed data`, (t) => {
      const out = render(readFileSync(join(base, 'templates', `${name}.yaml`), 'utf8'), data);
      t.true(out.includes('hello'));
    });
  }

  test('the sidecar template gets the pod ports, PROXY_CONFIG and owner as istiod prints them', (t) => {
    const out = render(readFileSync(join(base, 'templates', 'injection-template.yaml'), 'utf8'), data);
    t.regex(out, /- name: ISTIO_META_POD_PORTS\n\s+value: \|-\n\s+\[\n\s+\{"name":"http","containerPort":80\}\n\s+\]/);
    t.regex(out, /- name: PROXY_CONFIG\n\s+value: \|\n\s+\{"holdApplicationUntilProxyStarts":true\}/);
    t.regex(out, /value: kubernetes:\/\/apis\/apps\/v1\/namespaces\/default\/deployments\/hello/);
  });
}
