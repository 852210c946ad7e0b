// The `proxy.istio.io/overrides` annotation: the user's own versions of containers a template also
// produces, recorded at first injection so re-injection (and stripping) can bring them back.
import type { Json, JsonObject } from '../k8s/types.js';
import { InjectError } from '../errors.js';
import { isObject } from '../k8s/json.js';

export const OVERRIDES_ANNOTATION = 'proxy.istio.io/overrides';

export interface RecordedOverrides {
  containers: JsonObject[];
  initContainers: JsonObject[];
}

/** Parses the annotation; absent → empty lists; anything but `{containers?: [..], initContainers?: [..]}`
 *  → InjectError('invalid-overrides') naming the annotation. */
export function parseOverrides(value: string | undefined): RecordedOverrides {
  if (value === undefined) return { containers: [], initContainers: [] };
  const fail = (why: string) =>
    new InjectError(
      `invalid value for annotation '${OVERRIDES_ANNOTATION}': ${why} (expected {"containers":[...],"initContainers":[...]} as written by a previous injection)`,
      'invalid-overrides',
      OVERRIDES_ANNOTATION,
    );
  let v: Json;
  try {
    v = JSON.parse(value) as Json;
  } catch (e) {
    throw fail(`not JSON (${(e as Error).message})`);
  }
  if (!isObject(v)) throw fail('not a JSON object');
  const list = (key: string): JsonObject[] => {
    const x = v[key];
    if (x === undefined || x === null) return [];
    if (!Array.isArray(x) || !x.every((c) => isObject(c) && typeof c.name === 'string')) throw fail(`"${key}" must be a list of containers with names`);
    return x as JsonObject[];
  };
  return { containers: list('containers'), initContainers: list('initContainers') };
}
