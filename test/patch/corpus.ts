// Reads Istio's golden corpus (../shared relative to the repo) for the patch tests; absent → undefined.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import type { Json, JsonObject, PodJson } from '../../src/k8s/types.js';

export const CORPUS_DIR = fileURLToPath(new URL('../../../../shared/conformance/istio/inject/', import.meta.url));
export const corpusPresent = existsSync(CORPUS_DIR);

export function corpusFiles(): string[] {
  return corpusPresent ? readdirSync(CORPUS_DIR) : [];
}

const cache = new Map<string, JsonObject[]>();

/** Parsed documents of a corpus file (cached and frozen: tests must not mutate them). */
export function readDocs(file: string): JsonObject[] {
  let docs = cache.get(file);
  if (!docs) {
    docs = deepFreeze(parseDocs(file));
    cache.set(file, docs);
  }
  return docs;
}

function parseDocs(file: string): JsonObject[] {
  const text = readFileSync(CORPUS_DIR + file, 'utf8');
  return parseAllDocuments(text)
    .map((d) => d.toJSON() as Json)
    .filter((d): d is JsonObject => typeof d === 'object' && d !== null && !Array.isArray(d));
}

const isObj = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The pod templates of a document (Pod itself, workload templates, CronJob's job template, List items). */
export function podsOf(doc: JsonObject): PodJson[] {
  if (doc.kind === 'List' && Array.isArray(doc.items)) return doc.items.filter(isObj).flatMap(podsOf);
  if (doc.kind === 'Pod') return [{ metadata: (isObj(doc.metadata) ? doc.metadata : {}) as PodJson['metadata'], spec: (doc.spec ?? {}) as JsonObject }];
  const spec = isObj(doc.spec) ? doc.spec : undefined;
  const template = doc.kind === 'CronJob' && isObj(spec?.jobTemplate) && isObj(spec.jobTemplate.spec) ? spec.jobTemplate.spec.template : spec?.template;
  if (!isObj(template) || !isObj(template.spec)) return [];
  return [{ metadata: (isObj(template.metadata) ? template.metadata : {}) as PodJson['metadata'], spec: template.spec }];
}

/** All pod templates of a corpus file. */
export function corpusPods(file: string): PodJson[] {
  return readDocs(file).flatMap(podsOf);
}

/** Recursively freezes a value so a test fails if a function mutates its input. */
export function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
    Object.freeze(v);
  }
  return v;
}
