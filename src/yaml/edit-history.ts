// What update() changed in a parsed tree, kept so a changed document can be written as its original
// text with only the edited entries replaced (splice-edited-node.ts): for every collection edited in
// place, its entries as they were parsed (the first time it was edited); for every node that replaced
// a parsed one, that original node. Nodes never edited have no record and keep their bytes.
import type { Node, Pair } from 'yaml';

/** A parsed map entry (the pair and the value it had) or a parsed sequence item. */
export type OriginalEntry = { pair: Pair; value: unknown } | { item: unknown };

const originals = new WeakMap<object, readonly OriginalEntry[]>();
const replaced = new WeakMap<object, unknown>();

/** Call before a collection's entries change; only the first call (the parsed state) is kept. */
export function rememberEntries(collection: Node, entries: () => OriginalEntry[]): void {
  if (!originals.has(collection)) originals.set(collection, entries());
}

/** The entries a collection had when parsed, or undefined when it was never edited in place. */
export function originalEntries(collection: unknown): readonly OriginalEntry[] | undefined {
  return collection !== null && typeof collection === 'object' ? originals.get(collection) : undefined;
}

export function wasEdited(node: unknown): boolean {
  return originalEntries(node) !== undefined;
}

export function rememberReplacement(next: object, old: unknown): void {
  if (!replaced.has(next)) replaced.set(next, replaced.get(old as object) ?? old);
}

/** The parsed node `node` took the place of, if any. */
export function replacedNode(node: unknown): unknown {
  return node !== null && typeof node === 'object' ? replaced.get(node) : undefined;
}
