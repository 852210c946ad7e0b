// Application probes and lifecycle hooks cannot reach the app through the sidecar's mTLS-only inbound,
// so they are pointed at the agent's status port under `/app-health/<c>/…` (`/app-lifecycle/<c>/…`) and
// the original actions are handed to the agent in ISTIO_KUBE_APP_PROBERS (app_probe.go).
import type { Json, JsonObject, PodJson } from '../k8s/types.js';
import { isObject } from '../k8s/json.js';
import { parseGoBool } from './go-bool.js';
import { goJsonText, goShape, proberType } from './go-json.js';
import { annotationsOf, envOf, findProxy, withContainer, PROXY_CONTAINER, type ContainerList } from './pod-access.js';
import { STATUS_ANNOTATION } from './sidecar-status.js';

export const PROBERS_ENV = 'ISTIO_KUBE_APP_PROBERS';
export const REWRITE_ANNOTATION = 'sidecar.istio.io/rewriteAppHTTPProbers';
export const STATUS_PORT_ANNOTATION = 'status.sidecar.istio.io/port';

/** Probe field → URL suffix, and lifecycle hook → URL suffix (pilot-agent's FormatProberURL). */
export const PROBE_PATHS: readonly (readonly [field: string, kind: 'app-health' | 'app-lifecycle', suffix: string])[] = [
  ['readinessProbe', 'app-health', 'readyz'],
  ['livenessProbe', 'app-health', 'livez'],
  ['startupProbe', 'app-health', 'startupz'],
  ['preStop', 'app-lifecycle', 'prestopz'],
  ['postStart', 'app-lifecycle', 'poststartz'],
];

export function proberPath(container: string, kind: string, suffix: string): string {
  return `/${kind}/${container}/${suffix}`;
}

/** The annotation (Go ParseBool) wins; unparseable or absent → values.sidecarInjectorWebhook.rewriteAppHTTPProbe. */
export function rewriteAppHTTPProbeEnabled(annotations: Record<string, string> | undefined, valuesDefault: boolean): boolean {
  return parseGoBool(annotations?.[REWRITE_ANNOTATION]) ?? valuesDefault;
}

export interface RewriteProbesOptions {
  /** Mesh `defaultConfig.statusPort`: probes already on this port are taken as rewritten. */
  statusPort: number;
  /** The pod carried a previous injection (then earlier probers are merged in, earlier entries winning). */
  wasInjected: boolean;
  /** ISTIO_KUBE_APP_PROBERS of the previous proxy (from stripInjection). */
  previousProbers?: Record<string, Json>;
}

/** Returns a new pod; unchanged when there is no istio-proxy. Call only when rewriteAppHTTPProbeEnabled. */
export function rewriteAppProbes(pod: PodJson, { statusPort, wasInjected, previousProbers }: RewriteProbesOptions): PodJson {
  const proxy = findProxy(pod);
  if (!proxy) return pod;
  const annotations = annotationsOf(pod);
  let targetPort = statusPort;
  const portAnnotation = annotations[STATUS_PORT_ANNOTATION];
  if (portAnnotation !== undefined) {
    if (!/^\s*[+-]?[0-9]+\s*$/.test(portAnnotation)) return pod; // rejected earlier by annotation validation
    targetPort = Number(portAnnotation);
  }

  // A probe on the annotated status port was rewritten by an earlier injection (its named port may not
  // have resolved, so nothing was recorded): recording it now would point the agent at itself.
  const probers = dumpAppProbers(pod, statusPort, targetPort);
  let out = pod;
  if (Object.keys(probers).length > 0) {
    const previouslyInjected = wasInjected || STATUS_ANNOTATION in annotations;
    out = withContainer(out, proxy, (c) => ({ ...c, env: mergeOrAppendProbers(envOf(c), probers, previouslyInjected, previousProbers) }));
  }
  for (const list of ['initContainers', 'containers'] as ContainerList[]) {
    const items = out.spec[list];
    if (!Array.isArray(items)) continue;
    items.forEach((c, index) => {
      if (!isObject(c) || c.name === PROXY_CONTAINER || typeof c.name !== 'string') return;
      const rewritten = rewriteContainer(c, c.name, targetPort);
      if (rewritten !== c) out = withContainer(out, { list, index }, () => rewritten);
    });
  }
  return out;
}

/** The ISTIO_KUBE_APP_PROBERS entries of a pod, by URL path (Go JSON shapes of the original actions). */
export function dumpAppProbers(pod: PodJson, statusPort: number, rewrittenPort: number = statusPort): Record<string, JsonObject> {
  const out: Record<string, JsonObject> = {};
  for (const list of ['initContainers', 'containers']) {
    const items = pod.spec[list];
    if (!Array.isArray(items)) continue;
    for (const c of items) {
      if (!isObject(c) || c.name === PROXY_CONTAINER || typeof c.name !== 'string') continue;
      const ports = new Map<string, number>();
      if (Array.isArray(c.ports)) {
        for (const p of c.ports) if (isObject(p) && typeof p.name === 'string' && p.name !== '' && typeof p.containerPort === 'number') ports.set(p.name, p.containerPort);
      }
      const lifecycle = isObject(c.lifecycle) ? c.lifecycle : {};
      for (const [field, kind, suffix] of PROBE_PATHS) {
        const handler = kind === 'app-health' ? c[field] : lifecycle[field];
        const prober = internalProber(handler, kind === 'app-health', ports, statusPort, rewrittenPort);
        if (prober) out[proberPath(c.name, kind, suffix)] = prober;
      }
    }
  }
  return out;
}

function internalProber(handler: Json | undefined, isProbe: boolean, ports: Map<string, number>, statusPort: number, rewrittenPort: number): JsonObject | undefined {
  if (!isObject(handler)) return undefined;
  const timeoutSeconds = isProbe ? handler.timeoutSeconds : undefined;
  if (isProbe && isObject(handler.grpc)) return goShape({ grpc: handler.grpc, timeoutSeconds: timeoutSeconds ?? 0 }, proberType);
  const kind = isObject(handler.httpGet) ? 'httpGet' : isObject(handler.tcpSocket) ? 'tcpSocket' : undefined;
  if (!kind) return undefined;
  const action = { ...(handler[kind] as JsonObject) };
  const port = action.port;
  if (typeof port === 'string') {
    const resolved = ports.get(port);
    if (resolved === undefined) return undefined;
    action.port = resolved;
  } else if (port === statusPort || port === rewrittenPort) {
    return undefined;
  }
  return goShape({ [kind]: action, timeoutSeconds: timeoutSeconds ?? 0 }, proberType);
}

function mergeOrAppendProbers(
  env: JsonObject[],
  probers: Record<string, JsonObject>,
  previouslyInjected: boolean,
  previousProbers: Record<string, Json> | undefined,
): JsonObject[] {
  const merged: Record<string, Json> = { ...probers };
  const at = env.findIndex((e) => e.name === PROBERS_ENV);
  if (previouslyInjected) {
    let earlier: Record<string, Json> | undefined = previousProbers;
    if (at >= 0 && typeof env[at].value === 'string') {
      try {
        const parsed = JSON.parse(env[at].value as string) as Json;
        if (isObject(parsed)) earlier = { ...parsed, ...(earlier ?? {}) };
      } catch {
        return env; // Istio keeps an unreadable earlier value as it is
      }
    }
    for (const [k, v] of Object.entries(earlier ?? {})) merged[k] = goShape(v, proberType);
  }
  const sorted: JsonObject = {};
  for (const k of Object.keys(merged).sort()) sorted[k] = merged[k];
  const entry: JsonObject = { name: PROBERS_ENV, value: goJsonText(sorted) };
  if (previouslyInjected && at >= 0) {
    const next = env.slice();
    next[at] = entry;
    return next;
  }
  return [...env, entry];
}

/** Istio appends ISTIO_KUBE_APP_PROBERS beside an existing one when the pod carries no status annotation
 *  (the istio-proxy is then the user's own): the pod ends with two, of which Kubernetes uses the last. */
export function duplicateProbersEnv(pod: PodJson): boolean {
  const proxy = findProxy(pod);
  return proxy !== undefined && envOf(proxy.container).filter((e) => e.name === PROBERS_ENV).length > 1;
}

/** The container with its HTTP/TCP/gRPC probes and HTTP/TCP hooks pointed at the agent; same object if
 *  nothing applies. */
function rewriteContainer(c: JsonObject, name: string, port: number): JsonObject {
  let out = c;
  const lifecycle = isObject(c.lifecycle) ? c.lifecycle : undefined;
  let nextLifecycle = lifecycle;
  for (const [field, kind, suffix] of PROBE_PATHS) {
    const path = proberPath(name, kind, suffix);
    if (kind === 'app-health') {
      const r = rewriteHandler(c[field], path, port, true);
      if (r) out = { ...out, [field]: r };
    } else if (nextLifecycle) {
      const r = rewriteHandler(nextLifecycle[field], path, port, false);
      if (r) nextLifecycle = { ...nextLifecycle, [field]: r };
    }
  }
  if (nextLifecycle !== lifecycle) out = { ...out, lifecycle: nextLifecycle as JsonObject };
  return out;
}

function rewriteHandler(handler: Json | undefined, path: string, port: number, isProbe: boolean): JsonObject | undefined {
  if (!isObject(handler)) return undefined;
  if (isObject(handler.httpGet)) {
    const httpGet: JsonObject = { ...handler.httpGet, port, path };
    if (httpGet.scheme === 'HTTPS') httpGet.scheme = 'HTTP';
    return { ...handler, httpGet };
  }
  if (isObject(handler.tcpSocket) || (isProbe && isObject(handler.grpc))) {
    const out: JsonObject = { ...handler, httpGet: { path, port } };
    delete out.tcpSocket;
    delete out.grpc;
    return out;
  }
  return undefined;
}
