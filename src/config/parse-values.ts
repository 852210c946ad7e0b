// The `values` document (key `values` of istio-sidecar-injector, or a Helm values file).
// A values document given by the user REPLACES the built-in default document rather than being
// deep-merged into it: that is what Istio does with the ConfigMap's `values` key (the injector
// reads only that document; chart defaults were already folded in by Helm when it was rendered).
// So a hand-written values file must be complete for the keys the templates read; to customise a
// stock install, start from `kubectl get cm istio-sidecar-injector -o jsonpath='{.data.values}'`.
import type { IstioValues } from './types.js';
import { DEFAULT_VALUES } from './defaults/values.js';
import type { Json } from '../k8s/types.js';
import { readObjectDocument, sourceOf } from './parse-document.js';

/** `input`: YAML/JSON text or a parsed object; `origin` names it in errors (a file path, a ConfigMap key). */
export function parseValues(input: string | Json, origin: string): IstioValues {
  return readObjectDocument(sourceOf(input, origin), 'values');
}

export function defaultValues(): IstioValues {
  return structuredClone(DEFAULT_VALUES);
}
