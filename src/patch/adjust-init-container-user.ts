// When the user pins the proxy's uid/gid (a user `istio-proxy` with securityContext.runAsUser/Group), the
// iptables rules must exclude that uid instead of 1337, and the CNI validation container must run as it.
import type { Json, JsonObject, PodJson } from '../k8s/types.js';
import { isObject } from '../k8s/json.js';
import { findContainer, findProxy, withContainer, PROXY_CONTAINER } from './pod-access.js';

/**
 * `original`: the pod as the user wrote it (before templates). `tproxy`: effective interception mode
 * (annotation, else ProxyConfig) is TPROXY, where the proxy must run as root.
 */
export function adjustInitContainerUser(pod: PodJson, original: PodJson, tproxy: boolean): PodJson {
  const user = findContainer(original, PROXY_CONTAINER)?.container;
  const sc = user?.securityContext;
  if (!isObject(sc)) return pod;
  const runAsUser = sc.runAsUser;
  const runAsGroup = sc.runAsGroup;
  if ((runAsUser === undefined || runAsUser === null) && (runAsGroup === undefined || runAsGroup === null)) return pod;

  let out = pod;
  if (tproxy) {
    const proxy = findProxy(out);
    if (proxy) out = withContainer(out, proxy, (c) => ({ ...c, securityContext: { ...(isObject(c.securityContext) ? c.securityContext : {}), runAsUser: 0 } }));
  } else {
    const validation = findContainer(out, 'istio-validation', ['initContainers']);
    if (validation) {
      out = withContainer(out, validation, (c) => {
        const next: JsonObject = { ...(isObject(c.securityContext) ? c.securityContext : {}) };
        if (runAsUser !== undefined && runAsUser !== null) next.runAsUser = runAsUser;
        if (runAsGroup !== undefined && runAsGroup !== null) next.runAsGroup = runAsGroup;
        return { ...c, securityContext: next };
      });
    }
  }
  if (typeof runAsUser === 'number' && runAsUser !== 0) {
    for (const name of ['istio-init', 'istio-validation']) {
      const iptables = findContainer(out, name, ['initContainers']);
      if (!iptables || !Array.isArray(iptables.container.args)) continue;
      out = withContainer(out, iptables, (c) => ({ ...c, args: replaceUidArg(c.args as Json[], String(runAsUser)) }));
    }
  }
  return out;
}

function replaceUidArg(args: Json[], uid: string): Json[] {
  const out = args.slice();
  for (let i = 0; i < out.length - 1; i++) if (out[i] === '-u') out[i + 1] = uid;
  return out;
}
