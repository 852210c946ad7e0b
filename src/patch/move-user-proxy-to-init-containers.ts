// Native sidecars: the template puts `istio-proxy` under initContainers, but users customise the proxy
// by declaring it under containers. Istio moves that user container to the end of initContainers before
// merging so the customisation lands on the native sidecar instead of leaving a second proxy (c.3).
import type { Json, PodJson } from '../k8s/types.js';
import { isObject } from '../k8s/json.js';
import { findContainer, PROXY_CONTAINER } from './pod-access.js';

/** Call only when native sidecars are in effect for this pod. `rendered` is the template's partial pod. */
export function moveUserProxyToInitContainers(pod: PodJson, rendered: Json): PodJson {
  const spec = isObject(rendered) && isObject(rendered.spec) ? rendered.spec : undefined;
  const templateInit = spec && Array.isArray(spec.initContainers) ? spec.initContainers : [];
  if (!templateInit.some((c) => isObject(c) && c.name === PROXY_CONTAINER)) return pod;
  const user = findContainer(pod, PROXY_CONTAINER, ['containers']);
  if (!user || findContainer(pod, PROXY_CONTAINER, ['initContainers'])) return pod;
  const containers = (pod.spec.containers as Json[]).filter((_, i) => i !== user.index);
  const initContainers = [...(Array.isArray(pod.spec.initContainers) ? pod.spec.initContainers : []), user.container];
  return { ...pod, spec: { ...pod.spec, containers, initContainers } };
}
