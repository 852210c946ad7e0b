// The JSON view of a YAML node: YAML 1.2 core scalars, merge keys applied, aliases expanded (bounded),
// `__proto__` kept as an ordinary key.
import { isAlias, isCollection, isMap, isScalar, isSeq, isPair } from 'yaml';
import type { Node, Pair, YAMLMap } from 'yaml';
import type { Json, JsonObject } from '../k8s/types.js';
import type { AnchorIndex } from './anchor-index.js';
import { MAX_NESTING_DEPTH } from './yaml-options.js';

/** A structural limit or inconsistency found while converting; the caller adds file/line/document. */
export class YamlStructureError extends Error {
  constructor(message: string, readonly offset?: number) {
    super(message);
    this.name = 'YamlStructureError';
  }
}

export interface JsonBudget {
  /** Nodes that may still be produced by expanding aliases (a billion-laughs bound). */
  aliasNodes: number;
}

/** Budget for one document: generous for real reuse of anchors, far below an exponential blow-up. */
export function aliasBudgetFor(sourceLength: number): JsonBudget {
  return { aliasNodes: 100_000 + 10 * sourceLength };
}

/** A mapping key JSON cannot have: Kubernetes (sigs.k8s.io/yaml) refuses the whole manifest for it. */
export interface NonScalarKey {
  /** 'a list or map' or 'null'. */
  what: string;
  offset?: number;
}

export class JsonConverter {
  private readonly active = new Set<Node>();
  /** The first key of the converted value that is a list, a map or null (the view writes it as a string). */
  nonScalarKey: NonScalarKey | undefined;
  constructor(private readonly anchors: AnchorIndex, private readonly budget: JsonBudget) {}

  toJson(node: unknown): Json {
    return this.convert(node, 0, false);
  }

  private convert(node: unknown, depth: number, viaAlias: boolean): Json {
    if (depth > MAX_NESTING_DEPTH * 2) {
      throw new YamlStructureError(`nested more than ${MAX_NESTING_DEPTH * 2} levels deep (after expanding aliases)`, rangeStart(node));
    }
    if (viaAlias && --this.budget.aliasNodes < 0) {
      throw new YamlStructureError('aliases expand to too many nodes (possible alias bomb)', rangeStart(node));
    }
    if (node === null || node === undefined) return null;
    if (isScalar(node)) return scalarToJson(node.value);
    if (isAlias(node)) {
      const target = this.anchors.resolve(node);
      if (!target) throw new YamlStructureError(`alias *${node.source} has no anchor &${node.source} before it`, rangeStart(node));
      if (this.active.has(target)) throw new YamlStructureError(`alias *${node.source} refers to itself`, rangeStart(node));
      this.active.add(target);
      try {
        return this.convert(target, depth + 1, true);
      } finally {
        this.active.delete(target);
      }
    }
    if (isSeq(node)) {
      const out: Json[] = [];
      for (const item of node.items) out.push(this.convert(item, depth + 1, viaAlias));
      return out;
    }
    if (isMap(node)) return this.mapToJson(node, depth, viaAlias);
    throw new YamlStructureError('unsupported YAML node', rangeStart(node));
  }

  private mapToJson(map: YAMLMap, depth: number, viaAlias: boolean): JsonObject {
    const out: JsonObject = {};
    for (const pair of map.items as Pair[]) {
      if (isMergeKey(pair.key)) {
        for (const source of this.mergeSources(pair.value)) {
          const merged = this.convert(source, depth + 1, viaAlias);
          if (merged === null || typeof merged !== 'object' || Array.isArray(merged)) {
            throw new YamlStructureError('merge key << needs a mapping or a list of mappings', rangeStart(source));
          }
          for (const key of Object.keys(merged)) if (!hasOwn(out, key)) setOwn(out, key, merged[key]);
        }
      } else {
        setOwn(out, this.keyString(pair.key, depth), this.convert(pair.value, depth + 1, viaAlias));
      }
    }
    return out;
  }

  /** The nodes a `<<` value merges, in priority order (first wins). */
  mergeSources(value: unknown): unknown[] {
    const resolved = isAlias(value) ? this.anchors.resolve(value) : value;
    if (isSeq(resolved)) return resolved.items;
    return [value];
  }

  keyString(key: unknown, depth = 0): string {
    if (isScalar(key)) {
      if (key.value === null || key.value === undefined) this.nonScalarKey ??= { what: 'null', offset: rangeStart(key) };
      return scalarKey(key.value);
    }
    if (key === null || key === undefined) {
      this.nonScalarKey ??= { what: 'null' };
      return '';
    }
    const value = this.convert(key, depth + 1, false);
    // An alias to a scalar is that scalar, as a key too.
    if (value !== null && typeof value !== 'object') return scalarKey(value);
    this.nonScalarKey ??= { what: value === null ? 'null' : 'a list or map', offset: isCollection(key) || isAlias(key) ? rangeStart(key) : undefined };
    return JSON.stringify(value);
  }
}

export function isMergeKey(key: unknown): boolean {
  return isScalar(key) && typeof key.value === 'symbol' && key.value.description === '<<';
}

export function scalarToJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'number':
      return value;
    case 'bigint':
      return Number(value);
    default:
      return String(value);
  }
}

function scalarKey(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return String(scalarToJson(value));
}

export function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** Assigns without ever touching a prototype: `__proto__` from YAML is data, not a setter call. */
export function setOwn(obj: JsonObject, key: string, value: Json): void {
  if (key === '__proto__') {
    Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

function rangeStart(node: unknown): number | undefined {
  if (isPair(node)) return rangeStart(node.key);
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
