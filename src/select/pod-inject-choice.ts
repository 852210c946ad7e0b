// The pod's own say (spec a.2 step 3): label sidecar.istio.io/inject, else the annotation.
import type { PodJson } from '../k8s/types.js';
import { INJECT_LABEL } from './webhook-selectors.js';
import { readStringMap } from './string-map.js';

export interface PodInjectChoice {
  labels: Record<string, string>;
  /** 'true' | 'false' | undefined (no usable value: use the default). */
  choice?: 'true' | 'false';
  source: 'label' | 'annotation';
  /** The raw value read ('' when absent). */
  value: string;
  warnings: string[];
}

export function readPodInjectChoice(pod: PodJson): PodInjectChoice {
  const warnings: string[] = [];
  const meta = pod.metadata ?? {};
  const labels = readStringMap(meta.labels, 'label', warnings);
  const annotations = readStringMap(meta.annotations, 'annotation', warnings);
  // The label is the newer API and wins over the annotation, even when its value is empty.
  const fromLabel = Object.prototype.hasOwnProperty.call(labels, INJECT_LABEL);
  const source = fromLabel ? 'label' : 'annotation';
  const value = (fromLabel ? labels[INJECT_LABEL] : annotations[INJECT_LABEL]) ?? '';
  const out: PodInjectChoice = { labels, source, value, warnings };
  if (value === 'true' || value === 'false') {
    out.choice = value;
  } else if (value !== '') {
    warnings.push(`pod ${source} ${INJECT_LABEL} has unrecognised value ${JSON.stringify(value)} (only "true" and "false" are accepted); the injection policy default applies`);
  }
  return out;
}
