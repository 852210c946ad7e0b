// Element order of a merged list, as apimachinery's strategic merge (`normalizeElementOrder` +
// `mergeSortedSlice`) computes it. The order is user-visible: it decides that Istio's volumes come before
// the user's, that values' imagePullSecrets come first, and that an old env var stays where it was.

/**
 * `patchItems`: merged elements whose identity occurs in `order` (the patch list, or `$setElementOrder`);
 * `serverOnly`: the other merged elements, in their original order. `originalIds`: identities of the
 * original list, in order. Returns the interleaving: the head of serverOnly is taken only when both heads
 * have an original position and serverOnly's is smaller; otherwise the head of patchItems.
 */
export function normalizeElementOrder<T>(
  patchItems: T[],
  serverOnly: T[],
  order: string[],
  originalIds: (string | undefined)[],
  idOf: (item: T) => string | undefined,
): T[] {
  const orderPos = firstPositions(order);
  const sortedPatch = stableSortBy(patchItems, (x) => {
    const id = idOf(x);
    const p = id === undefined ? undefined : orderPos.get(id);
    return p === undefined ? Number.MAX_SAFE_INTEGER : p;
  });
  const serverPos = firstPositions(originalIds);
  const pos = (x: T): number => {
    const id = idOf(x);
    const p = id === undefined ? undefined : serverPos.get(id);
    return p === undefined ? -1 : p;
  };
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < sortedPatch.length) {
    if (j >= sortedPatch.length) out.push(serverOnly[i++]);
    else if (i >= serverOnly.length) out.push(sortedPatch[j++]);
    else {
      const li = pos(serverOnly[i]);
      const ri = pos(sortedPatch[j]);
      if (li >= 0 && ri >= 0 && li < ri) out.push(serverOnly[i++]);
      else out.push(sortedPatch[j++]);
    }
  }
  return out;
}

function firstPositions(ids: (string | undefined)[]): Map<string, number> {
  const m = new Map<string, number>();
  ids.forEach((id, i) => {
    if (id !== undefined && !m.has(id)) m.set(id, i);
  });
  return m;
}

function stableSortBy<T>(items: T[], rank: (x: T) => number): T[] {
  const ranked = items.map((x, i) => ({ x, r: rank(x), i }));
  ranked.sort((a, b) => a.r - b.r || a.i - b.i);
  return ranked.map((e) => e.x);
}
