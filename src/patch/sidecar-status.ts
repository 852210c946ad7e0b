// The `sidecar.istio.io/status` annotation: which containers, volumes and pull secrets a previous
// injection added. Written by `statusAnnotationValue`, read by re-injection and `stripInjection`.
import type { Json, PodJson } from '../k8s/types.js';
import { listOf } from './json-values.js';
import { isObject } from '../k8s/json.js';
import { goJsonText } from './go-json.js';

export const STATUS_ANNOTATION = 'sidecar.istio.io/status';

export interface SidecarStatus {
  initContainers: string[];
  containers: string[];
  volumes: string[];
  imagePullSecrets: string[];
  revision: string;
}

/** Parsed status annotation; undefined when absent or not a JSON object (Istio then treats the pod as
 *  not injected for stripping purposes). */
export function parseSidecarStatus(value: string | undefined): SidecarStatus | undefined {
  if (value === undefined) return undefined;
  let v: Json;
  try {
    v = JSON.parse(value) as Json;
  } catch {
    return undefined;
  }
  if (!isObject(v)) return undefined;
  const names = (x: Json | undefined) => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);
  return {
    initContainers: names(v.initContainers),
    containers: names(v.containers),
    volumes: names(v.volumes),
    imagePullSecrets: names(v.imagePullSecrets),
    revision: typeof v.revision === 'string' ? v.revision : '',
  };
}

/**
 * Go JSON of Istio's SidecarInjectionStatus for the template pod: the names the templates produced, in
 * template order; an empty list is `null`; revision '' is written as `default`.
 */
export function statusAnnotationValue(templatePod: PodJson, revision: string): string {
  const names = (key: string): string[] | null => {
    const out = listOf(templatePod.spec, key).map((x) => (typeof x.name === 'string' ? x.name : ''));
    return out.length > 0 ? out : null;
  };
  return goJsonText({
    initContainers: names('initContainers'),
    containers: names('containers'),
    volumes: names('volumes'),
    imagePullSecrets: names('imagePullSecrets'),
    revision: revision === '' ? 'default' : revision,
  });
}
