// Copy-on-write accessors for the few pod paths post-processing changes, so that every step can return a
// new pod without cloning the whole tree (a pod with thousands of env vars stays cheap).
import type { Json, JsonObject, PodJson } from '../k8s/types.js';
import { listOf } from './json-values.js';
import { isObject } from '../k8s/json.js';

export const PROXY_CONTAINER = 'istio-proxy';

export type ContainerList = 'containers' | 'initContainers';

export interface FoundContainer {
  list: ContainerList;
  index: number;
  container: JsonObject;
}

/** The first container named `name` in `containers`, then in `initContainers` (Istio's FindContainerFromPod). */
export function findContainer(pod: PodJson, name: string, lists: ContainerList[] = ['containers', 'initContainers']): FoundContainer | undefined {
  for (const list of lists) {
    const items = pod.spec?.[list];
    if (!Array.isArray(items)) continue;
    const index = items.findIndex((c) => isObject(c) && c.name === name);
    if (index >= 0) return { list, index, container: items[index] as JsonObject };
  }
  return undefined;
}

/** Istio's FindSidecar: `istio-proxy` in containers, else in init containers (native sidecar). */
export function findProxy(pod: PodJson): FoundContainer | undefined {
  return findContainer(pod, PROXY_CONTAINER);
}

/** A new pod whose container at `at` is replaced by `update(container)`. */
export function withContainer(pod: PodJson, at: { list: ContainerList; index: number }, update: (c: JsonObject) => JsonObject): PodJson {
  const items = (pod.spec[at.list] as Json[]).slice();
  items[at.index] = update(items[at.index] as JsonObject);
  return { ...pod, spec: { ...pod.spec, [at.list]: items } };
}

/** A new pod with `spec[list]` replaced (the key removed when `items` is undefined). */
export function withList(pod: PodJson, list: string, items: Json[] | undefined): PodJson {
  const spec: JsonObject = { ...pod.spec };
  if (items === undefined) delete spec[list];
  else spec[list] = items;
  return { ...pod, spec };
}

/** A new pod whose annotations are `update(copy of the annotations)`; an empty result drops the map. */
export function withAnnotations(pod: PodJson, update: (a: Record<string, string>) => void): PodJson {
  const annotations: Record<string, string> = { ...(pod.metadata.annotations ?? {}) };
  update(annotations);
  const metadata = { ...pod.metadata, annotations };
  if (Object.keys(annotations).length === 0) delete (metadata as JsonObject).annotations;
  return { ...pod, metadata };
}

/** Env list of a container (never undefined). */
export function envOf(c: JsonObject): JsonObject[] {
  return listOf(c, 'env');
}

/** Value of the env var `name` of a container, if set as a plain value. */
export function envValue(c: JsonObject | undefined, name: string): string | undefined {
  if (!c) return undefined;
  const env = c.env;
  if (!Array.isArray(env)) return undefined;
  for (const e of env) if (isObject(e) && e.name === name && typeof e.value === 'string') return e.value;
  return undefined;
}

export function annotationsOf(pod: PodJson): Record<string, string> {
  return pod.metadata?.annotations ?? {};
}

export function nameOf(c: Json): string | undefined {
  return isObject(c) && typeof c.name === 'string' ? c.name : undefined;
}
