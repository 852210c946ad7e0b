// Shared fixtures for injectPod tests: default Istio 1.32 settings and small accessors.
import { buildSettings } from '../../src/config/index.js';
import type { Settings } from '../../src/config/types.js';
import { injectPod } from '../../src/inject.js';
import type { InjectFlavor } from '../../src/inject-types.js';
import type { JsonObject, PodJson } from '../../src/k8s/types.js';

export const defaults: Settings = buildSettings({ templates: {}, nativeSidecars: true });

/** A copy of the default settings with `edit` applied (Settings is plain data). */
export function settingsWith(edit: (s: Settings) => void): Settings {
  const s = structuredClone(defaults);
  edit(s);
  return s;
}

export interface PodInput {
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
  containers?: JsonObject[];
  initContainers?: JsonObject[];
  spec?: JsonObject;
}

export function makePod(input: PodInput = {}): PodJson {
  return {
    metadata: {
      ...(input.annotations ? { annotations: { ...input.annotations } } : {}),
      labels: { app: 'hello', ...(input.labels ?? {}) },
    },
    spec: {
      containers: input.containers ?? [{ name: 'hello', image: 'example.com/hello:1.0', ports: [{ name: 'http', containerPort: 80 }] }],
      ...(input.initContainers ? { initContainers: input.initContainers } : {}),
      ...(input.spec ?? {}),
    },
  };
}

export function inject(input: PodInput | PodJson = {}, settings: Settings = defaults, flavor: InjectFlavor = 'kube-inject'): PodJson {
  const pod = 'spec' in input && 'metadata' in input ? (input as PodJson) : makePod(input as PodInput);
  return injectPod(
    { pod, workload: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'hello', namespace: 'shop' }, flavor },
    settings,
  ).pod;
}

export function list(pod: PodJson, key: 'containers' | 'initContainers'): any[] {
  const v = pod.spec[key];
  return Array.isArray(v) ? v : [];
}

export function container(pod: PodJson, name: string): any {
  return [...list(pod, 'initContainers'), ...list(pod, 'containers')].find((c) => c.name === name);
}

export function proxy(pod: PodJson): any {
  return container(pod, 'istio-proxy');
}

export function envValue(c: any, name: string): string | undefined {
  const e = (c?.env ?? []).find((x: any) => x.name === name);
  return e ? (e.value ?? '') : undefined;
}

/** The value following `flag` in an args list. */
export function argAfter(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

export function volumeNames(pod: PodJson): string[] {
  return (Array.isArray(pod.spec.volumes) ? pod.spec.volumes : []).map((v: any) => v.name);
}

export function ann(pod: PodJson): Record<string, string | undefined> {
  return (pod.metadata.annotations ?? {}) as Record<string, string>;
}

export function labels(pod: PodJson): Record<string, string | undefined> {
  return (pod.metadata.labels ?? {}) as Record<string, string>;
}
