// A user may declare a container a template also produces (typically `istio-proxy` with `image: auto`)
// to customise it. After the templates are merged, the user's fields are merged back on top, and the
// first injection records them in `proxy.istio.io/overrides` so re-injection can do it again.
import type { JsonObject, PodJson } from '../k8s/types.js';
import { listOf } from './json-values.js';
import { goContainer, goOverridesText } from './go-json.js';
import { strategicMergePod } from './strategic-merge.js';
import { findContainer, withAnnotations, annotationsOf, type ContainerList } from './pod-access.js';
import { parseOverrides, OVERRIDES_ANNOTATION } from './parse-overrides.js';
import { parseSidecarStatus, STATUS_ANNOTATION } from './sidecar-status.js';
import { adjustInitContainerUser } from './adjust-init-container-user.js';

export interface ReapplyInput {
  /** The pod with every template merged in. */
  merged: PodJson;
  /** The pod before rendering (as received, or as returned by stripInjection). */
  original: PodJson;
  /** Every template merged onto an empty pod: the containers the templates produce. */
  templatePod: PodJson;
  /** Effective interception mode is TPROXY (pod annotation, else ProxyConfig). */
  tproxy: boolean;
}

/** Istio's reapplyOverwrittenContainers + adjustInitContainerUser (spec d.2). Returns a new pod;
 *  throws InjectError('invalid-overrides') for an unparseable overrides annotation. */
export function reapplyOverwrittenContainers({ merged, original, templatePod, tproxy }: ReapplyInput): PodJson {
  const annotations = annotationsOf(original);
  const existing = parseOverrides(annotations[OVERRIDES_ANNOTATION]);
  const alreadyInjected = STATUS_ANNOTATION in annotations;
  const previous = parseSidecarStatus(annotations[STATUS_ANNOTATION]);
  const recorded: Record<ContainerList, JsonObject[]> = { containers: [], initContainers: [] };

  let pod = merged;
  for (const list of ['containers', 'initContainers'] as const) {
    const injectedBefore = new Set(previous?.[list] ?? []);
    for (const c of listOf(templatePod.spec, list)) {
      const name = c.name;
      if (typeof name !== 'string' || injectedBefore.has(name)) continue;
      const match = existing[list].find((x) => x.name === name) ?? findContainer(original, name)?.container;
      if (!match) continue;
      const overlay = goContainer(match);
      if (overlay.image === 'auto') delete overlay.image;
      recorded[list].push(overlay);
      const spec: JsonObject = list === 'containers' ? { containers: [overlay] } : { initContainers: [overlay], containers: [] };
      pod = strategicMergePod(pod, { spec });
    }
  }
  if (!alreadyInjected && (recorded.containers.length > 0 || recorded.initContainers.length > 0)) {
    const text = goOverridesText(recorded.containers, recorded.initContainers);
    pod = withAnnotations(pod, (a) => {
      a[OVERRIDES_ANNOTATION] = text;
    });
  }
  return adjustInitContainerUser(pod, original, tproxy);
}
