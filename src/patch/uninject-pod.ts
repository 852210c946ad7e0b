// Uninjection: the pod as the user wrote it, from a pod carrying `sidecar.istio.io/status` (ours,
// istiod's or `istioctl kube-inject`'s). stripInjection undoes containers, volumes, probes and the
// annotations re-injection must not see; this also removes what re-injection would simply overwrite
// (the template's labels and default-container annotations) when it holds exactly the value the
// template derives, so a value the user chose stays. Maps left empty by the removal go too.
import type { JsonObject, PodJson } from '../k8s/types.js';
import { isObject } from '../k8s/json.js';
import { stripInjection, type StripOptions } from './strip-injection.js';

export interface UninjectResult {
  pod: PodJson;
  wasInjected: boolean;
}

const TLS_MODE = 'security.istio.io/tlsMode';
const TUNNEL = 'networking.istio.io/tunnel';
const CANONICAL_NAME = 'service.istio.io/canonical-name';
const CANONICAL_REVISION = 'service.istio.io/canonical-revision';
const DEFAULT_CONTAINER = 'kubectl.kubernetes.io/default-container';
const DEFAULT_LOGS_CONTAINER = 'kubectl.kubernetes.io/default-logs-container';

/** `workloadName` is the name the template's canonical-name fell back to (the Deployment's, say). */
export function uninjectPod(pod: PodJson, workloadName: string, options: StripOptions = {}): UninjectResult {
  const stripped = stripInjection(pod, options);
  if (!stripped.wasInjected) return { pod, wasInjected: false };
  const metadata: JsonObject = { ...stripped.pod.metadata };
  const labels: Record<string, string> = isObject(metadata.labels) ? { ...(metadata.labels as Record<string, string>) } : {};
  const annotations: Record<string, string> = isObject(metadata.annotations) ? { ...(metadata.annotations as Record<string, string>) } : {};

  const drop = (map: Record<string, string>, key: string, derived: string) => {
    if (map[key] === derived) delete map[key];
  };
  drop(labels, TLS_MODE, 'istio');
  drop(labels, TUNNEL, 'http');
  // The template derives these from the other labels; compare against what it would derive without them.
  const rest = { ...labels };
  delete rest[CANONICAL_NAME];
  delete rest[CANONICAL_REVISION];
  const name = rest['app.kubernetes.io/name'] || rest.app || workloadName;
  if (labels[CANONICAL_NAME] === name || labels[CANONICAL_NAME] === trimName(name)) delete labels[CANONICAL_NAME];
  drop(labels, CANONICAL_REVISION, rest['app.kubernetes.io/version'] || rest.version || 'latest');
  const first = firstContainerName(stripped.pod);
  if (first !== undefined) {
    drop(annotations, DEFAULT_CONTAINER, first);
    drop(annotations, DEFAULT_LOGS_CONTAINER, first);
  }

  setOrDrop(metadata, 'labels', labels);
  setOrDrop(metadata, 'annotations', annotations);
  return { pod: { ...stripped.pod, metadata: metadata as PodJson['metadata'] }, wasInjected: true };
}

/** The template's truncation of a canonical name (63 characters, no leading/trailing - _ .). */
function trimName(name: string): string {
  return name.slice(0, 63).replace(/^[-_.]+|[-_.]+$/g, '');
}

function firstContainerName(pod: PodJson): string | undefined {
  const c = Array.isArray(pod.spec.containers) ? pod.spec.containers[0] : undefined;
  return isObject(c) && typeof c.name === 'string' ? c.name : undefined;
}

function setOrDrop(metadata: JsonObject, key: string, map: Record<string, string>): void {
  if (Object.keys(map).length > 0) metadata[key] = map;
  else delete metadata[key];
}
