// Another effect of Istio's typed round trip (spec d.1 step 3, h.1): what a template renders is decoded
// into corev1 types, so every resource.Quantity it wrote comes out in Kubernetes' canonical form
// (`2000m` -> "2", `1024Mi` -> 1Gi). Templates copy quantities verbatim from annotations
// (`sidecar.istio.io/proxyCPU: 2000m`) and values, so the rendered partial Pod is canonicalised here.
// Only the template's own output is touched: the user's containers keep the bytes they were written with.
import type { Json } from '../k8s/types.js';
import { isObject } from '../k8s/json.js';
import { canonicalQuantity } from '../k8s/quantity.js';

const CONTAINER_LISTS = ['containers', 'initContainers'] as const;

/** The partial with canonical quantities in container resources and emptyDir size limits (a copy where changed). */
export function canonicalTemplateQuantities(partial: Json): Json {
  if (!isObject(partial) || !isObject(partial.spec)) return partial;
  const spec = partial.spec;
  let nextSpec: Record<string, Json> | undefined;
  for (const key of CONTAINER_LISTS) {
    const list = spec[key];
    if (!Array.isArray(list)) continue;
    const next = list.map(canonicalContainer);
    if (next.some((c, i) => c !== list[i])) (nextSpec ??= { ...spec })[key] = next;
  }
  if (Array.isArray(spec.volumes)) {
    const volumes = spec.volumes;
    const next = volumes.map(canonicalVolume);
    if (next.some((v, i) => v !== volumes[i])) (nextSpec ??= { ...spec }).volumes = next;
  }
  return nextSpec ? { ...partial, spec: nextSpec } : partial;
}

function canonicalContainer(c: Json): Json {
  if (!isObject(c) || !isObject(c.resources)) return c;
  const resources = c.resources;
  let next: Record<string, Json> | undefined;
  for (const kind of ['limits', 'requests', 'claims'] as const) {
    const list = resources[kind];
    if (kind === 'claims' || !isObject(list)) continue;
    let changed = false;
    const out: Record<string, Json> = Object.create(null);
    for (const [name, q] of Object.entries(list)) {
      const text = canonical(q);
      if (text !== q) changed = true;
      out[name] = text;
    }
    if (changed) (next ??= { ...resources })[kind] = { ...out };
  }
  return next ? { ...c, resources: next } : c;
}

function canonicalVolume(v: Json): Json {
  if (!isObject(v) || !isObject(v.emptyDir) || v.emptyDir.sizeLimit === undefined) return v;
  const sizeLimit = canonical(v.emptyDir.sizeLimit);
  return sizeLimit === v.emptyDir.sizeLimit ? v : { ...v, emptyDir: { ...v.emptyDir, sizeLimit } };
}

/** The canonical text, or the value itself when it is not a quantity (validation reports that elsewhere). */
function canonical(q: Json): Json {
  if (typeof q !== 'string' && typeof q !== 'number') return q;
  try {
    const text = canonicalQuantity(q);
    return text === q ? q : text;
  } catch {
    return q;
  }
}
