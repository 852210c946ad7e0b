// Cluster and network identity resolved outside the templates (webhook URL path, pod network label) must
// win over what the template wrote, so those env vars are moved to the end of the proxy env.
import type { JsonObject, PodJson } from '../k8s/types.js';
import { findProxy, withContainer, envOf } from './pod-access.js';

/** Removes every name of `proxyEnvs` from the istio-proxy env and appends them sorted by name. */
export function overwriteClusterInfo(pod: PodJson, proxyEnvs: Record<string, string>): PodJson {
  const names = Object.keys(proxyEnvs).sort();
  if (names.length === 0) return pod;
  const proxy = findProxy(pod);
  if (!proxy) return pod;
  return withContainer(pod, proxy, (c) => {
    const moved = new Set(names);
    const env: JsonObject[] = [];
    for (const e of envOf(c)) if (!(typeof e.name === 'string' && moved.has(e.name))) env.push(e);
    for (const name of names) env.push({ name, value: proxyEnvs[name] });
    return { ...c, env };
  });
}
