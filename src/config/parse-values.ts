// The `values` document (key `values` of istio-sidecar-injector, or a Helm values file).
// A values document given by the user is deep-merged onto the chart defaults of the emulated Istio
// version (defaults/istio-versions.ts) the way Helm
// merges a values file: maps merge key by key; lists, scalars and nulls replace (a null keeps its
// meaning, e.g. `resources.requests.cpu: null` drops that entry through omitNil). A complete document
// (what `kubectl get cm istio-sidecar-injector -o jsonpath='{.data.values}'` returns) therefore
// behaves exactly as in the cluster, and a short file such as `{global: {tag: 1.31.0}}` changes only
// what it names instead of leaving the templates without the keys they read.
import type { IstioValues } from './types.js';
import { chartValuesFor, DEFAULT_ISTIO_VERSION, type IstioVersionKey } from './defaults/istio-versions.js';
import type { Json, JsonObject } from '../k8s/types.js';
import { readObjectDocument, sourceOf } from './parse-document.js';
import { isObject } from '../k8s/json.js';

/** `input`: YAML/JSON text or a parsed object; `origin` names it in errors (a file path, a ConfigMap key). */
export function parseValues(input: string | Json, origin: string, version: IstioVersionKey = DEFAULT_ISTIO_VERSION): IstioValues {
  return mergeValues(defaultValues(version), readObjectDocument(sourceOf(input, origin), 'values'));
}

export function defaultValues(version: IstioVersionKey = DEFAULT_ISTIO_VERSION): IstioValues {
  return chartValuesFor(version);
}

function mergeValues(base: JsonObject, overlay: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const current = out[key];
    out[key] = isObject(current) && isObject(value) ? mergeValues(current, value) : value;
  }
  return out;
}

