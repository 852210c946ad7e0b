// Go's encoding/json applied to template values: what Istio's structToJSON, toYaml (through
// sigs.k8s.io/yaml) and the typed Kubernetes/proto structs print. Structs print their fields in Go
// declaration order, skip `omitempty` zero values, and may marshal themselves (Quantity, IntOrString).
// The result is an intermediate JSON tree that keeps number text, because YAML tells an int from a
// float by that text.
import { compareStrings, isEmptyGoValue, GoEnum, GoFunc, GoInt, GoMap, GoPtr, GoSlice, GoStruct, T, type FieldDef, type GoValue, type MethodDef, type StructDef } from '../../gotemplate/value.js';

/** A field of a struct this module can marshal: `omitempty` as in its Go tag. */
export interface JsonFieldDef extends FieldDef {
  readonly omitempty?: boolean;
}

/** A struct type that may marshal itself (Go's json.Marshaler), e.g. resource.Quantity. */
export interface JsonStructDef extends StructDef {
  readonly fields: ReadonlyMap<string, JsonFieldDef>;
  readonly marshalJSON?: (s: GoStruct) => JsonNode;
}

/** A number as its JSON text (Go prints ints and floats differently, and YAML reads them back differently). */
export class JsonNumber {
  constructor(readonly text: string) {}
}
export type JsonNode = null | boolean | string | JsonNumber | JsonNode[] | Map<string, JsonNode>;

export class JsonMarshalError extends Error {}

/** encoding/json's text of a float64 (shortest repr, exponent form outside [1e-6, 1e21)). */
export function goFloatJson(n: number): string {
  if (!Number.isFinite(n)) throw new JsonMarshalError(`json: unsupported value: ${n}`);
  if (Object.is(n, -0)) return '-0';
  return String(n); // JS Number→String uses the same thresholds and shortest digits; Go trims e-07 to e-7 too
}

/** Plain JSON (e.g. a backing object of an opaque struct) as a JsonNode; numbers as encoding/json prints float64. */
export function jsonToNode(v: unknown): JsonNode {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return new JsonNumber(goFloatJson(v));
  if (Array.isArray(v)) return v.map(jsonToNode);
  if (typeof v === 'object') {
    const out = new Map<string, JsonNode>();
    for (const k of Object.keys(v).sort(compareStrings)) out.set(k, jsonToNode((v as Record<string, unknown>)[k]));
    return out;
  }
  throw new JsonMarshalError(`json: unsupported type: ${typeof v}`);
}

/** The JSON tree encoding/json produces for a value. */
export function marshalNode(v: GoValue): JsonNode {
  if (v === undefined || v === null) return null;
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      return new JsonNumber(goFloatJson(v));
  }
  if (v instanceof GoInt) return new JsonNumber(v.decimal());
  // Istio's API types marshal through protojson (its jsonshim), where an enum is its name.
  if (v instanceof GoEnum) return v.toString();
  if (v instanceof GoPtr) return v.target === null ? null : marshalNode(v.target);
  if (v instanceof GoMap) {
    if (v.isNil) return null;
    const out = new Map<string, JsonNode>();
    for (const [k, item] of v.entries()) out.set(k, marshalNode(item));
    return out;
  }
  if (v instanceof GoSlice) return v.isNil ? null : v.items().map(marshalNode);
  if (v instanceof GoStruct) return marshalStruct(v);
  if (v instanceof GoFunc) throw new JsonMarshalError(`json: unsupported type: func`);
  throw new JsonMarshalError('json: unsupported value');
}

function marshalStruct(s: GoStruct): JsonNode {
  const def = s.def as JsonStructDef;
  if (def.marshalJSON) return def.marshalJSON(s);
  const out = new Map<string, JsonNode>();
  for (const [name, f] of def.fields) {
    // An absent omitempty field is its zero value, empty for every kind but struct: skipped unread.
    if (f.omitempty && f.type.kind !== 'struct' && f.type.kind !== 'complex128' && !s.holds(name, f)) continue;
    const value = s.fieldValue(name, f);
    if (f.omitempty && isEmptyValue(value)) continue;
    out.set(f.json ?? name, marshalNode(value));
  }
  return out;
}

/** encoding/json's isEmptyValue: false, 0, "", nil pointer/interface, empty map/slice (never a struct). */
export function isEmptyValue(v: GoValue): boolean {
  return isEmptyGoValue(v, false);
}


/** Go's JSON string escaping; `escapeHTML` as json.Marshal (true) or an Encoder with SetEscapeHTML(false). */
export function quoteJsonString(s: string, escapeHTML = true): string {
  const q = JSON.stringify(s);
  if (!(escapeHTML ? HTML_OR_SEPARATOR : SEPARATOR).test(q)) return q;
  const re = escapeHTML ? /[<>&\u2028\u2029]/g : /[\u2028\u2029]/g;
  return q.replace(re, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}
const HTML_OR_SEPARATOR = /[<>&\u2028\u2029]/;
const SEPARATOR = /[\u2028\u2029]/;

/** Compact JSON text of a tree (map keys in the tree's order). */
export function nodeText(n: JsonNode, escapeHTML = true): string {
  if (n === null) return 'null';
  if (typeof n === 'boolean') return n ? 'true' : 'false';
  if (typeof n === 'string') return quoteJsonString(n, escapeHTML);
  if (n instanceof JsonNumber) return n.text;
  if (Array.isArray(n)) return `[${n.map((x) => nodeText(x, escapeHTML)).join(',')}]`;
  const parts: string[] = [];
  for (const [k, v] of n) parts.push(`${quoteJsonString(k, escapeHTML)}:${nodeText(v, escapeHTML)}`);
  return `{${parts.join(',')}}`;
}

/**
 * A `MarshalJSON` method for struct types this module marshals, so that other encoders of template
 * values (Sprig's toJson) print them the same way (omitempty, custom forms).
 */
export const MARSHAL_JSON_METHOD: MethodDef = { params: [], result: T.string, call: (recv) => nodeText(marshalNode(recv)) };

/** json.Marshal(v) as text. */
export function marshalGoJson(v: GoValue): string {
  return nodeText(marshalNode(v));
}
