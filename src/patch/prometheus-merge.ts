// Prometheus metrics merging (d.3 step 3): the agent serves the app's metrics merged with Envoy's on the
// status port, so the pod's scrape annotations are pointed at the agent and the app's own scrape
// configuration is handed to the agent in ISTIO_PROMETHEUS_ANNOTATIONS.
import type { JsonObject, PodJson } from '../k8s/types.js';
import { InjectError } from '../errors.js';
import { parseGoBool } from './go-bool.js';
import { goJsonText, goShape, prometheusScrapeType } from './go-json.js';
import { annotationsOf, findProxy, withAnnotations, withContainer, envOf } from './pod-access.js';

export const MERGE_METRICS_ANNOTATION = 'prometheus.istio.io/merge-metrics';
export const SCRAPE_TARGETS_ANNOTATION = 'prometheus.istio.io/scrape-targets';
export const PROMETHEUS_ENV = 'ISTIO_PROMETHEUS_ANNOTATIONS';

/** Ports the agent and Envoy listen on (pilot-agent status server); an app cannot be scraped there. */
export const RESERVED_PORTS: readonly number[] = [15000, 15001, 15004, 15006, 15008, 15020, 15021, 15053, 15090];

/** Prometheus turns every character outside [a-zA-Z0-9_] of an annotation name into `_`, so
 *  `prometheus.io.scrape` and `prometheus-io/scrape` mean `prometheus.io/scrape`. */
export function sanitizePrometheusKey(key: string): string {
  return key.replace(/[^a-zA-Z0-9_]/g, '_');
}

const SANITIZED = {
  scrape: 'prometheus_io_scrape',
  path: 'prometheus_io_path',
  port: 'prometheus_io_port',
  targets: 'prometheus_istio_io_scrape_targets',
} as const;
type Field = keyof typeof SANITIZED;
const CANONICAL: Record<Field, string> = {
  scrape: 'prometheus.io/scrape',
  path: 'prometheus.io/path',
  port: 'prometheus.io/port',
  targets: SCRAPE_TARGETS_ANNOTATION,
};

/** The pod annotation (Go bool) wins; else mesh `enablePrometheusMerge` (undefined = unset = true). */
export function prometheusMergeEnabled(annotations: Record<string, string> | undefined, meshDefault: boolean | undefined): boolean {
  const v = parseGoBool(annotations?.[MERGE_METRICS_ANNOTATION]);
  if (v !== undefined) return v;
  return meshDefault ?? true;
}

export interface ScrapeTarget {
  port: string;
  path: string;
}

export interface PrometheusScrapeConfig {
  scrape: string;
  path: string;
  port: string;
  targets?: ScrapeTarget[];
}

/** The annotation (any spelling) that carries `field`: the canonical spelling wins, else the first found. */
function findAnnotation(annotations: Record<string, string>, field: Field): [string, string] | undefined {
  const canonical = CANONICAL[field];
  if (Object.prototype.hasOwnProperty.call(annotations, canonical)) return [canonical, annotations[canonical]];
  for (const k of Object.keys(annotations)) if (sanitizePrometheusKey(k) === SANITIZED[field]) return [k, annotations[k]];
  return undefined;
}

/** `port[:path],…`, path defaulting to /metrics. */
export function parseScrapeTargets(value: string): ScrapeTarget[] {
  const out: ScrapeTarget[] = [];
  for (const raw of value.split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    const colon = item.indexOf(':');
    if (colon < 0) out.push({ port: item, path: '/metrics' });
    else out.push({ port: item.slice(0, colon).trim(), path: item.slice(colon + 1).trim() || '/metrics' });
  }
  return out;
}

export interface PrometheusMergeOptions {
  /** Mesh `defaultConfig.statusPort` (the mesh-level value, not the pod's status-port annotation). */
  statusPort: number;
  /** `prometheusMergeEnabled(annotations, mesh.enablePrometheusMerge)`. */
  enabled: boolean;
}

/** Returns a new pod; throws InjectError('invalid-prometheus') naming the annotation for an unusable port. */
export function applyPrometheusMerge(pod: PodJson, { statusPort, enabled }: PrometheusMergeOptions): PodJson {
  const annotations = annotationsOf(pod);
  if (!enabled) return pod;
  const scrapeAnnotation = findAnnotation(annotations, 'scrape');
  if (scrapeAnnotation && parseGoBool(scrapeAnnotation[1]) === false) return pod;
  const target = String(statusPort);
  const currentPort = findAnnotation(annotations, 'port');
  if (currentPort && currentPort[1] === target) return pod;

  const pathAnnotation = findAnnotation(annotations, 'path');
  const targetsAnnotation = findAnnotation(annotations, 'targets');
  const config: PrometheusScrapeConfig = {
    scrape: scrapeAnnotation?.[1] ?? '',
    path: pathAnnotation?.[1] ?? '',
    port: currentPort?.[1] ?? '',
  };
  const targets = targetsAnnotation ? parseScrapeTargets(targetsAnnotation[1]) : [];
  if (targets.length > 0) {
    config.targets = targets;
    config.port = targets[0].port;
    config.path = targets[0].path;
    for (const t of targets) checkScrapePort(t.port, targetsAnnotation![0], statusPort);
  } else if (config.port !== '') {
    checkScrapePort(config.port, currentPort![0], statusPort);
  }

  let out = pod;
  const proxy = findProxy(out);
  const empty = config.scrape === '' && config.path === '' && config.port === '' && !config.targets;
  if (proxy && !empty) {
    const value = goJsonText(goShape(config as unknown as JsonObject, prometheusScrapeType));
    out = withContainer(out, proxy, (c) => ({ ...c, env: [...envOf(c), { name: PROMETHEUS_ENV, value }] }));
  }
  return withAnnotations(out, (a) => {
    const doomed = new Set<string>(Object.values(SANITIZED));
    for (const k of Object.keys(a)) if (doomed.has(sanitizePrometheusKey(k))) delete a[k];
    a['prometheus.io/port'] = target;
    a['prometheus.io/path'] = '/stats/prometheus';
    a['prometheus.io/scrape'] = 'true';
  });
}

function checkScrapePort(port: string, annotation: string, statusPort: number): void {
  const fail = (why: string) =>
    new InjectError(
      `invalid prometheus scrape configuration: annotation '${annotation}': port '${port}' ${why}`,
      'invalid-prometheus',
      `metadata.annotations["${annotation}"]`,
    );
  if (!/^[+-]?[0-9]+$/.test(port)) throw fail('is not a number');
  const n = Number(port);
  if (n < 1 || n > 65535) throw fail('is out of range 1-65535');
  if (n === statusPort) throw fail(`is the agent status port ${statusPort}, where the merged metrics are served`);
  if (RESERVED_PORTS.includes(n)) throw fail(`is reserved by Istio (${RESERVED_PORTS.join(', ')})`);
}
