// One effect of Istio's typed round trip (spec d.1 step 3, h.1): every `resourceFieldRef` of the pod
// passes through Go's corev1.ResourceFieldSelector, whose `Divisor` is a non-pointer resource.Quantity,
// so encoding/json always writes it and an unset divisor comes out as `divisor: "0"`. Templates that
// set no divisor (Istio 1.28's ISTIO_CPU_LIMIT, GOMEMLIMIT, ...) therefore show "0" in istiod's output.
import type { Json, PodJson } from '../k8s/types.js';
import { isObject } from '../k8s/json.js';

/** A copy of the pod where every resourceFieldRef without a divisor has `divisor: "0"` (untouched parts shared). */
export function fillResourceFieldDivisors(pod: PodJson): PodJson {
  let changed = false;
  const fill = (ref: Json | undefined): Json | undefined => {
    if (!isObject(ref) || ref.divisor !== undefined) return ref;
    changed = true;
    return { ...ref, divisor: '0' };
  };
  const containers = (list: Json | undefined): Json | undefined => {
    if (!Array.isArray(list)) return list;
    return list.map((c) => {
      if (!isObject(c) || !Array.isArray(c.env)) return c;
      const env = c.env.map((e) => {
        if (!isObject(e) || !isObject(e.valueFrom) || e.valueFrom.resourceFieldRef === undefined) return e;
        const ref = fill(e.valueFrom.resourceFieldRef);
        return ref === e.valueFrom.resourceFieldRef ? e : { ...e, valueFrom: { ...e.valueFrom, resourceFieldRef: ref! } };
      });
      return env.every((e, i) => e === (c.env as Json[])[i]) ? c : { ...c, env };
    });
  };
  const items = (list: Json | undefined): Json | undefined => {
    if (!Array.isArray(list)) return list;
    const out = list.map((it) => {
      if (!isObject(it) || it.resourceFieldRef === undefined) return it;
      const ref = fill(it.resourceFieldRef);
      return ref === it.resourceFieldRef ? it : { ...it, resourceFieldRef: ref! };
    });
    return out.every((x, i) => x === list[i]) ? list : out;
  };
  const downward = (holder: Json): Json => {
    if (!isObject(holder) || !isObject(holder.downwardAPI)) return holder;
    const next = items(holder.downwardAPI.items);
    return next === holder.downwardAPI.items ? holder : { ...holder, downwardAPI: { ...holder.downwardAPI, items: next! } };
  };
  const volumes = (list: Json | undefined): Json | undefined => {
    if (!Array.isArray(list)) return list;
    return list.map((v) => {
      if (!isObject(v)) return v;
      let out = downward(v);
      if (isObject(v.projected) && Array.isArray(v.projected.sources)) {
        const sources = v.projected.sources.map(downward);
        if (sources.some((s, i) => s !== (v.projected as { sources: Json[] }).sources[i])) out = { ...(out as object), projected: { ...v.projected, sources } } as Json;
      }
      return out;
    });
  };
  const spec = {
    ...pod.spec,
    containers: containers(pod.spec.containers as Json),
    initContainers: containers(pod.spec.initContainers as Json),
    ephemeralContainers: containers(pod.spec.ephemeralContainers as Json),
    volumes: volumes(pod.spec.volumes as Json),
  };
  if (!changed) return pod;
  for (const k of ['containers', 'initContainers', 'ephemeralContainers', 'volumes'] as const) if (spec[k] === undefined) delete spec[k];
  return { ...pod, spec: spec as PodJson['spec'] };
}
