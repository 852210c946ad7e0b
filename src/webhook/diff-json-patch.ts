// The RFC 6902 patch from the pod the API server sent to the pod injection made. Both are known,
// so this walks them once, side by side, instead of deep-cloning and comparing (fast-json-patch's
// compare): unchanged subtrees (often the same objects) are skipped, changed scalars become
// `replace`, missing keys `remove`, new keys `add`. Arrays are diffed per index, except that a
// pure insertion or deletion (the sidecar added in front of containers, a volume appended) becomes
// `add`/`remove` at that index when that is the smaller patch.

export interface PatchOperation {
  op: 'add' | 'remove' | 'replace';
  path: string;
  value?: unknown;
}

type JsonObject = Record<string, unknown>;

/** Operations that turn `from` into `to` (both JSON values: no functions, no cycles). */
export function diffJsonPatch(from: unknown, to: unknown): PatchOperation[] {
  const ops: PatchOperation[] = [];
  diffValue(from, to, '', ops);
  return ops;
}

function diffValue(from: unknown, to: unknown, path: string, ops: PatchOperation[]): void {
  if (from === to) return;
  if (Array.isArray(from)) {
    if (Array.isArray(to)) diffArray(from, to, path, ops);
    else ops.push({ op: 'replace', path, value: to });
    return;
  }
  if (isPlainObject(from) && isPlainObject(to)) {
    diffObject(from, to, path, ops);
    return;
  }
  if (!jsonEqual(from, to)) ops.push({ op: 'replace', path, value: to });
}

function diffObject(from: JsonObject, to: JsonObject, path: string, ops: PatchOperation[]): void {
  for (const key in from) {
    if (!Object.prototype.hasOwnProperty.call(from, key)) continue;
    const old = from[key];
    if (old === undefined) continue; // JSON has no undefined: the key is absent
    const child = `${path}/${escapePointer(key)}`;
    if (!Object.prototype.hasOwnProperty.call(to, key) || to[key] === undefined) ops.push({ op: 'remove', path: child });
    else diffValue(old, to[key], child, ops);
  }
  for (const key in to) {
    if (!Object.prototype.hasOwnProperty.call(to, key) || to[key] === undefined) continue;
    if (Object.prototype.hasOwnProperty.call(from, key) && from[key] !== undefined) continue;
    ops.push({ op: 'add', path: `${path}/${escapePointer(key)}`, value: to[key] });
  }
}

function diffArray(from: unknown[], to: unknown[], path: string, ops: PatchOperation[]): void {
  if (from.length !== to.length) {
    const spliced = spliceOps(from, to, path);
    // At the end (a volume appended) the two patches are the same operations; no need to compare.
    if (spliced !== undefined && spliced.atEnd) {
      ops.push(...spliced.ops);
      return;
    }
    if (spliced !== undefined) {
      const perIndex: PatchOperation[] = [];
      diffArrayPerIndex(from, to, path, perIndex);
      // Whichever is smaller on the wire; both are exact.
      ops.push(...(JSON.stringify(spliced.ops).length <= JSON.stringify(perIndex).length ? spliced.ops : perIndex));
      return;
    }
  }
  diffArrayPerIndex(from, to, path, ops);
}

function diffArrayPerIndex(from: unknown[], to: unknown[], path: string, ops: PatchOperation[]): void {
  const common = Math.min(from.length, to.length);
  for (let i = 0; i < common; i++) diffValue(from[i], to[i], `${path}/${i}`, ops);
  // Removing from the end keeps the indices of the remaining removals valid.
  for (let i = from.length - 1; i >= common; i--) ops.push({ op: 'remove', path: `${path}/${i}` });
  for (let i = common; i < to.length; i++) ops.push({ op: 'add', path: `${path}/${i}`, value: to[i] });
}

/** `add`s or `remove`s at one place when `to` is `from` with a run of items inserted or deleted. */
function spliceOps(from: unknown[], to: unknown[], path: string): { ops: PatchOperation[]; atEnd: boolean } | undefined {
  const [shorter, longer] = from.length < to.length ? [from, to] : [to, from];
  let prefix = 0;
  while (prefix < shorter.length && jsonEqual(shorter[prefix], longer[prefix])) prefix++;
  let suffix = 0;
  while (suffix < shorter.length - prefix && jsonEqual(shorter[shorter.length - 1 - suffix], longer[longer.length - 1 - suffix])) suffix++;
  if (prefix + suffix !== shorter.length) return undefined;
  const count = longer.length - shorter.length;
  const ops: PatchOperation[] = [];
  if (to.length > from.length) {
    for (let i = 0; i < count; i++) ops.push({ op: 'add', path: `${path}/${prefix + i}`, value: to[prefix + i] });
  } else {
    for (let i = count - 1; i >= 0; i--) ops.push({ op: 'remove', path: `${path}/${prefix + i}` });
  }
  return { ops, atEnd: prefix === shorter.length };
}

/** Structural equality of JSON values (object key order does not matter; undefined keys are absent). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as JsonObject;
  const bo = b as JsonObject;
  let count = 0;
  for (const key in ao) {
    if (!Object.prototype.hasOwnProperty.call(ao, key) || ao[key] === undefined) continue;
    if (!Object.prototype.hasOwnProperty.call(bo, key) || !jsonEqual(ao[key], bo[key])) return false;
    count++;
  }
  for (const key in bo) if (Object.prototype.hasOwnProperty.call(bo, key) && bo[key] !== undefined) count--;
  return count === 0;
}

function isPlainObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** RFC 6901: `~` and `/` in a key (annotation names have slashes) are escaped. */
function escapePointer(key: string): string {
  if (key.indexOf('~') < 0 && key.indexOf('/') < 0) return key;
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
