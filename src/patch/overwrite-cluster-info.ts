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
    const env: JsonObject[] = envOf(c).filter((e) => !(typeof e.name === 'string' && Object.prototype.hasOwnProperty.call(proxyEnvs, e.name)));
    for (const name of names) env.push({ name, value: proxyEnvs[name] });
    return { ...c, env };
  });
}
