// Final container order (d.3 step 7): kubectl defaults to the first container, so the proxy goes last
// unless the app must wait for it; iptables setup must not black-hole the user's init containers, and a
// native proxy must start before them.
import type { Json, PodJson } from '../k8s/types.js';
import { nameOf, PROXY_CONTAINER } from './pod-access.js';

export interface ReorderOptions {
  /** holdApplicationUntilProxyStarts (mesh defaultConfig + pod proxy.istio.io/config, OR values.global.proxy). */
  hold: boolean;
}

export function reorderContainers(pod: PodJson, { hold }: ReorderOptions): PodJson {
  let containers = Array.isArray(pod.spec.containers) ? pod.spec.containers : undefined;
  let init = Array.isArray(pod.spec.initContainers) ? pod.spec.initContainers : undefined;
  if (containers) containers = move(containers, PROXY_CONTAINER, hold ? 'first' : 'last');
  if (init) {
    if (init.some((c) => nameOf(c) === PROXY_CONTAINER)) {
      for (const name of ['enable-core-dump', PROXY_CONTAINER, 'istio-validation', 'istio-init']) init = move(init, name, 'first');
    } else {
      init = move(init, 'istio-validation', 'first');
      init = move(init, 'istio-init', 'last');
      init = move(init, 'enable-core-dump', 'last');
    }
  }
  if (sameItems(containers, pod.spec.containers) && sameItems(init, pod.spec.initContainers)) return pod;
  const spec = { ...pod.spec };
  if (containers) spec.containers = containers;
  if (init) spec.initContainers = init;
  return { ...pod, spec };
}

/** Moves the first container named `name` to one end; the same array when there is nothing to move. */
function move(list: Json[], name: string, where: 'first' | 'last'): Json[] {
  const i = list.findIndex((c) => nameOf(c) === name);
  if (i < 0) return list;
  if ((where === 'first' && i === 0) || (where === 'last' && i === list.length - 1)) return list;
  const rest = list.filter((_, j) => j !== i);
  return where === 'first' ? [list[i], ...rest] : [...rest, list[i]];
}

function sameItems(a: Json[] | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]);
}
