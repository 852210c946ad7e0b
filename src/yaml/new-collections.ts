// Maps and sequences made by update() for new values (json-to-node.ts).
//
// They are lazy: a non-empty one holds (a copy of) its JSON and builds its items (yaml Pairs/Scalars,
// ~10x the memory) only when something reads `items`. They print themselves (print-new-collection.ts)
// from that JSON when they can, so in a large KRM run the injected sidecars never become yaml nodes.
// Walkers that only look at parsed nodes skip them (isNewCollection).
import { Pair, YAMLMap, YAMLSeq, isPair } from 'yaml';
import type { Node } from 'yaml';
import type { Json, JsonObject } from '../k8s/types.js';
import { newScalar } from './json-to-node.js';
import { printDirectly } from './print-new-collection.js';

export type StringifyContext = NonNullable<Parameters<YAMLMap['toString']>[0]>;

type Build = (value: Json | undefined) => Node;

/** The not-yet-built JSON of a new collection, and how to build its children. */
interface Pending {
  json: JsonObject | Json[];
  build: Build;
}

export class NewMap extends YAMLMap {
  constructor() {
    super();
    // `items` is the prototype's accessor (below), which builds pending items on first use.
    delete (this as { items?: unknown }).items;
  }

  override toString(ctx?: StringifyContext, onComment?: () => void, onChompKeep?: () => void): string {
    const direct = ctx ? printDirectly(this, ctx) : undefined;
    return direct ?? super.toString(ctx, onComment, onChompKeep);
  }
}

export class NewSeq extends YAMLSeq {
  constructor() {
    super();
    delete (this as { items?: unknown }).items;
  }

  override toString(ctx?: StringifyContext, onComment?: () => void, onChompKeep?: () => void): string {
    const direct = ctx ? printDirectly(this, ctx) : undefined;
    return direct ?? super.toString(ctx, onComment, onChompKeep);
  }
}

type Lazy = (NewMap | NewSeq) & { _pending?: Pending; _items: unknown[] };

for (const cls of [NewMap, NewSeq]) {
  Object.defineProperty(cls.prototype, 'items', {
    configurable: true,
    enumerable: false,
    get(this: Lazy): unknown[] {
      const pending = this._pending;
      if (pending !== undefined) {
        this._pending = undefined;
        this._items = Array.isArray(pending.json)
          ? Array.from(pending.json, (v) => pending.build(v === undefined ? null : v))
          : definedKeys(pending.json).map((k) => new Pair(newScalar(k), pending.build((pending.json as JsonObject)[k])));
      }
      return this._items;
    },
    set(this: Lazy, items: unknown[]) {
      this._pending = undefined;
      this._items = items;
    },
  });
}

/** A new block collection for `json` (an object or array the caller will not change again). */
export function newCollection(json: JsonObject | Json[], build: Build): NewMap | NewSeq {
  const node = (Array.isArray(json) ? new NewSeq() : new NewMap()) as Lazy;
  if (isEmptyJson(json)) {
    node._items = [];
  } else {
    node._pending = { json, build };
    node._items = [];
    // Non-empty is block style; saying so keeps yaml from reading `items` to decide (stringifyPair).
    node.flow = false;
  }
  return node;
}

export function isNewCollection(node: unknown): node is NewMap | NewSeq {
  return node instanceof NewMap || node instanceof NewSeq;
}

/** How many nodes a walk over `node` would visit: itself and, below it, every item or pair value. */
export function newCollectionSize(node: NewMap | NewSeq): number {
  const pending = (node as Lazy)._pending;
  if (pending !== undefined) return jsonSize(pending.json);
  let n = 1;
  for (const item of node.items) {
    const child = isPair(item) ? item.value : item;
    n += isNewCollection(child) ? newCollectionSize(child) : 1;
  }
  return n;
}

function jsonSize(json: Json | undefined): number {
  if (json === null || typeof json !== 'object') return 1;
  let n = 1;
  if (Array.isArray(json)) for (const v of json) n += jsonSize(v);
  else for (const k of definedKeys(json)) n += jsonSize(json[k]);
  return n;
}

export function definedKeys(json: JsonObject): string[] {
  return Object.keys(json).filter((k) => json[k] !== undefined);
}

export function isEmptyJson(json: JsonObject | Json[]): boolean {
  if (Array.isArray(json)) return json.length === 0;
  for (const k in json) if (Object.prototype.hasOwnProperty.call(json, k) && json[k] !== undefined) return false;
  return true;
}

export function pendingJson(node: NewMap | NewSeq): JsonObject | Json[] | undefined {
  return (node as Lazy)._pending?.json;
}
