// Clean un-injection: given a pod that carries `sidecar.istio.io/status`, give back the pod as the user
// wrote it, so that re-injection starts from the user's intent instead of merging onto stale injected
// containers (Istio's own stripPod only hides them from the templates, spec a.3 / i.5).
import type { Json, JsonObject, PodJson } from '../k8s/types.js';
import { isObject } from '../k8s/json.js';
import { annotationsOf, envValue, findProxy, nameOf, withAnnotations, PROXY_CONTAINER } from './pod-access.js';
import { parseSidecarStatus, STATUS_ANNOTATION } from './sidecar-status.js';
import { parseOverrides, OVERRIDES_ANNOTATION, type RecordedOverrides } from './parse-overrides.js';
import { goContainer, goOverridesText } from './go-json.js';
import { PROBERS_ENV, REWRITE_ANNOTATION, STATUS_PORT_ANNOTATION } from './rewrite-app-probes.js';
import { PROMETHEUS_ENV, SCRAPE_TARGETS_ANNOTATION } from './prometheus-merge.js';
import { SECURE_PORT_ANNOTATION, SECURE_PORT_ENV } from './secure-prometheus-annotation.js';
import { restoreOmittedEmpties } from './restore-omitted-empties.js';
import { placeMovedProxy } from './place-moved-proxy.js';
import { restoreProbes } from './restore-probes.js';

export interface StripOptions {
  /** Mesh `defaultConfig.statusPort` (default 15020): the port the Prometheus merge pointed the pod at. */
  statusPort?: number;
  /**
   * Values the sidecar template writes into the CNI traffic annotations when the user did not set them
   * (values.global.proxy / mesh defaults). An annotation equal to its default is taken as written by the
   * injection and removed; any other value may be the user's and is kept (re-injection writes it back
   * unchanged). Defaults: interceptionMode REDIRECT, includeInboundPorts and includeOutboundIPRanges `*`.
   */
  cniDefaults?: Record<string, string>;
}

export interface StripResult {
  pod: PodJson;
  /** The pod carried sidecar.istio.io/status. */
  wasInjected: boolean;
  /** The previous proxy's ISTIO_KUBE_APP_PROBERS, for rewriteAppProbes. */
  previousProbers?: Record<string, Json>;
}

const DEFAULT_CNI: Record<string, string> = {
  'sidecar.istio.io/interceptionMode': 'REDIRECT',
  'traffic.sidecar.istio.io/includeInboundPorts': '*',
  'traffic.sidecar.istio.io/includeOutboundIPRanges': '*',
};
const CNI_NETWORKS = 'k8s.v1.cni.cncf.io/networks';
const TEMPLATES_WITHOUT_REV = new Set(['grpc-simple']);

/** Returns a new pod (the input is not mutated); a pod without the status annotation is returned as is.
 *  Throws InjectError('invalid-overrides') when `proxy.istio.io/overrides` cannot be read. */
export function stripInjection(pod: PodJson, options: StripOptions = {}): StripResult {
  const annotations = annotationsOf(pod);
  if (!(STATUS_ANNOTATION in annotations)) return { pod, wasInjected: false };
  const status = parseSidecarStatus(annotations[STATUS_ANNOTATION]);
  if (!status) {
    // Nothing says what was injected; only the marker itself can go.
    return { pod: withAnnotations(pod, (a) => delete a[STATUS_ANNOTATION]), wasInjected: true };
  }
  const overrides = parseOverrides(annotations[OVERRIDES_ANNOTATION]);
  const oldProxy = findProxy(pod)?.container;
  const previousProbers = parseObject(envValue(oldProxy, PROBERS_ENV));
  const appContainers = new Set((envValue(oldProxy, 'ISTIO_META_APP_CONTAINERS') ?? '').split(',').filter((s) => s !== ''));

  // Containers: injected ones go, the user's recorded versions come back where the injected one was; a
  // user istio-proxy comes back under containers (native injection moved it to initContainers), at its
  // place among them (placeMovedProxy).
  const moved: JsonObject[] = [];
  // Record entries brought back as containers; the others stay in the annotation (see handWrittenEntry).
  const restored = { containers: new Set<string>(), initContainers: new Set<string>() };
  const rebuild = (list: 'containers' | 'initContainers', injected: string[]): Json[] | undefined => {
    const items = pod.spec[list];
    if (!Array.isArray(items)) return undefined;
    const names = new Set(injected);
    const out: Json[] = [];
    for (const c of items) {
      const name = nameOf(c);
      if (name === undefined || !names.has(name)) {
        out.push(c);
        continue;
      }
      const found = handWrittenEntry(overrides, status, list, name) ? undefined : findRecorded(overrides, list, name);
      const recorded = found && restoreOmittedEmpties(found, c);
      if (recorded) {
        restored[list].add(name);
        // The user's istio-proxy goes back where it stood among the containers (injection moved it to the
        // end, or to the init containers), as ISTIO_META_POD_PORTS tells. Recorded under both lists (a
        // template patched it in each), it is still one container of the user's.
        if (name !== PROXY_CONTAINER) out.push(recorded);
        else {
          const i = moved.findIndex((m) => m.name === name);
          // Each list's copy may keep a different part of what Go's record dropped: take both.
          if (i < 0) moved.push(recorded);
          else moved[i] = restoreOmittedEmpties(moved[i]!, c);
        }
      } else if (appContainers.has(name)) {
        out.push(c); // the user's app container, touched by a template that recorded nothing
      }
    }
    return out;
  };
  let containers = rebuild('containers', status.containers);
  const initContainers = rebuild('initContainers', status.initContainers);
  for (const proxy of moved) containers = placeMovedProxy(containers ?? [], proxy, envValue(oldProxy, 'ISTIO_META_POD_PORTS'));

  const spec: JsonObject = { ...pod.spec };
  if (containers !== undefined) spec.containers = containers;
  setOrDrop(spec, 'initContainers', initContainers);
  setOrDrop(spec, 'volumes', withoutNamed(spec.volumes, status.volumes));
  setOrDrop(spec, 'imagePullSecrets', withoutNamed(spec.imagePullSecrets, status.imagePullSecrets));
  if (previousProbers) {
    for (const list of ['containers', 'initContainers']) {
      const items = spec[list];
      if (Array.isArray(items)) spec[list] = items.map((c) => (isObject(c) ? restoreProbes(c, previousProbers) : c));
    }
  }

  undoTemplateSideEffects(spec, templatesOf(annotations));
  // A user's istio-proxy the templates did not produce (grpc-simple) stays, but the env the Prometheus
  // merge and the probe rewrite appended to it is the injection's.
  if (!status.containers.includes(PROXY_CONTAINER) && !status.initContainers.includes(PROXY_CONTAINER)) dropInjectedProxyEnv(spec);

  const statusPort = options.statusPort ?? 15020;
  const cniInjected = status.initContainers.includes('istio-validation');
  const stripped = withAnnotations({ ...pod, spec }, (a) => {
    delete a[STATUS_ANNOTATION];
    // The record goes with the containers it brought back; one the injection never applied (written by
    // hand for a container the templates put elsewhere) was left as it was, and stays.
    if (restored.containers.size + restored.initContainers.size > 0) {
      const kept = (list: 'containers' | 'initContainers') => overrides[list].filter((r) => !restored[list].has(String(r.name)));
      const containers = kept('containers');
      const initContainers = kept('initContainers');
      if (containers.length + initContainers.length === 0) delete a[OVERRIDES_ANNOTATION];
      else a[OVERRIDES_ANNOTATION] = goOverridesText(containers.map(goContainer), initContainers.map(goContainer));
    }
    // The sidecar, gateway and grpc-agent templates write istio.io/rev; with only templates that do not
    // (grpc-simple), an istio.io/rev on the pod is the user's.
    const used = templatesOf(annotations);
    if (used.length === 0 || !used.every((t) => TEMPLATES_WITHOUT_REV.has(t))) delete a['istio.io/rev'];
    restorePrometheus(a, envValue(oldProxy, PROMETHEUS_ENV), statusPort);
    const secure = envValue(oldProxy, SECURE_PORT_ENV);
    if (secure !== undefined && secure !== '' && a[SECURE_PORT_ANNOTATION] === secure) delete a[SECURE_PORT_ANNOTATION];
    if (cniInjected) removeCniAnnotations(a, statusPort, { ...DEFAULT_CNI, ...(options.cniDefaults ?? {}) });
    // The proxyless gRPC templates opt the pod out of probe rewriting themselves.
    const templates = templatesOf(annotations);
    if ((templates.includes('grpc-agent') || templates.includes('grpc-simple')) && a[REWRITE_ANNOTATION] === 'false') delete a[REWRITE_ANNOTATION];
  });
  return previousProbers ? { pod: stripped, wasInjected: true, previousProbers } : { pod: stripped, wasInjected: true };
}

function dropInjectedProxyEnv(spec: JsonObject): void {
  for (const list of ['containers', 'initContainers']) {
    const items = spec[list];
    if (!Array.isArray(items)) continue;
    spec[list] = items.map((c) => {
      if (!isObject(c) || c.name !== PROXY_CONTAINER || !Array.isArray(c.env)) return c;
      const env = c.env.filter((e) => !(isObject(e) && (e.name === PROMETHEUS_ENV || e.name === PROBERS_ENV)));
      if (env.length === c.env.length) return c;
      const out: JsonObject = { ...c, env };
      if (env.length === 0) delete out.env;
      return out;
    });
  }
}

/** Templates named by `inject.istio.io/templates` (built-in names only matter here). */
function templatesOf(annotations: Record<string, string>): string[] {
  const v = annotations['inject.istio.io/templates'];
  return v === undefined ? [] : v.split(',').map((x) => x.trim());
}

/** Pod-level fields built-in templates set besides containers and volumes (spec c.6). */
function undoTemplateSideEffects(spec: JsonObject, templates: string[]): void {
  if (!templates.includes('gateway') || !isObject(spec.securityContext)) return;
  // The gateway template's default pod securityContext lets the proxy bind ports below 1024.
  const sc: JsonObject = { ...spec.securityContext };
  if (Array.isArray(sc.sysctls)) {
    const rest = sc.sysctls.filter((x) => !(isObject(x) && x.name === 'net.ipv4.ip_unprivileged_port_start' && x.value === '0'));
    if (rest.length > 0) sc.sysctls = rest;
    else delete sc.sysctls;
  }
  if (Object.keys(sc).length > 0) spec.securityContext = sc;
  else delete spec.securityContext;
}

/**
 * A record entry that came from a hand-written `proxy.istio.io/overrides`, not from a container of the
 * user's: the templates put `name` in both lists, and a container of the user's would have been recorded
 * for both (init containers take it from either list), so an entry under one list only was the
 * annotation's. It is not brought back as a container: the next injection reads it from the annotation again.
 */
function handWrittenEntry(overrides: RecordedOverrides, status: { containers: string[]; initContainers: string[] }, list: 'containers' | 'initContainers', name: string): boolean {
  const other = list === 'containers' ? 'initContainers' : 'containers';
  return status[other].includes(name) && overrides[list].some((r) => r.name === name) && !overrides[other].some((r) => r.name === name);
}

function findRecorded(overrides: RecordedOverrides, list: 'containers' | 'initContainers', name: string): JsonObject | undefined {
  // Only the list the injection put the container in: Istio records an overlay under the list of the
  // template's container, so a record under the other list was never applied (a hand-written one).
  const rec = overrides[list].find((c) => c.name === name);
  if (!rec) return undefined;
  // Injection blanked `image: auto` before recording, and Go always writes `resources: {}`.
  const out: JsonObject = { ...rec };
  if (typeof out.image !== 'string' || out.image === '') out.image = 'auto';
  if (isObject(out.resources) && Object.keys(out.resources).length === 0) delete out.resources;
  return out;
}

function withoutNamed(items: Json | undefined, names: string[]): Json[] | undefined {
  if (!Array.isArray(items)) return undefined;
  if (names.length === 0) return items;
  const doomed = new Set(names);
  return items.filter((x) => {
    const n = nameOf(x);
    return n === undefined || !doomed.has(n);
  });
}

/** `items` undefined: the field was not a list (absent, or `null` as the user wrote it), so it stays. */
function setOrDrop(spec: JsonObject, key: string, items: Json[] | undefined): void {
  if (items === undefined) return;
  if (items.length === 0) delete spec[key];
  else spec[key] = items;
}

function parseObject(text: string | undefined): Record<string, Json> | undefined {
  if (text === undefined) return undefined;
  try {
    const v = JSON.parse(text) as Json;
    return isObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The merge replaced the app's scrape annotations by the agent's; the agent was told the originals. */
function restorePrometheus(a: Record<string, string>, recorded: string | undefined, statusPort: number): void {
  // The merge writes all three; a user's own `prometheus.io/port: "15020"` alone (which the merge leaves
  // as it is) is theirs and must survive re-injection, or a second run would add path and scrape.
  const merged = a['prometheus.io/port'] === String(statusPort) && a['prometheus.io/path'] === '/stats/prometheus' && a['prometheus.io/scrape'] === 'true';
  if (!merged) return; // no merge happened (disabled, scrape=false, or the pod already pointed at the agent)
  delete a['prometheus.io/port'];
  delete a['prometheus.io/path'];
  delete a['prometheus.io/scrape'];
  const cfg = parseObject(recorded);
  if (!cfg) return;
  const str = (v: Json | undefined) => (typeof v === 'string' ? v : '');
  const targets = Array.isArray(cfg.targets) ? cfg.targets.filter(isObject) : [];
  if (str(cfg.scrape) !== '') a['prometheus.io/scrape'] = str(cfg.scrape);
  if (targets.length > 0) {
    // port/path were taken from the first target; the targets are what the user wrote.
    a[SCRAPE_TARGETS_ANNOTATION] = targets.map((t) => `${str(t.port)}:${str(t.path)}`).join(',');
    return;
  }
  if (str(cfg.path) !== '') a['prometheus.io/path'] = str(cfg.path);
  if (str(cfg.port) !== '') a['prometheus.io/port'] = str(cfg.port);
}

/** The sidecar template writes the istio-cni instructions as pod annotations (spec c.1). */
function removeCniAnnotations(a: Record<string, string>, meshStatusPort: number, defaults: Record<string, string>): void {
  const statusPort = a[STATUS_PORT_ANNOTATION]?.trim() || String(meshStatusPort);
  for (const [k, v] of Object.entries(defaults)) if (a[k] === v) delete a[k];
  const exclude = 'traffic.sidecar.istio.io/excludeInboundPorts';
  const ex = a[exclude];
  if (ex !== undefined) {
    if (ex === statusPort) delete a[exclude];
    else if (ex.endsWith(`,${statusPort}`)) a[exclude] = ex.slice(0, -(statusPort.length + 1));
  }
  const networks = a[CNI_NETWORKS];
  if (networks !== undefined) {
    const flat = networks.match(/^(.*?)(?:,\s*)?[A-Za-z0-9.-]+\/istio-cni$/s);
    const json = networks.match(/^(\[.*?)(?:,\s*)\{"name": "istio-cni", "namespace": "[^"]*"\}\]$/s);
    if (networks.match(/^[A-Za-z0-9.-]+\/istio-cni$/)) delete a[CNI_NETWORKS];
    else if (json) a[CNI_NETWORKS] = `${json[1]}]`;
    else if (flat) a[CNI_NETWORKS] = flat[1];
  }
}
