// update(): bring a YAML node tree to a new JSON value while keeping every node whose value is unchanged,
// so untouched scalars keep their bytes and comments stay where they were.
import { isAlias, isMap, isScalar, isSeq, isCollection, isNode } from 'yaml';
import type { Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import type { Json, JsonObject } from '../k8s/types.js';
import { jsonToNode, newPair } from './json-to-node.js';
import { inheritCommentGap } from './inline-comment-gaps.js';
import { canonicalJson, jsonEqual } from './json-equal.js';
import { hasOwn, isMergeKey, scalarToJson } from './node-to-json.js';
import type { JsonConverter } from './node-to-json.js';
import { isObject } from '../k8s/json.js';
import { rememberEntries, rememberReplacement } from './edit-history.js';

export interface Reconciled {
  node: unknown;
  changed: boolean;
}

export class Reconciler {
  constructor(private readonly json: JsonConverter) {}

  reconcile(node: unknown, next: Json): Reconciled {
    if (isMap(node) && isObject(next)) return this.reconcileMap(node, next);
    if (isSeq(node) && Array.isArray(next)) return this.reconcileSeq(node, next);
    if (isScalar(node) && !isObject(next) && !Array.isArray(next)) {
      if (sameScalar(scalarToJson(node.value), next)) return { node, changed: false };
    } else if (isAlias(node) || node === null || node === undefined) {
      // An alias stays an alias only while its value is exactly what is wanted: never edit the anchor.
      if (jsonEqual(this.json.toJson(node), next)) return { node, changed: false };
    }
    const node2 = replacement(node, next);
    if (node !== null && typeof node === 'object') rememberReplacement(node2, node);
    return { node: node2, changed: true };
  }

  private reconcileMap(map: YAMLMap, next: JsonObject): Reconciled {
    let changed = false;
    const seen = new Set<string>();
    // Called before the first edit: the entries as parsed, for writing only the edited ones.
    const remember = () => rememberEntries(map, () => (map.items as Pair[]).map((pair) => ({ pair, value: pair.value })));
    if (map.items.some((pair) => isMergeKey(pair.key))) {
      const mergedOnly = this.untouchedMergedKeys(map, next);
      if (mergedOnly) {
        for (const key of mergedOnly) seen.add(key);
      } else {
        remember();
        this.inlineMerges(map);
        changed = true;
      }
    }
    const kept: Pair[] = [];
    for (const pair of map.items as Pair[]) {
      if (isMergeKey(pair.key)) {
        kept.push(pair);
        continue;
      }
      const key = this.json.keyString(pair.key);
      seen.add(key);
      if (!hasOwn(next, key) || next[key] === undefined) {
        remember();
        changed = true;
        continue;
      }
      const result = this.reconcile(pair.value, next[key]);
      if (result.changed) {
        remember();
        pair.value = result.node as Node;
        inlineEmptiedSequence(pair);
        changed = true;
      }
      kept.push(pair);
    }
    for (const key of Object.keys(next)) {
      if (seen.has(key) || next[key] === undefined) continue;
      remember();
      kept.push(newPair(key, next[key]));
      changed = true;
    }
    blockIfWasEmpty(map, kept.length);
    map.items = kept;
    return { node: map, changed };
  }

  /** The keys only `<<` provides, when `next` keeps all of them as they are and removes no key that a
   *  merge would then reveal; undefined when the merge has to be written out key by key. */
  private untouchedMergedKeys(map: YAMLMap, next: JsonObject): string[] | undefined {
    const explicit = new Set<string>();
    for (const pair of map.items as Pair[]) if (!isMergeKey(pair.key)) explicit.add(this.json.keyString(pair.key));
    const mergedOnly: string[] = [];
    for (const pair of map.items as Pair[]) {
      if (!isMergeKey(pair.key)) continue;
      for (const source of this.json.mergeSources(pair.value)) {
        const merged = this.json.toJson(source);
        if (!isObject(merged)) return undefined;
        for (const key of Object.keys(merged)) {
          const wanted = hasOwn(next, key) ? next[key] : undefined;
          if (wanted === undefined) return undefined;
          if (explicit.has(key) || mergedOnly.includes(key)) continue;
          if (!jsonEqual(merged[key], wanted)) return undefined;
          mergedOnly.push(key);
        }
      }
    }
    return mergedOnly;
  }

  /** Replace `<<` entries by the keys they contribute, so each key can be edited or removed on its own. */
  private inlineMerges(map: YAMLMap): void {
    const explicit = new Set<string>();
    for (const pair of map.items as Pair[]) if (!isMergeKey(pair.key)) explicit.add(this.json.keyString(pair.key));
    const items: Pair[] = [];
    const added = new Set<string>();
    for (const pair of map.items as Pair[]) {
      if (!isMergeKey(pair.key)) {
        items.push(pair);
        continue;
      }
      for (const source of this.json.mergeSources(pair.value)) {
        const merged = this.json.toJson(source);
        if (!isObject(merged)) continue;
        for (const key of Object.keys(merged)) {
          if (explicit.has(key) || added.has(key)) continue;
          added.add(key);
          items.push(newPair(key, merged[key]));
        }
      }
    }
    map.items = items;
  }

  private reconcileSeq(seq: YAMLSeq, next: Json[]): Reconciled {
    const old = seq.items;
    const oldJson: (Json | undefined)[] = new Array(old.length);
    const jsonAt = (i: number): Json => (oldJson[i] === undefined ? (oldJson[i] = this.json.toJson(old[i])) : oldJson[i]) as Json;
    let byName: Map<string, Candidates> | undefined;
    let byValue: Map<string, Candidates> | undefined;
    const used = new Uint8Array(old.length);
    const take = (index: Map<string, Candidates>, key: string): number => {
      const candidates = index.get(key);
      if (!candidates) return -1;
      while (candidates.next < candidates.list.length) {
        const i = candidates.list[candidates.next++];
        if (!used[i]) return i;
      }
      return -1;
    };

    let changed = next.length !== old.length;
    let wanted: Set<string> | undefined;
    const items: unknown[] = [];
    for (let j = 0; j < next.length; j++) {
      const want = next[j] === undefined ? null : next[j];
      let match = -1;
      const name = isObject(want) && typeof want.name === 'string' ? want.name : undefined;
      if (name !== undefined) {
        byName ??= indexBy(old.length, (i) => {
          const v = jsonAt(i);
          return isObject(v) && typeof v.name === 'string' ? v.name : undefined;
        });
        match = take(byName, name);
      } else {
        byValue ??= indexBy(old.length, (i) => canonicalJson(jsonAt(i)));
        match = take(byValue, canonicalJson(want));
      }
      if (match < 0 && j < old.length && !used[j] && sameShape(jsonAt(j), want)) {
        // Nothing has its name or value: the item at the same place was edited (a rewritten probe, an
        // injected List item), unless a later item still wants it as it is.
        wanted ??= wantedIdentities(next, j);
        const v = jsonAt(j);
        const identity = isObject(v) && typeof v.name === 'string' ? `name:${v.name}` : `value:${canonicalJson(v)}`;
        if (!wanted.has(identity)) match = j;
      }
      if (match < 0) {
        items.push(jsonToNode(want));
        changed = true;
        continue;
      }
      used[match] = 1;
      if (match !== j) changed = true;
      const result = this.reconcile(old[match], want);
      if (result.changed) changed = true;
      items.push(result.node);
    }
    if (changed) rememberEntries(seq, () => old.map((item) => ({ item })));
    blockIfWasEmpty(seq, items.length);
    seq.items = items;
    return { node: seq, changed };
  }
}

/** `[]` and `{}` are flow only because that is how empty is written: once filled, use block style
 *  (inside a flow collection yaml still prints flow, so JSON input stays JSON). */
function blockIfWasEmpty(collection: YAMLMap | YAMLSeq, newSize: number): void {
  if (collection.flow && collection.items.length === 0 && newSize > 0) collection.flow = false;
}

function sameShape(a: Json, b: Json): boolean {
  if (isObject(a) || isObject(b)) return isObject(a) && isObject(b);
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b);
  return true;
}

/** How the items of `next` from index `from` on are matched (by name, else by value). */
function wantedIdentities(next: readonly Json[], from: number): Set<string> {
  const out = new Set<string>();
  for (let i = from; i < next.length; i++) {
    const v = next[i] === undefined ? null : next[i]!;
    out.add(isObject(v) && typeof v.name === 'string' ? `name:${v.name}` : `value:${canonicalJson(v)}`);
  }
  return out;
}

/** Old item indexes with the same identity, in order; `next` is the first not yet considered. */
interface Candidates {
  list: number[];
  next: number;
}

function indexBy(count: number, keyOf: (i: number) => string | undefined): Map<string, Candidates> {
  const index = new Map<string, Candidates>();
  for (let i = 0; i < count; i++) {
    const key = keyOf(i);
    if (key === undefined) continue;
    const candidates = index.get(key);
    if (candidates) candidates.list.push(i);
    else index.set(key, { list: [i], next: 0 });
  }
  return index;
}

/** A new node for `next` that keeps the comments and spacing attached to the node it replaces. */
function replacement(old: unknown, next: Json): Node {
  const node = jsonToNode(next);
  if (isNode(old) && !isAlias(old)) {
    if (old.commentBefore) node.commentBefore = old.commentBefore;
    if (old.comment && !isCollection(node)) {
      node.comment = old.comment;
      inheritCommentGap(node, old);
    }
    if (old.spaceBefore) node.spaceBefore = old.spaceBefore;
  } else if (isAlias(old)) {
    if (old.comment && !isCollection(node)) node.comment = old.comment;
  }
  return node;
}

function sameScalar(a: Json, b: Json): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));
}


/**
 * A block sequence that became empty prints as `[]`; with a blank line or comment before it, yaml puts
 * that `[]` on a line of its own at the key's column when sequences are not indented, which does not
 * parse. The blank line goes and the comment moves above the key, so `key: []` is written on one line.
 */
function inlineEmptiedSequence(pair: Pair): void {
  const value = pair.value as Node | null;
  if (!isSeq(value) || value.items.length > 0 || (!value.spaceBefore && !value.commentBefore)) return;
  value.spaceBefore = undefined;
  if (value.commentBefore && isNode(pair.key)) {
    const key = pair.key as Node;
    key.commentBefore = key.commentBefore ? `${key.commentBefore}\n${value.commentBefore}` : value.commentBefore;
  }
  value.commentBefore = undefined;
}
