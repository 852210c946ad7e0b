// Native sidecar injection moves a user's own `istio-proxy` container from `containers` to
// `initContainers`, so where it stood among the app containers is gone from the pod. Its place still
// shows in ISTIO_META_POD_PORTS, which lists every container's ports in the pod's order: putting it back
// there (not at the end) keeps that list, and so the re-injected pod, the same.
import type { Json, JsonObject } from '../k8s/types.js';
import { isObject } from '../k8s/json.js';

export function placeMovedProxy(containers: readonly Json[], proxy: JsonObject, podPortsJson: string | undefined): Json[] {
  const ports = parsePorts(podPortsJson);
  const at = ports === undefined ? -1 : firstPortIndex(proxy, ports);
  if (ports === undefined || at < 0) return [...containers, proxy];
  const before = containers.findIndex((c) => {
    const i = isObject(c) ? firstPortIndex(c, ports) : -1;
    return i > at;
  });
  return before < 0 ? [...containers, proxy] : [...containers.slice(0, before), proxy, ...containers.slice(before)];
}

function parsePorts(text: string | undefined): JsonObject[] | undefined {
  if (text === undefined || text === '') return undefined;
  try {
    const v = JSON.parse(text) as Json;
    return Array.isArray(v) ? v.filter(isObject) : undefined;
  } catch {
    return undefined;
  }
}

/** Where the container's first port sits in the pod's port list (-1 when it has none listed). */
function firstPortIndex(container: JsonObject, ports: readonly JsonObject[]): number {
  const own = Array.isArray(container.ports) ? container.ports.filter(isObject) : [];
  const first = own[0];
  if (!first) return -1;
  return ports.findIndex((p) => p.containerPort === first.containerPort && (p.name ?? '') === (first.name ?? '') && (p.protocol ?? '') === (first.protocol ?? ''));
}
