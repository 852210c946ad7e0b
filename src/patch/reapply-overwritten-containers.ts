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
import { fieldsNotSetBy } from './fields-not-set-by.js';
import { CONTAINER_PATCH_META } from './pod-patch-meta.js';

export interface ReapplyInput {
  /** The pod with every template merged in. */
  merged: PodJson;
  /** The pod before rendering (as received, or as returned by stripInjection). */
  original: PodJson;
  /** Every template merged onto an empty pod: the containers the templates produce. */
  templatePod: PodJson;
  /** Effective interception mode is TPROXY (pod annotation, else ProxyConfig). */
  tproxy: boolean;
  /** Where a deviation from Istio's record is explained. */
  warnings?: string[];
}

/** Istio's reapplyOverwrittenContainers + adjustInitContainerUser (spec d.2). Returns a new pod;
 *  throws InjectError('invalid-overrides') for an unparseable overrides annotation. */
export function reapplyOverwrittenContainers({ merged, original, templatePod, tproxy, warnings }: ReapplyInput): PodJson {
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
      const fromAnnotation = existing[list].find((x) => x.name === name);
      const own = findContainer(original, name)?.container;
      const match = fromAnnotation ?? own;
      if (!match) continue;
      const overlay = goContainer(match);
      if (overlay.image === 'auto') delete overlay.image;
      const template = c as JsonObject;
      recorded[list].push(!alreadyInjected && fromAnnotation && own ? recordBoth(own, template, overlay, list, warnings) : overlay);
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

/**
 * A pod not injected yet that has both a hand-written overrides entry and its own container of that
 * name: Istio merges both into the pod (the merge starts from the pod) but records only the entry, so
 * re-injection, which starts from the record, would drop the container's own fields. Recording the
 * two merged keeps the output a fixpoint; only the annotation's text differs from Istio's.
 */
function recordBoth(own: JsonObject, template: JsonObject, overlay: JsonObject, list: ContainerList, warnings: string[] | undefined): JsonObject {
  // The container's fields the template overrides never reached the pod; only the rest are the user's.
  const mine: JsonObject = { name: own.name!, ...fieldsNotSetBy(own, template, CONTAINER_PATCH_META) };
  if (mine.image === 'auto') delete mine.image;
  const both = listOf(strategicMergePod({ metadata: {}, spec: { [list]: [mine] } }, { spec: { [list]: [overlay] } }).spec, list)[0]!;
  const record = goContainer(both);
  if (JSON.stringify(record) !== JSON.stringify(overlay)) {
    warnings?.push(
      `${OVERRIDES_ANNOTATION} names ${String(overlay.name)} and the pod has its own ${String(overlay.name)} container: both are merged in, ` +
        `and both are recorded in ${OVERRIDES_ANNOTATION} (Istio records only the annotation's entry, so its re-injection would lose the container's fields)`,
    );
  }
  return record;
}
