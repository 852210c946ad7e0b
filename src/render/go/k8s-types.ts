// Typed Kubernetes values for templates: the pod's metadata and spec as the Go structs of k8s.io/api
// (field names, pointer-ness, int32/int64, map[string]string), built from the pod's JSON. A template
// then behaves as on istiod: `.Spec.SecurityContext` is a nil pointer (false) when absent, an absent
// `.Spec.Containers` is a nil slice, `index .ObjectMeta.Annotations "x"` of a missing key is "".
import { canonicalQuantity } from '../../k8s/quantity.js';
import { GoInt, GoMap, GoPtr, GoSlice, GoStruct, MAP_STRING_STRING, T, zeroValue, type GoType, type GoValue, type MethodDef } from '../../gotemplate/value.js';
import { jsonToNode, JsonNumber, MARSHAL_JSON_METHOD, type JsonFieldDef, type JsonNode, type JsonStructDef } from './go-json.js';
import { goFieldName, K8S_SCHEMA } from './k8s-schema.js';

/** Key of the backing object under which opaque structs keep their JSON (no Go field has an empty name). */
const RAW = '';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function opaque(name: string, marshal: (raw: unknown) => JsonNode, methods?: ReadonlyMap<string, MethodDef>): JsonStructDef {
  const all = new Map(methods ?? []);
  all.set('MarshalJSON', MARSHAL_JSON_METHOD);
  return { name, fields: new Map(), methods: all, marshalJSON: (s) => marshal(s.backing[RAW]) };
}

/** resource.Quantity: prints (String) and marshals as its canonical form (`2000m` -> `2`). */
export const QUANTITY = opaque('resource.Quantity', (raw) => quantityText(raw), new Map([
  ['String', { params: [], result: T.string, call: (recv) => quantityText(backingOf(recv)) }],
]));
/** A type no template reads (a rarely used volume source, a managed-fields entry): marshals as given. */
export const OPAQUE = opaque('struct {}', jsonToNode);
/** metav1.Time: marshals as its RFC 3339 text, or null when unset. */
export const TIME = opaque('v1.Time', (raw) => (typeof raw === 'string' ? raw : null));

function backingOf(v: GoValue): unknown {
  while (v instanceof GoPtr && v.target !== null) v = v.target;
  return v instanceof GoStruct ? v.backing[RAW] : undefined;
}

function quantityText(raw: unknown): string {
  if (typeof raw !== 'string' && typeof raw !== 'number') return '0';
  try {
    return canonicalQuantity(raw);
  } catch {
    return String(raw);
  }
}

/** intstr.IntOrString: a struct {Type, IntVal, StrVal} in Go; marshals as the int or the string. */
export const INT_OR_STRING: JsonStructDef = {
  name: 'intstr.IntOrString',
  fields: new Map<string, JsonFieldDef>([
    ['Type', { type: T.int64, typed: true }],
    ['IntVal', { type: T.int32, typed: true }],
    ['StrVal', { type: T.string, typed: true }],
  ]),
  methods: new Map([
    ['String', { params: [], result: T.string, call: (recv) => intOrStringText(recv) }],
    ['MarshalJSON', MARSHAL_JSON_METHOD],
  ]),
  marshalJSON: (s) => {
    const t = s.field('Type');
    return t instanceof GoInt && t.v === 1 ? (s.field('StrVal') as string) : new JsonNumber(String((s.field('IntVal') as GoInt).v));
  },
};

function intOrStringText(recv: GoValue): string {
  while (recv instanceof GoPtr && recv.target !== null) recv = recv.target;
  if (!(recv instanceof GoStruct)) return '<nil>';
  const t = recv.field('Type');
  return t instanceof GoInt && t.v === 1 ? (recv.field('StrVal') as string) : String((recv.field('IntVal') as GoInt).v);
}

function intOrString(raw: unknown): GoStruct {
  const backing: Record<string, GoValue> = Object.create(null);
  if (typeof raw === 'string') {
    backing.Type = new GoInt('int64', 1);
    backing.StrVal = raw;
  } else if (typeof raw === 'number') {
    backing.IntVal = new GoInt('int32', Math.trunc(raw));
  }
  return new GoStruct(INT_OR_STRING, backing);
}

// ---- the schema, compiled ----------------------------------------------------------------------

/** How one kind of the schema is typed and how its JSON becomes a GoValue. */
interface Kind {
  readonly type: GoType;
  readonly build: (raw: unknown) => GoValue;
}

const defs = new Map<string, JsonStructDef>();
const kinds = new Map<string, Kind>();

function scalar(type: GoType): Kind {
  return {
    type,
    build: (raw) => {
      if (raw === undefined || raw === null) return zeroValue(type);
      switch (type.kind) {
        case 'string':
          return typeof raw === 'string' ? raw : String(raw);
        case 'bool':
          return raw === true;
        case 'int':
          return new GoInt(type.name, typeof raw === 'number' ? Math.trunc(raw) : typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : 0);
        default:
          return zeroValue(type);
      }
    },
  };
}

const quantityValue = (raw: unknown): GoStruct => new GoStruct(QUANTITY, { [RAW]: raw ?? '0' });

function kindOf(spec: string): Kind {
  const known = kinds.get(spec);
  if (known) return known;
  let k: Kind;
  if (spec.startsWith('*')) {
    const elem = kindOf(spec.slice(1));
    const type = T.ptr(elem.type);
    k = { type, build: (raw) => (raw === undefined || raw === null ? new GoPtr(elem.type, null) : new GoPtr(elem.type, elem.build(raw))) };
  } else if (spec.startsWith('[]')) {
    const elem = kindOf(spec.slice(2));
    k = { type: T.slice(elem.type), build: (raw) => (Array.isArray(raw) ? GoSlice.lazy(elem.type, raw, elem.build) : new GoSlice(elem.type, null)) };
  } else if (spec === '{s}') {
    // A JSON-backed map[string]string reads a non-string value as its text, null as "".
    k = { type: MAP_STRING_STRING, build: (raw) => new GoMap(T.string, isObject(raw) ? raw : null) };
  } else if (spec === '{q}') {
    const q = T.struct(QUANTITY);
    k = { type: T.map(q), build: (raw) => (isObject(raw) ? GoMap.of(q, Object.entries(raw).map(([key, v]) => [key, quantityValue(v)])) : new GoMap(q, null)) };
  } else if (spec === 'q') k = { type: T.struct(QUANTITY), build: quantityValue };
  else if (spec === 'ios') k = { type: T.struct(INT_OR_STRING), build: intOrString };
  else if (spec === 'time') k = { type: T.struct(TIME), build: (raw) => new GoStruct(TIME, { [RAW]: raw ?? null }) };
  else if (spec === 'raw') k = { type: T.struct(OPAQUE), build: (raw) => new GoStruct(OPAQUE, { [RAW]: raw ?? {} }) };
  else if (spec === 's') k = scalar(T.string);
  else if (spec === 'b') k = scalar(T.bool);
  else if (spec === 'i32') k = scalar(T.int32);
  else if (spec === 'i64') k = scalar(T.int64);
  else if (Object.prototype.hasOwnProperty.call(K8S_SCHEMA, spec)) {
    const def = structDef(spec);
    k = { type: T.struct(def), build: (raw) => buildStruct(def, raw) };
  } else throw new Error(`k8s schema: unknown kind ${spec}`);
  kinds.set(spec, k);
  return k;
}

/** The StructDef of a schema type (e.g. `v1.Container`). */
export function structDef(name: string): JsonStructDef {
  const known = defs.get(name);
  if (known) return known;
  const fields = new Map<string, JsonFieldDef>();
  const def: JsonStructDef = { name, fields, methods: new Map([['MarshalJSON', MARSHAL_JSON_METHOD]]) };
  defs.set(name, def); // before the fields: types refer to themselves through pointers
  for (const item of K8S_SCHEMA[name]!.split(/\s+/).filter(Boolean)) {
    const [json, rawSpec] = item.split(':') as [string, string];
    const required = rawSpec.endsWith('!');
    const kind = kindOf(required ? rawSpec.slice(0, -1) : rawSpec);
    fields.set(goFieldName(json), { type: kind.type, json, build: kind.build, omitempty: !required });
  }
  return def;
}

const NO_FIELDS: Record<string, unknown> = Object.freeze(Object.create(null) as Record<string, unknown>);

/** The struct over its JSON: each field is converted when a template (or a marshal) first reads it. */
function buildStruct(def: JsonStructDef, raw: unknown): GoStruct {
  return new GoStruct(def, isObject(raw) ? raw : NO_FIELDS);
}

/** A typed value of a schema type from its JSON (e.g. `k8sValue('v1.PodSpec', pod.spec)`). */
export function k8sValue(typeName: string, json: unknown): GoStruct {
  return buildStruct(structDef(typeName), json);
}

export const OBJECT_META = structDef('v1.ObjectMeta');
export const TYPE_META = structDef('v1.TypeMeta');
export const POD_SPEC = structDef('v1.PodSpec');
export const CONTAINER = structDef('v1.Container');
