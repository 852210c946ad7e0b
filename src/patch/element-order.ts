// Element order of a merged list, as apimachinery's strategic merge (`normalizeElementOrder` +
// `mergeSortedSlice`) computes it. The order is user-visible: it decides that Istio's volumes come before
// the user's, that values' imagePullSecrets come first, and that an old env var stays where it was.

/** A merged list element with its identity and its position in the original list (-1 when new). */
export interface OrderEntry<T> {
  value: T;
  id: string | undefined;
  original: number;
}

/**
 * `patchItems`: merged elements whose identity occurs in the patch list (or `$setElementOrder`), whose
 * positions are `orderPos`; `serverOnly`: the other merged elements, in their original order. Returns
 * the interleaving: the head of serverOnly is taken only when both heads have an original position and
 * serverOnly's is smaller; otherwise the head of patchItems.
 */
export function orderMergedEntries<T>(patchItems: OrderEntry<T>[], serverOnly: OrderEntry<T>[], orderPos: Map<string, number>): T[] {
  const rank = (e: OrderEntry<T>) => {
    const p = e.id === undefined ? undefined : orderPos.get(e.id);
    return p === undefined ? Number.MAX_SAFE_INTEGER : p;
  };
  let sorted = true;
  for (let i = 1; i < patchItems.length && sorted; i++) sorted = rank(patchItems[i - 1]) <= rank(patchItems[i]);
  const patch = sorted ? patchItems : patchItems.slice().sort((a, b) => rank(a) - rank(b)); // Array#sort is stable
  const out: T[] = new Array(patch.length + serverOnly.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < serverOnly.length && j < patch.length) {
    const l = serverOnly[i].original;
    const r = patch[j].original;
    out[k++] = l >= 0 && r >= 0 && l < r ? serverOnly[i++].value : patch[j++].value;
  }
  while (i < serverOnly.length) out[k++] = serverOnly[i++].value;
  while (j < patch.length) out[k++] = patch[j++].value;
  return out;
}

/** First position of every identity in a list. */
export function firstPositions(ids: (string | undefined)[]): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (id !== undefined && !m.has(id)) m.set(id, i);
  }
  return m;
}

/**
 * The d.1 order rule over plain values: `order` are the identities of the patch list (or
 * `$setElementOrder`), `originalIds` those of the original list.
 */
export function normalizeElementOrder<T>(
  patchItems: T[],
  serverOnly: T[],
  order: string[],
  originalIds: (string | undefined)[],
  idOf: (item: T) => string | undefined,
): T[] {
  const serverPos = firstPositions(originalIds);
  const entry = (value: T): OrderEntry<T> => {
    const id = idOf(value);
    const p = id === undefined ? undefined : serverPos.get(id);
    return { value, id, original: p === undefined ? -1 : p };
  };
  return orderMergedEntries(patchItems.map(entry), serverOnly.map(entry), firstPositions(order));
}
