// What the API server would reject in a pod template and injection cannot work on: labels and
// annotations that are not maps of strings (`annotations: x`, `inject.istio.io/templates: null`), and
// containers without a unique name (injection merges containers by name). Reported as a located error
// before injection reads it, instead of failing inside the injector or producing unstable output.
import type { Json, JsonObject } from '../k8s/types.js';
import { isObject } from '../k8s/json.js';
import { parseSidecarStatus, STATUS_ANNOTATION } from '../patch/sidecar-status.js';

export interface TemplateProblem {
  message: string;
  /** Relative to the pod template: `metadata.annotations`, `metadata.annotations[name]`. */
  field: string;
}

const describe = (v: Json | undefined): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a map' : `the ${typeof v} ${JSON.stringify(v)}`);

export function podTemplateProblem(template: JsonObject): TemplateProblem | undefined {
  return metadataProblem(template.metadata) ?? containerNameProblem(template.spec, injectedInBothLists(template.metadata));
}

/**
 * A container name used twice in `pod` (containers and initContainers together), apart from names its own
 * `sidecar.istio.io/status` says injection put in both lists: what an injection's result must not have.
 */
export function duplicateContainerName(pod: { metadata?: Json; spec?: Json }): string | undefined {
  const spec = pod.spec;
  if (!isObject(spec)) return undefined;
  const allowed = injectedInBothLists(pod.metadata);
  const seen = new Set<string>();
  for (const list of ['initContainers', 'containers'] as const) {
    const items = spec[list];
    if (!Array.isArray(items)) continue;
    for (const c of items) {
      if (!isObject(c) || typeof c.name !== 'string') continue;
      if (seen.has(c.name) && !allowed.has(c.name)) return c.name;
      seen.add(c.name);
    }
  }
  return undefined;
}

/**
 * Names an earlier injection put in both lists, per its `sidecar.istio.io/status` (Istio's own output
 * when a template patches `istio-proxy` under containers while the native sidecar is an init container,
 * e.g. `sidecar,spire`): re-injection strips both, so they are not the user's duplicates.
 */
function injectedInBothLists(metadata: Json | undefined): Set<string> {
  const annotations = isObject(metadata) && isObject(metadata.annotations) ? metadata.annotations : undefined;
  const raw = annotations && Object.prototype.hasOwnProperty.call(annotations, STATUS_ANNOTATION) ? annotations[STATUS_ANNOTATION] : undefined;
  const status = typeof raw === 'string' ? parseSidecarStatus(raw) : undefined;
  if (!status) return new Set();
  const init = new Set(status.initContainers);
  return new Set(status.containers.filter((n) => init.has(n)));
}

function containerNameProblem(spec: Json | undefined, injectedTwice: ReadonlySet<string>): TemplateProblem | undefined {
  if (!isObject(spec)) return undefined;
  const seen = new Set<string>();
  for (const list of ['initContainers', 'containers'] as const) {
    const items = spec[list];
    if (items === undefined || items === null) continue;
    if (!Array.isArray(items)) return { message: `spec.${list} must be a list, not ${describe(items)}`, field: `spec.${list}` };
    for (let i = 0; i < items.length; i++) {
      const c = items[i];
      const field = `spec.${list}[${i}]`;
      if (!isObject(c)) return { message: `${field} must be a container (a map), not ${describe(c)}`, field };
      if (typeof c.name !== 'string' || c.name === '') return { message: `${field} has no name (Kubernetes requires one)`, field: `${field}.name` };
      if (seen.has(c.name) && !injectedTwice.has(c.name)) return { message: `container name ${JSON.stringify(c.name)} is used twice (Kubernetes requires unique names)`, field: `${field}.name` };
      seen.add(c.name);
      // istio-proxy may leave the image to the template (`image: auto` or none); any other container needs one.
      if (c.name !== 'istio-proxy' && (typeof c.image !== 'string' || c.image === '')) {
        return { message: `container ${JSON.stringify(c.name)} has no image (Kubernetes requires one)`, field: `${field}.image` };
      }
    }
  }
  return undefined;
}

function metadataProblem(metadata: Json | undefined): TemplateProblem | undefined {
  if (metadata === undefined || metadata === null) return undefined;
  if (!isObject(metadata)) return { message: `the pod template's metadata must be a map, not ${describe(metadata)}`, field: 'metadata' };
  for (const what of ['annotations', 'labels'] as const) {
    const map = metadata[what];
    if (map === undefined || map === null) continue;
    if (!isObject(map)) return { message: `metadata.${what} must be a map of strings, not ${describe(map)}`, field: `metadata.${what}` };
    if (what === 'annotations') {
      const size = annotationBytes(map);
      if (size > MAX_ANNOTATION_BYTES) {
        return { message: `metadata.annotations hold ${size} bytes, more than the ${MAX_ANNOTATION_BYTES} (256 KiB) Kubernetes accepts for a pod's annotations together`, field: 'metadata.annotations' };
      }
    }
    for (const [key, value] of Object.entries(map)) {
      // Unquoted booleans and numbers in labels are read as text with a warning by the selection.
      if (typeof value === 'string' || (what === 'labels' && (typeof value === 'number' || typeof value === 'boolean'))) continue;
      return {
        message: `${what === 'labels' ? 'label' : 'annotation'} ${JSON.stringify(key)} must be a string, not ${describe(value)} (Kubernetes rejects it; quote the value)`,
        field: `metadata.${what}[${key}]`,
      };
    }
  }
  return undefined;
}

/** Kubernetes' TotalAnnotationSizeLimitB: keys and values of one object's annotations together. Also
 *  bounds what injection parses from annotation values (proxy.istio.io/config, userVolume, overrides). */
export const MAX_ANNOTATION_BYTES = 256 * 1024;

function annotationBytes(map: JsonObject): number {
  let n = 0;
  for (const [key, value] of Object.entries(map)) n += Buffer.byteLength(key) + (typeof value === 'string' ? Buffer.byteLength(value) : 0);
  return n;
}
