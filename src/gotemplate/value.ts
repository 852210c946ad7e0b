// Go values as the template engine sees them: the data model that stands in for Go's reflect.Value.
//
// JavaScript primitives stand for the Go kinds JSON decoding produces, so plain JSON data (istiod's
// `.Values`, the test vectors) costs nothing to wrap:
//   undefined  an invalid reflect.Value ("no value": a missing key of an untyped map, printed `<no value>`)
//   null       a nil interface{} (JSON null, the `nil` constant)
//   string     string        boolean  bool        number  float64
// Everything else is a class instance that carries its Go type, because templates behave differently
// on typed values (`index` of a missing key of a map[string]string is "", an int compares with 3, a nil
// pointer has methods, an enum prints its name).
//
// Maps are keyed by strings only (Istio's data has no other key type). JSON-backed maps, slices and
// structs convert their elements lazily, on first access, so a large `.Values` costs nothing until read.
// Lookups keyed by input text go through Map or own-property checks only.

export * from './go-types.js';
export * from './go-scalars.js';
export { compareStrings } from './go-strings.js';
// typeOf, truthy, indirect: value-ops.ts (they import the classes below; re-exported as part of the model).
export * from './value-ops.js';
import { GoComplex, GoEnum, GoFunc, GoInt } from './go-scalars.js';
import { compareStrings } from './go-strings.js';
import { T, type FieldDef, type GoType, type StructDef } from './go-types.js';

/** map[string]elem. `nil` maps have no entries; a JSON-backed map converts values on first read. */
export class GoMap {
  private cache: Map<string, GoValue> | undefined;
  private sortedKeys: string[] | undefined;
  constructor(
    readonly elem: GoType,
    /** Own enumerable properties are the entries; null for a nil map. */
    private raw: Record<string, unknown> | null,
    /** The raw values are GoValues already (not JSON). */
    private typed = false,
  ) {}
  static of(elem: GoType, entries: Iterable<[string, GoValue]>): GoMap {
    const raw: Record<string, unknown> = Object.create(null);
    for (const [k, v] of entries) raw[k] = v;
    return new GoMap(elem, raw, true);
  }
  get isNil(): boolean {
    return this.raw === null;
  }
  get size(): number {
    if (this.sortedKeys !== undefined) return this.sortedKeys.length;
    return this.raw === null ? 0 : Object.keys(this.raw).length;
  }
  has(key: string): boolean {
    return this.raw !== null && Object.prototype.hasOwnProperty.call(this.raw, key);
  }
  /** The value at key, or `undefined` when absent (callers decide between "no value" and the zero value). */
  get(key: string): GoValue {
    if (!this.has(key)) return undefined;
    if (this.typed) return this.raw![key] as GoValue;
    let c = this.cache;
    if (!c) c = this.cache = new Map();
    if (c.has(key)) return c.get(key);
    const v = fromJSON(this.raw![key], this.elem);
    c.set(key, v);
    return v;
  }
  /** Keys in Go's sorted order (byte order of the UTF-8 strings, which is code point order). */
  keys(): string[] {
    if (this.sortedKeys) return this.sortedKeys;
    const keys = this.raw === null ? [] : Object.keys(this.raw);
    keys.sort(compareStrings);
    return (this.sortedKeys = keys);
  }
  entries(): Array<[string, GoValue]> {
    return this.keys().map((k) => [k, this.get(k)]);
  }
  /**
   * Go's `m[key] = v` (Sprig's `set`, `merge`). Maps are references, so every holder sees the change; a
   * JSON-backed map first copies its entries, so the input data is never written. Throws on a nil map.
   */
  set(key: string, v: GoValue): void {
    this.own()[key] = v;
    this.sortedKeys = undefined;
  }
  /** Go's `delete(m, key)` (a no-op on a nil map or a missing key). */
  delete(key: string): void {
    if (!this.has(key)) return;
    delete this.own()[key];
    this.sortedKeys = undefined;
  }
  private own(): Record<string, unknown> {
    if (this.raw === null) throw new Error('assignment to entry in nil map');
    if (!this.typed) {
      const copy: Record<string, unknown> = Object.create(null);
      for (const k of Object.keys(this.raw)) copy[k] = this.get(k);
      this.raw = copy;
      this.typed = true;
      this.cache = undefined;
    }
    return this.raw;
  }
}

/** []elem (or [N]elem when `array`). `nil` slices have no items. */
export class GoSlice {
  private cache: GoValue[] | undefined;
  /** Converts a raw item on first read (instead of fromJSON); see `lazy`. */
  private convert: ((raw: unknown) => GoValue) | undefined = undefined;
  constructor(
    readonly elem: GoType,
    private readonly raw: readonly unknown[] | null,
    private readonly typed = false,
    readonly array = false,
  ) {}
  static of(elem: GoType, items: GoValue[]): GoSlice {
    return new GoSlice(elem, items, true);
  }
  /** A slice of JSON items that `convert` turns into values of type `elem`, each on first read. */
  static lazy(elem: GoType, raw: readonly unknown[], convert: (raw: unknown) => GoValue): GoSlice {
    const s = new GoSlice(elem, raw);
    s.convert = convert;
    return s;
  }
  get isNil(): boolean {
    return this.raw === null;
  }
  get length(): number {
    return this.raw === null ? 0 : this.raw.length;
  }
  at(i: number): GoValue {
    if (this.raw === null) return undefined;
    if (this.typed) return this.raw[i] as GoValue;
    let cache = this.cache;
    if (cache === undefined) cache = this.cache = new Array<GoValue>(this.raw.length).fill(undefined);
    // A converted item is never undefined (absent and null items convert to nil or zero values).
    let v = cache[i];
    if (v === undefined) v = cache[i] = this.convert !== undefined ? this.convert(this.raw[i]) : fromJSON(this.raw[i], this.elem);
    return v;
  }
  items(): GoValue[] {
    const out: GoValue[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.at(i));
    return out;
  }
}

/** A struct value. Fields come from a backing object, decoded from JSON on first read (or typed already). */
export class GoStruct {
  private cache: Map<string, GoValue> | undefined;
  constructor(
    readonly def: StructDef,
    private readonly raw: Record<string, unknown>,
  ) {}
  hasField(name: string): boolean {
    return this.def.fields.has(name);
  }
  /** The field's value (its Go zero value when the backing object lacks it); `undefined` if no such field. */
  field(name: string): GoValue {
    const f = this.def.fields.get(name);
    return f === undefined ? undefined : this.fieldValue(name, f);
  }
  /** The value of field `name`, whose definition (this.def.fields.get(name)) the caller holds. */
  fieldValue(name: string, f: FieldDef): GoValue {
    let c = this.cache;
    if (c === undefined) c = this.cache = new Map();
    else {
      // Field values are never undefined: a hit is a hit.
      const hit = c.get(name);
      if (hit !== undefined) return hit;
    }
    const key = f.json ?? name;
    const present = Object.prototype.hasOwnProperty.call(this.raw, key);
    const build = f.build;
    const v =
      build !== undefined
        ? present ? build(this.raw[key]) : zeroValue(f.type)
        : f.typed ? (present ? (this.raw[key] as GoValue) : zeroValue(f.type)) : fromJSON(present ? this.raw[key] : undefined, f.type);
    c.set(name, v);
    return v;
  }
  /** The backing object has field `name` (defined as `f`); an absent field reads as its zero value. */
  holds(name: string, f: FieldDef): boolean {
    return Object.prototype.hasOwnProperty.call(this.raw, f.json ?? name);
  }
  /** The backing object, for helpers that want the JSON form back (toJSON of a k8s object). */
  get backing(): Record<string, unknown> {
    return this.raw;
  }
}

/** A pointer. `target === null` is a nil pointer of type *elem. */
export class GoPtr {
  constructor(
    readonly elem: GoType,
    readonly target: GoValue | null,
  ) {}
  get isNil(): boolean {
    return this.target === null;
  }
}

export type GoValue = undefined | null | string | boolean | number | GoInt | GoEnum | GoMap | GoSlice | GoStruct | GoPtr | GoFunc | GoComplex;


/** The Go zero value of a type. */
export function zeroValue(t: GoType): GoValue {
  switch (t.kind) {
    case 'interface':
      return null;
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'float64':
      return 0;
    case 'int':
      return new GoInt(t.name, 0);
    case 'enum':
      return new GoEnum(t.def, 0);
    case 'map':
      return new GoMap(t.elem, null);
    case 'slice':
      return new GoSlice(t.elem, null);
    case 'ptr':
      return new GoPtr(t.elem, null);
    case 'struct':
      return new GoStruct(t.def, Object.create(null));
    case 'func':
      return null;
    case 'complex128':
      return new GoComplex(0, 0);
  }
}

/**
 * Decodes a JSON value into a Go value of type `t`, as encoding/json would (numbers into interface{}
 * become float64; absent or null into a typed field give its zero value / nil).
 * `undefined` (absent) into interface{} stays "absent" only at the map-lookup level; here it is nil.
 */
export function fromJSON(raw: unknown, t: GoType = T.interface): GoValue {
  switch (t.kind) {
    case 'interface':
      if (raw === undefined || raw === null) return null;
      if (typeof raw === 'string' || typeof raw === 'boolean' || typeof raw === 'number') return raw;
      if (Array.isArray(raw)) return new GoSlice(T.interface, raw);
      if (isGoValueObject(raw)) return raw as GoValue;
      return new GoMap(T.interface, raw as Record<string, unknown>);
    case 'string':
      return typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : String(raw);
    case 'bool':
      return raw === true;
    case 'float64':
      return typeof raw === 'number' ? raw : 0;
    case 'int':
      return new GoInt(t.name, typeof raw === 'number' ? Math.trunc(raw) : 0);
    case 'enum': {
      if (typeof raw === 'number') return new GoEnum(t.def, raw);
      if (typeof raw === 'string') return new GoEnum(t.def, t.def.values.get(raw) ?? 0);
      return new GoEnum(t.def, 0);
    }
    case 'map':
      if (raw instanceof GoMap) return raw;
      return new GoMap(t.elem, raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null);
    case 'slice':
      if (raw instanceof GoSlice) return raw;
      return new GoSlice(t.elem, Array.isArray(raw) ? raw : null);
    case 'ptr':
      if (raw instanceof GoPtr) return raw;
      if (raw === undefined || raw === null) return new GoPtr(t.elem, null);
      return new GoPtr(t.elem, fromJSON(raw, t.elem));
    case 'struct':
      if (raw instanceof GoStruct) return raw;
      return new GoStruct(t.def, raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : Object.create(null));
    case 'func':
      return raw instanceof GoFunc ? raw : null;
    case 'complex128':
      return raw instanceof GoComplex ? raw : new GoComplex(typeof raw === 'number' ? raw : 0, 0);
  }
}

function isGoValueObject(v: object): boolean {
  return v instanceof GoInt || v instanceof GoEnum || v instanceof GoMap || v instanceof GoSlice || v instanceof GoStruct || v instanceof GoPtr || v instanceof GoFunc || v instanceof GoComplex;
}

/**
 * The "empty value" of Go libraries that skip or replace empty fields: false, 0, "", nil, and empty
 * maps and slices. encoding/json's omitempty stops at a non-nil pointer; mergo looks through it.
 */
export function isEmptyGoValue(v: GoValue, throughPointers: boolean): boolean {
  if (v === undefined || v === null) return true;
  switch (typeof v) {
    case 'string':
      return v === '';
    case 'boolean':
      return !v;
    case 'number':
      return v === 0;
  }
  if (v instanceof GoInt || v instanceof GoEnum) return v.v === 0;
  if (v instanceof GoMap) return v.size === 0;
  if (v instanceof GoSlice) return v.length === 0;
  if (v instanceof GoPtr) return v.isNil || (throughPointers && isEmptyGoValue(v.target, true));
  return false;
}
