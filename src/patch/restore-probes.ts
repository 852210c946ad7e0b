// Un-injection of the app probes and hooks the injection pointed at the agent (spec e.*): the agent's
// own record of them (ISTIO_KUBE_APP_PROBERS) gives the originals back.
import type { Json, JsonObject } from '../k8s/types.js';
import { isObject } from '../k8s/json.js';
import { PROXY_CONTAINER } from './pod-access.js';
import { PROBE_PATHS, proberPath } from './rewrite-app-probes.js';

/** Puts back the probes/hooks the injection pointed at the agent, from the agent's own record of them. */
export function restoreProbes(c: JsonObject, probers: Record<string, Json>): JsonObject {
  const name = c.name;
  if (typeof name !== 'string' || name === PROXY_CONTAINER) return c;
  let out = c;
  for (const [field, kind, suffix] of PROBE_PATHS) {
    const path = proberPath(name, kind, suffix);
    const entry = probers[path];
    if (!isObject(entry)) continue;
    const holder = kind === 'app-health' ? out : isObject(out.lifecycle) ? out.lifecycle : undefined;
    const handler = holder?.[field];
    if (!isObject(handler) || !isObject(handler.httpGet) || handler.httpGet.path !== path) continue;
    const restored: JsonObject = { ...handler };
    delete restored.httpGet;
    for (const action of ['httpGet', 'tcpSocket', 'grpc']) {
      const a = entry[action];
      if (!isObject(a)) continue;
      const act = withoutNulls(a);
      if (action !== 'grpc' && typeof act.port === 'number') act.port = portName(c, act.port) ?? act.port;
      if (action === 'httpGet') keepUnrecordedFields(act, handler.httpGet);
      restored[action] = act;
    }
    out = kind === 'app-health' ? { ...out, [field]: restored } : { ...out, lifecycle: { ...(holder as JsonObject), [field]: restored } };
  }
  return out;
}

/** The rewrite kept every field of the user's httpGet but path and port (and an HTTPS scheme); the agent's Go record
 *  drops the ones Go does not know or leaves empty. They come back from the rewritten probe. */
function keepUnrecordedFields(restored: JsonObject, rewritten: JsonObject): void {
  for (const key of Object.keys(rewritten)) {
    // (A scheme the rewrite changed, HTTPS to HTTP, is in the record; any other it left as it was.)
    if (key === 'path' || key === 'port' || Object.prototype.hasOwnProperty.call(restored, key)) continue;
    Object.defineProperty(restored, key, { value: rewritten[key], enumerable: true, writable: true, configurable: true });
  }
}

/**
 * The agent only records the resolved port number. When exactly one named container port has that
 * number, the user most likely wrote the name (the usual style in charts); either way re-injection
 * resolves it to the same number.
 */
function portName(c: JsonObject, port: number): string | undefined {
  if (!Array.isArray(c.ports)) return undefined;
  const named = c.ports.filter((p) => isObject(p) && p.containerPort === port);
  if (named.length !== 1) return undefined;
  const name = (named[0] as JsonObject).name;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

function withoutNulls(o: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const k of Object.keys(o)) if (o[k] !== null) out[k] = o[k];
  return out;
}
