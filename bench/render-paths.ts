// The cost of rendering the sidecar template for one pod through each template path: our built-in
// ejs `sidecar` template, and Istio 1.30.3's own Go `injection-template.yaml` executed by our Go
// template engine on the typed SidecarTemplateData; both read back by the same YAML path. Then a
// whole 1,000-Deployment `inject -f` run with the built-in ejs templates and with the release's
// injector config (whose Go bodies then render every pod). The Go path must stay within 1.2x. Also the
// parse time of that Go template (first parse in this process, then warm), paid once per run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { stringify } from 'yaml';
import { buildSettings } from '../src/config/index.js';
import { effectiveProxyConfig } from '../src/config/effective-proxy-config.js';
import { proxyConfigJson } from '../src/config/proxy-config-json.js';
import type { PodJson } from '../src/k8s/types.js';
import { resolveTemplate } from '../src/render/template-set.js';
import { buildTemplateContext, type ContextInput } from '../src/render/template-context.js';
import { renderTemplate } from '../src/render/render-template.js';
import { parseTemplate } from '../src/gotemplate/index.js';
import { compileGoTemplate, templateFuncs } from '../src/render/go/go-template-set.js';
import { goTemplateData } from '../src/render/go/go-template-data.js';
import { renderGoTemplate } from '../src/render/go/render-go-template.js';
import { proxyImage, proxyInitImage } from '../src/render/images.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const release = join(root, '..', 'shared', 'conformance', 'istio-versions', '1.30.3');
const goTemplatePath = join(release, 'templates', 'injection-template.yaml');
const releaseConfig = join(release, 'setups', 'default.config.yaml');
const cliChild = fileURLToPath(new URL('./cli-cpu-child.js', import.meta.url));

/** A realistic application pod: two containers with ports and probes, a few annotations and labels. */
export function realisticPod(i = 0): PodJson {
  return {
    metadata: {
      labels: { app: `shop-${i}`, version: 'v2', 'app.kubernetes.io/part-of': 'shop' },
      annotations: {
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': '9090',
        'sidecar.istio.io/proxyCPU': '200m',
        'kubectl.kubernetes.io/default-container': 'app',
      },
    },
    spec: {
      serviceAccountName: 'shop',
      containers: [
        {
          name: 'app',
          image: `registry.example.com/shop/app-${i}:2.4.1`,
          ports: [
            { name: 'http', containerPort: 8080, protocol: 'TCP' },
            { name: 'metrics', containerPort: 9090 },
          ],
          env: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }],
          readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5 },
          livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, initialDelaySeconds: 10 },
          resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' } },
        },
        {
          name: 'worker',
          image: 'registry.example.com/shop/worker:2.4.1',
          args: ['--queue', 'orders'],
          ports: [{ name: 'grpc', containerPort: 9000 }],
          livenessProbe: { tcpSocket: { port: 9000 } },
          resources: { requests: { cpu: '100m', memory: '128Mi' } },
        },
      ],
    },
  };
}

function renderInputFor(pod: PodJson): ContextInput {
  const settings = buildSettings({});
  const annotations = (pod.metadata.annotations ?? {}) as Record<string, string>;
  const proxyConfig = effectiveProxyConfig(settings.mesh, annotations);
  return {
    pod,
    workload: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'shop', namespace: 'shop' },
    proxyConfig,
    proxyConfigJson: proxyConfigJson(proxyConfig),
    settings,
    proxyImage: proxyImage(settings.values, proxyConfig, annotations),
    proxyInitImage: proxyInitImage(settings.values, annotations),
    proxyUID: 1337,
    proxyGID: 1337,
  };
}

const cpuMicros = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/**
 * Median CPU µs per call of `f` over `rounds` rounds of `batch` calls, after a warm-up. CPU time, not
 * wall time: the figures must not move when other processes share the machine.
 */
function microsPerCall(f: () => unknown, batch = 100, rounds = 15): number {
  for (let i = 0; i < batch * 3; i++) f();
  const per: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = cpuMicros();
    for (let i = 0; i < batch; i++) f();
    per.push((cpuMicros() - start) / batch);
  }
  per.sort((a, b) => a - b);
  return per[Math.floor(per.length / 2)]!;
}

/** A manifest stream (block YAML, as people write it) of one Namespace and `n` Deployments shaped like realisticPod. */
function deploymentStream(n: number): string {
  const docs = ['apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    istio-injection: enabled\n'];
  for (let i = 0; i < n; i++) {
    const pod = realisticPod(i);
    docs.push(
      stringify({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: `shop-${i}`, namespace: 'shop' },
        spec: { selector: { matchLabels: { app: `shop-${i}` } }, template: pod },
      }),
    );
  }
  return docs.join('---\n');
}

/** Wall and CPU milliseconds of one CLI run in a fresh process. */
function cliRun(args: string[]): { wallMs: number; cpuMs: number } {
  const start = performance.now();
  const out = execFileSync(process.execPath, [cliChild, ...args], { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'inherit'] });
  return { wallMs: performance.now() - start, cpuMs: Number(out.toString().trim()) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, digits = 1) => Number(x.toFixed(digits));

export async function benchRenderPaths(): Promise<Record<string, unknown>> {
  if (!existsSync(goTemplatePath)) {
    return { skipped: `Istio 1.30.3's injection-template.yaml not found under ${release} (the shared conformance corpus is absent)` };
  }
  const input = renderInputFor(realisticPod());
  const ejsTemplate = resolveTemplate(input.settings, 'sidecar');
  if (ejsTemplate.kind !== 'ejs') throw new Error('the built-in sidecar template is not ejs');
  const goBody = readFileSync(goTemplatePath, 'utf8');
  const funcs = templateFuncs(input.settings.istiodEnv ?? {});
  const parseStart = cpuMicros();
  parseTemplate('sidecar', goBody, funcs);
  const firstParseMs = (cpuMicros() - parseStart) / 1000;
  const parseUs = microsPerCall(() => parseTemplate('sidecar', goBody, funcs), 5, 15);
  const goTemplate = compileGoTemplate('sidecar', goBody, goTemplatePath, input.settings.istiodEnv ?? {});

  const ejsUs = microsPerCall(() => renderTemplate(ejsTemplate, buildTemplateContext(input)));
  const goUs = microsPerCall(() => renderGoTemplate(goTemplate, goTemplateData(input)));
  const goDataUs = microsPerCall(() => goTemplateData(input));
  const result: Record<string, unknown> = {
    perPod: {
      ejsMicros: round(ejsUs),
      goMicros: round(goUs),
      goDataMicros: round(goDataUs),
      goOverEjs: round(goUs / ejsUs, 2),
    },
    goSidecarParse: { firstMs: round(firstParseMs), warmMicros: round(parseUs, 0) },
  };

  if (!existsSync(releaseConfig)) {
    result.wholeRun = `skipped: ${releaseConfig} not found`;
    return result;
  }
  const dir = mkdtempSync(join(tmpdir(), 'iis-render-paths-'));
  const stream = join(dir, 'deployments.yaml');
  const n = 1000;
  writeFileSync(stream, deploymentStream(n));
  const ejsArgs = ['inject', '-q', '-f', stream, '-o', join(dir, 'ejs.yaml')];
  const goArgs = ['inject', '-q', '-f', stream, '-o', join(dir, 'go.yaml'), '--injectConfigFile', releaseConfig];
  const ejsRuns: Array<{ wallMs: number; cpuMs: number }> = [];
  const goRuns: Array<{ wallMs: number; cpuMs: number }> = [];
  // Alternating fresh processes, so a change in the machine's load touches both sides alike.
  for (let i = 0; i < 7; i++) {
    ejsRuns.push(cliRun(ejsArgs));
    goRuns.push(cliRun(goArgs));
  }
  const ejsCpu = median(ejsRuns.map((r) => r.cpuMs));
  const goCpu = median(goRuns.map((r) => r.cpuMs));
  // Each Go run against the ejs run just before it: the two saw about the same machine load.
  const pairRatios = goRuns.map((r, i) => r.cpuMs / ejsRuns[i]!.cpuMs);
  result.wholeRun = {
    deployments: n,
    ejsCpuMs: round(ejsCpu, 0),
    goCpuMs: round(goCpu, 0),
    ejsWallMs: round(median(ejsRuns.map((r) => r.wallMs)), 0),
    goWallMs: round(median(goRuns.map((r) => r.wallMs)), 0),
    goOverEjsCpu: round(goCpu / ejsCpu, 2),
    goOverEjsCpuPairMedian: round(median(pairRatios), 2),
    target: '<= 1.2 (CPU time; wall time moves with the machine load)',
  };
  return result;
}
