// Where a field of a parsed document is: the line of the deepest node on a JSON path that exists
// (the key of a map entry, the item of a list), so an error about `metadata.annotations[x]` points at
// the annotation's own line rather than the document's first one.
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Node, Pair } from 'yaml';

/** The source offset of the deepest node on `path` under `root` (undefined when not even the first step exists). */
export function offsetOfPath(root: unknown, path: readonly (string | number)[]): number | undefined {
  let node: unknown = root;
  let offset: number | undefined;
  for (const step of path) {
    if (isAlias(node)) return offset;
    if (isMap(node) && typeof step === 'string') {
      const pair = (node.items as Pair[]).find((p) => isScalar(p.key) && String(p.key.value) === step);
      if (!pair) return offset;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step] as Node | undefined;
      if (!item) return offset;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      return offset;
    }
  }
  return offset;
}
