// Native sidecar injection moves a user's own `istio-proxy` container from `containers` to
// `initContainers`, so where it stood among the app containers is gone from the pod. Its place still
// shows in ISTIO_META_POD_PORTS, which lists every container's ports in the pod's order: putting it back
// there (not at the end) keeps that list, and so the re-injected pod, the same.
import type { Json, JsonObject } from '../k8s/types.js';
import { isObject } from '../k8s/json.js';

export function placeMovedProxy(containers: readonly Json[], proxy: JsonObject, podPortsJson: string | undefined): Json[] {
  const listed = parsePorts(podPortsJson);
  const own = portKeys(proxy);
  if (listed === undefined || own.length === 0) return [...containers, proxy];
  const others = containers.map((c) => (isObject(c) ? portKeys(c) : []));
  // The first place where the ports, in container order, spell the recorded list exactly.
  for (let at = 0; at <= containers.length; at++) {
    const order = [...others.slice(0, at).flat(), ...own, ...others.slice(at).flat()];
    if (order.length === listed.length && order.every((k, i) => k === listed[i])) {
      return [...containers.slice(0, at), proxy, ...containers.slice(at)];
    }
  }
  return [...containers, proxy];
}

function parsePorts(text: string | undefined): string[] | undefined {
  if (text === undefined || text === '') return undefined;
  try {
    const v = JSON.parse(text) as Json;
    return Array.isArray(v) ? v.map((p) => (isObject(p) ? keyOf(p) : '')) : undefined;
  } catch {
    return undefined;
  }
}

function portKeys(container: JsonObject): string[] {
  return Array.isArray(container.ports) ? container.ports.map((p) => (isObject(p) ? keyOf(p) : '')) : [];
}

function keyOf(port: JsonObject): string {
  return `${String(port.containerPort)}/${typeof port.name === 'string' ? port.name : ''}`;
}
