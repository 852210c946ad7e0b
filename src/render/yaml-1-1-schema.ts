// The YAML flavour rendered templates are read with, in one place: the `yaml` parse options and the
// resolution of a plain scalar by that same schema, so the fast path (parse-rendered-yaml.ts) cannot
// drift from the full parser it stands in for.
import { Document, isScalar, type ScalarTag, type Tags } from 'yaml';

// go-yaml v2 leaves `2001-12-14` a string when decoding into a generic map; so do we.
function withoutTimestamps(tags: Tags): Tags {
  return tags.filter((t) => typeof t === 'string' ? t !== 'timestamp' : t.tag !== 'tag:yaml.org,2002:timestamp');
}

/** YAML 1.1 like go-yaml v2: yes/no/on/off are booleans, 0777 is octal, ... */
export const RENDER_PARSE_OPTIONS = { version: '1.1', uniqueKeys: false, prettyErrors: true, customTags: withoutTimestamps } as const;

const schema = new Document(undefined, RENDER_PARSE_OPTIONS).schema;
// What yaml's composer tries, in its order, for an untagged plain scalar (findScalarTagByTest).
const byTest = schema.tags.filter((t): t is ScalarTag => !('collection' in t && t.collection) && t.default !== false && t.test !== undefined);
const resolveOptions = { intAsBigInt: false };

export type PlainValue = string | number | boolean | null;

/**
 * The JS value yaml gives a plain (unquoted) scalar under RENDER_PARSE_OPTIONS, or undefined when
 * resolving it would report an error or yield anything but a primitive (the caller then falls back
 * to the full parser). `atKey`: the scalar is a mapping key (the merge key `<<` only counts there).
 */
export function resolvePlainScalar(source: string, atKey: boolean): PlainValue | undefined {
  const tag = byTest.find((t) => (t.default === true || (atKey && t.default === 'key')) && t.test!.test(source));
  if (tag === undefined) return source;
  if (tag.tag === 'tag:yaml.org,2002:merge') return undefined;
  let failed = false;
  const res = tag.resolve(source, () => { failed = true; }, resolveOptions as never) as unknown;
  if (failed) return undefined;
  const value = isScalar(res) ? res.value : res;
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return undefined;
}
