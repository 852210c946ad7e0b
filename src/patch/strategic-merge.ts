// Strategic merge patch (k8s.io/apimachinery `strategicpatch`) over plain JSON, driven by the Pod patch
// metadata. This is how every template's partial pod lands on the pod, so its list ordering and null
// handling are part of what users see in the output.
import type { Json, JsonObject, PodJson } from '../k8s/types.js';
import { InjectError } from '../errors.js';
import { isObject } from '../k8s/json.js';
import { firstPositions, normalizeElementOrder, orderMergedEntries, type OrderEntry } from './element-order.js';
import { POD_PATCH_META, primitiveId, type FieldMeta, type PatchMeta } from './pod-patch-meta.js';

const DELETE: unique symbol = Symbol('delete');
type Merged<T> = T | typeof DELETE;

const SET_ORDER = '$setElementOrder/';
const DELETE_FROM = '$deleteFromPrimitiveList/';

/**
 * Strategic-merge `patch` (a partial Pod: `{metadata, spec}`) onto `base`. Neither input is mutated; the
 * result shares unchanged subtrees with `base`. Throws InjectError('injection-failed') naming the field
 * for a malformed patch (list element without its merge key, unknown directive, ...).
 */
export function strategicMergePod(base: PodJson, patch: Json): PodJson {
  if (!isObject(patch)) {
    throw new InjectError(`strategic merge: a pod patch must be a mapping with metadata/spec, got ${describe(patch)}`, 'injection-failed');
  }
  const merged = mergeMap(base as unknown as JsonObject, patch, POD_PATCH_META, '');
  const out: JsonObject = merged === DELETE ? {} : merged;
  if (!isObject(out.metadata)) out.metadata = {};
  if (!isObject(out.spec)) out.spec = {};
  return out as unknown as PodJson;
}

/** Strategic merge of two objects with explicit patch metadata (`{}` = plain JSON merge with atomic lists). */
export function strategicMergeObject(base: JsonObject, patch: JsonObject, meta: PatchMeta = {}, where = ''): JsonObject | undefined {
  const merged = mergeMap(base, patch, meta, where);
  return merged === DELETE ? undefined : merged;
}

function mergeMap(orig: JsonObject, patch: JsonObject, meta: PatchMeta | undefined, path: string): Merged<JsonObject> {
  const directive = patch.$patch;
  if (directive !== undefined) {
    if (directive === 'replace') return freshObject(patch, meta, path);
    if (directive === 'delete') return DELETE;
    if (directive !== 'merge') throw badDirective(directive, path);
  }
  const out: JsonObject = { ...orig };
  let retain: string[] | undefined;
  const orders = new Map<string, Json[]>();
  for (const k of Object.keys(patch)) {
    if (k === '$retainKeys') retain = stringList(patch[k], join(path, k));
    else if (k.startsWith(SET_ORDER)) orders.set(k.slice(SET_ORDER.length), listValue(patch[k], join(path, k)));
    else if (k.startsWith(DELETE_FROM)) {
      const field = k.slice(DELETE_FROM.length);
      const doomed = new Set(listValue(patch[k], join(path, k)).map(primitiveId));
      const current = out[field];
      if (Array.isArray(current)) out[field] = current.filter((x) => !doomed.has(primitiveId(x)));
    }
  }
  for (const k of Object.keys(patch)) {
    if (k.startsWith('$')) {
      if (k === '$patch' || k === '$retainKeys' || k.startsWith(SET_ORDER) || k.startsWith(DELETE_FROM)) continue;
      throw new InjectError(`strategic merge: unknown directive ${JSON.stringify(k)} at ${path || 'the top level'}`, 'injection-failed', path || undefined);
    }
    const pv = patch[k];
    const fm = meta?.[k];
    const at = join(path, k);
    if (pv === null) {
      delete out[k];
      continue;
    }
    const ov = Object.prototype.hasOwnProperty.call(out, k) ? out[k] : undefined;
    let v: Merged<Json>;
    if (ov === undefined || ov === null) v = fresh(pv, fm, at);
    else if (isObject(ov) && isObject(pv)) v = mergeMap(ov, pv, fm?.fields, at);
    else if (Array.isArray(ov) && Array.isArray(pv)) v = mergeList(ov, pv, fm, at, orders.get(k));
    else v = fresh(pv, fm, at);
    if (v === DELETE) delete out[k];
    else out[k] = v;
  }
  for (const [field, order] of orders) {
    const current = out[field];
    if (Object.prototype.hasOwnProperty.call(patch, field) || !Array.isArray(current)) continue;
    out[field] = mergeList(current, [], meta?.[field], join(path, field), order);
  }
  if (retain) {
    const keep = new Set(retain);
    for (const k of Object.keys(patch)) {
      if (k.startsWith('$') || patch[k] === null || keep.has(k)) continue;
      throw new InjectError(`strategic merge: field ${JSON.stringify(k)} at ${path || 'the top level'} is set but not listed in $retainKeys`, 'injection-failed', path || undefined);
    }
    for (const k of Object.keys(out)) if (!keep.has(k)) delete out[k];
  }
  return out;
}

function mergeList(orig: Json[], patch: Json[], fm: FieldMeta | undefined, path: string, order?: Json[]): Json[] {
  if (fm?.list === 'primitive') return mergePrimitiveList(orig, patch, order);
  if (fm?.list !== 'keyed' || !fm.key) return freshList(patch, fm, path);
  const idOf = fm.key;
  const keyName = fm.keyName ?? 'name';
  const plain: JsonObject[] = [];
  const deletes = new Set<string>();
  let replace = false;
  patch.forEach((e, i) => {
    if (!isObject(e)) throw new InjectError(`strategic merge: ${path}[${i}] must be a mapping, got ${describe(e)}`, 'injection-failed', path);
    const d = e.$patch;
    if (d === undefined) plain.push(e);
    else if (d === 'delete') deletes.add(requireId(e, idOf, keyName, path, i));
    else if (d === 'replace') replace = true;
    else if (d === 'merge') throw new InjectError(`strategic merge: ${path}[${i}]: "$patch: merge" is not supported inside a list (merging is already the default)`, 'injection-failed', path);
    else throw badDirective(d, `${path}[${i}]`);
  });
  if (replace) return freshList(plain, { ...fm, list: undefined }, path, fm.fields);

  const working = deletes.size === 0 ? orig : orig.filter((e) => !(isObject(e) && deletes.has(idOf(e) ?? '\0')));
  // One entry per merged element, carrying its identity and original position so ordering never
  // recomputes identities (lists of thousands of env vars stay linear).
  const entries: OrderEntry<Json>[] = new Array(working.length);
  const index = new Map<string, number>();
  for (let i = 0; i < working.length; i++) {
    const e = working[i];
    const id = isObject(e) ? idOf(e) : undefined;
    entries[i] = { value: e, id, original: i };
    if (id !== undefined && !index.has(id)) index.set(id, i);
  }
  const patchIds: string[] = new Array(plain.length);
  for (let i = 0; i < plain.length; i++) {
    const e = plain[i];
    const id = requireId(e, idOf, keyName, path, i);
    patchIds[i] = id;
    const pos = index.get(id);
    if (pos !== undefined) {
      const r = mergeMap(entries[pos].value as JsonObject, e, fm.fields, `${path}[${i}]`);
      entries[pos].value = r === DELETE ? {} : r;
    } else {
      const v = freshObject(e, fm.fields, `${path}[${i}]`);
      if (v === DELETE) continue;
      index.set(id, entries.length);
      entries.push({ value: v, id, original: -1 });
    }
  }
  const orderIds = order ? order.map((o, i) => (isObject(o) ? requireId(o, idOf, keyName, `${path} $setElementOrder`, i) : String(o))) : patchIds;
  const orderPos = firstPositions(orderIds);
  const patchItems: OrderEntry<Json>[] = [];
  const serverOnly: OrderEntry<Json>[] = [];
  for (const e of entries) (e.id !== undefined && orderPos.has(e.id) ? patchItems : serverOnly).push(e);
  return orderMergedEntries(patchItems, serverOnly, orderPos);
}

function mergePrimitiveList(orig: Json[], patch: Json[], order?: Json[]): Json[] {
  const seen = new Set<string>();
  const merged: Json[] = [];
  for (const v of [...orig, ...patch]) {
    if (v === null) continue;
    const id = primitiveId(v);
    if (seen.has(id)) continue;
    seen.add(id);
    merged.push(v);
  }
  const orderIds = (order ?? patch).map(primitiveId);
  const inOrder = new Set(orderIds);
  const patchItems = merged.filter((v) => inOrder.has(primitiveId(v)));
  const serverOnly = merged.filter((v) => !inOrder.has(primitiveId(v)));
  return normalizeElementOrder(patchItems, serverOnly, orderIds, orig.map(primitiveId), primitiveId);
}

/** A patch value taken as-is because the base has nothing to merge with: like Go (which discards nulls
 *  from unmatched patch values and drops unknown `$` keys when decoding), no nulls and no directives.
 *  Copy on change: a value with nothing to drop is returned itself, and the result shares it (as it
 *  shares the base's untouched parts; nothing downstream changes a pod in place). */
function fresh(v: Json, fm: FieldMeta | undefined, path: string): Merged<Json> {
  if (v === null) return DELETE;
  if (Array.isArray(v)) return freshList(v, fm, path);
  if (isObject(v)) return freshObject(v, fm?.fields, path);
  return v;
}

function freshObject(v: JsonObject, meta: PatchMeta | undefined, path: string): Merged<JsonObject> {
  const d = v.$patch;
  if (d === 'delete') return DELETE;
  if (d !== undefined && d !== 'replace' && d !== 'merge') throw badDirective(d, path);
  let out: JsonObject | undefined;
  const keys = Object.keys(v);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const x = k.charCodeAt(0) === 36 /* $ */ ? DELETE : fresh(v[k]!, meta?.[k], join(path, k));
    if (out === undefined) {
      if (x === v[k]) continue;
      out = {};
      for (let j = 0; j < i; j++) out[keys[j]!] = v[keys[j]!]!;
    }
    if (x !== DELETE) out[k] = x;
  }
  return out ?? v;
}

function freshList(v: Json[], fm: FieldMeta | undefined, path: string, elementFields?: PatchMeta): Json[] {
  let out: Json[] | undefined;
  const fields = elementFields ?? (fm?.list === 'keyed' ? fm.fields : undefined);
  for (let i = 0; i < v.length; i++) {
    const e = v[i]!;
    const x = isObject(e) ? freshObject(e, fields, `${path}[${i}]`) : fresh(e, undefined, `${path}[${i}]`);
    if (out === undefined) {
      if (x === e) continue;
      out = v.slice(0, i);
    }
    if (x !== DELETE) out.push(x);
  }
  return out ?? v;
}

function requireId(e: JsonObject, idOf: (e: JsonObject) => string | undefined, keyName: string, path: string, i: number): string {
  const id = idOf(e);
  if (id === undefined) {
    throw new InjectError(`strategic merge: ${path}[${i}] has no "${keyName}" (the merge key of that list)`, 'injection-failed', path);
  }
  return id;
}

function stringList(v: Json, path: string): string[] {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
    throw new InjectError(`strategic merge: ${path} must be a list of field names`, 'injection-failed', path);
  }
  return v as string[];
}

function listValue(v: Json, path: string): Json[] {
  if (!Array.isArray(v)) throw new InjectError(`strategic merge: ${path} must be a list, got ${describe(v)}`, 'injection-failed', path);
  return v;
}

function badDirective(d: Json, path: string): InjectError {
  return new InjectError(
    `strategic merge: unknown "$patch: ${typeof d === 'string' ? d : JSON.stringify(d)}" at ${path || 'the top level'} (expected replace, delete or merge)`,
    'injection-failed',
    path || undefined,
  );
}

function join(path: string, k: string): string {
  return path ? `${path}.${k}` : k;
}

function describe(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'a mapping' : `${typeof v} ${JSON.stringify(v)}`;
}
