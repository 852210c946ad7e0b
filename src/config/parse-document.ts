// Reads one Istio configuration document (YAML or JSON text, or an already parsed object) into
// plain JSON. Istio reads these documents with go-yaml v2, i.e. YAML 1.1 scalars (`yes`/`on` are
// booleans), so we do too; timestamps stay strings as they do for Go's untyped decode.
import { isCollection, isScalar, parseAllDocuments, visit, type Node, type Tags } from 'yaml';
import type { Json, JsonObject } from '../k8s/types.js';
import { ConfigError } from '../errors.js';

export type DocumentSource = { text: string; origin: string } | { object: Json; origin: string };

const withoutTimestamps = (tags: Tags): Tags => tags.filter((t) => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:timestamp');

/** Parses YAML/JSON text; throws ConfigError naming the origin and line. Empty text gives null. */
export function parseYamlText(text: string, origin: string): Json {
  const docs = parseAllDocuments(text, { version: '1.1', customTags: withoutTimestamps, uniqueKeys: false, prettyErrors: true });
  if (!Array.isArray(docs)) return null;
  const real = docs.filter((d) => d.contents !== null || d.errors.length > 0);
  if (real.length > 1) throw new ConfigError(`${origin}: expected one YAML document, found ${real.length}`, undefined, origin);
  const doc = real[0];
  if (!doc) return null;
  const err = doc.errors[0];
  if (err) {
    const where = err.linePos ? `:${err.linePos[0].line}:${err.linePos[0].col}` : '';
    const firstLine = err.message.split('\n')[0];
    throw new ConfigError(`${origin}${where}: invalid YAML: ${firstLine}`, undefined, origin);
  }
  const badKey = nonScalarKey(doc);
  if (badKey !== undefined) {
    const where = badKey.offset === undefined ? '' : `:${lineCol(text, badKey.offset)}`;
    throw new ConfigError(
      `${origin}${where}: invalid YAML: a mapping key must be a string, number or boolean, not ${badKey.what} (Istio reads this document as JSON)`,
      undefined,
      origin,
    );
  }
  try {
    return doc.toJS({ maxAliasCount: 1000 }) as Json;
  } catch (e) {
    // yaml refuses alias bombs ("Excessive alias count") and bad merge keys (`<<: 5`) only when it builds
    // the value; that is bad input, not a bug.
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    const hint = /alias count/i.test(message) ? 'aliases expand to too many nodes' : message;
    throw new ConfigError(`${origin}: invalid YAML: ${hint}`, undefined, origin);
  }
}

/**
 * The first mapping key Go's YAML-to-JSON conversion refuses (sigs.k8s.io/yaml: "Unsupported map key"):
 * a list or map as key, or null. yaml would turn it into a string (and print a warning of its own).
 */
export function nonScalarKey(doc: Parameters<typeof visit>[0]): { what: string; offset?: number } | undefined {
  let found: { what: string; offset?: number } | undefined;
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key as Node | null;
      if (isCollection(key)) found = { what: 'a list or map', offset: key.range?.[0] };
      else if (key === null || (isScalar(key) && key.value === null)) found = { what: 'null', offset: (key ?? (pair.value as Node | null))?.range?.[0] };
      return found ? visit.BREAK : undefined;
    },
  });
  return found;
}

export function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}:${offset - before.lastIndexOf('\n')}`;
}

/** A document handed over as text (YAML/JSON) or as an already parsed value. */
export function sourceOf(input: string | Json, origin: string): DocumentSource {
  return typeof input === 'string' ? { text: input, origin } : { object: input, origin };
}

/** The document as JSON: text is parsed, objects are used as they are (deep-copied). */
export function readDocument(source: DocumentSource): Json {
  if ('text' in source) return parseYamlText(source.text, source.origin);
  return structuredClone(source.object);
}

/** Like readDocument, but the result must be a mapping (an empty document counts as `{}`). */
export function readObjectDocument(source: DocumentSource, what: string): JsonObject {
  const v = readDocument(source);
  if (v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) {
    throw new ConfigError(`${source.origin}: ${what} must be a mapping, got ${Array.isArray(v) ? 'a list' : typeof v}`, undefined, source.origin);
  }
  return v;
}

