// Typed protobuf values for templates: the effective ProxyConfig and the MeshConfig as the Go structs
// protoc-gen-go generates (PascalCase fields, pointer messages, wrapperspb/durationpb, enums that print
// their name, oneofs held in an interface field) with their nil-safe `GetX` getters, built from the
// protobuf-JSON objects the config layer produces. `.ProxyConfig.GetTracing.GetTlsSettings` on an unset
// tracing is then a nil pointer, as on istiod.
import type { FieldSchema, FieldType, MessageSchema } from '../../config/proto-schema.js';
import { parseGoDuration } from '../../config/proto-schema.js';
import { PROXY_CONFIG_SCHEMA } from '../../config/proxy-config-schema.js';
import { GoEnum, GoInt, GoMap, GoPtr, GoSlice, GoStruct, indirect, MAP_STRING_STRING, T, zeroValue, type EnumDef, type GoType, type GoValue, type MethodDef } from '../../gotemplate/value.js';
import { jsonToNode, MARSHAL_JSON_METHOD, type JsonFieldDef, type JsonStructDef } from './go-json.js';

/** Key of a message's backing object that keeps its protobuf-JSON (for protoToJSON); never a Go field name. */
export const PROTO_JSON = '';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const pascal = (camel: string) => camel.charAt(0).toUpperCase() + camel.slice(1);

// ---- well-known types -----------------------------------------------------------------------------

function getter(field: string, type: GoType): MethodDef {
  return {
    params: [],
    result: type,
    call: (recv) => {
      const s = indirect(recv);
      return s instanceof GoStruct ? s.field(field) : zeroValue(type);
    },
  };
}

function wrapperDef(name: string, valueType: GoType): JsonStructDef {
  return {
    name: `wrapperspb.${name}`,
    fields: new Map<string, JsonFieldDef>([['Value', { type: valueType, json: 'value', typed: true, omitempty: true }]]),
    methods: new Map([['GetValue', getter('Value', valueType)], ['MarshalJSON', MARSHAL_JSON_METHOD]]),
  };
}

const WRAPPERS: Record<string, JsonStructDef> = {
  bool: wrapperDef('BoolValue', T.bool),
  int32: wrapperDef('Int32Value', T.int32),
  uint32: wrapperDef('UInt32Value', T.uint32),
  int64: wrapperDef('Int64Value', T.int64),
  double: wrapperDef('DoubleValue', T.float64),
  string: wrapperDef('StringValue', T.string),
};

/** durationpb.Duration {Seconds int64, Nanos int32}. */
export const DURATION: JsonStructDef = {
  name: 'durationpb.Duration',
  fields: new Map<string, JsonFieldDef>([
    ['Seconds', { type: T.int64, json: 'seconds', typed: true, omitempty: true }],
    ['Nanos', { type: T.int32, json: 'nanos', typed: true, omitempty: true }],
  ]),
  methods: new Map([
    ['GetSeconds', getter('Seconds', T.int64)],
    ['GetNanos', getter('Nanos', T.int32)],
    ['MarshalJSON', MARSHAL_JSON_METHOD],
  ]),
};

/** A Duration from its protobuf-JSON text (`"45s"`). */
export function durationValue(text: string): GoStruct {
  const nanos = parseGoDuration(text);
  const seconds = nanos / 1_000_000_000n;
  return new GoStruct(DURATION, { seconds: new GoInt('int64', Number(seconds)), nanos: new GoInt('int32', Number(nanos - seconds * 1_000_000_000n)) });
}

/** A message we do not describe field by field: no fields for templates; marshals as the JSON it came from. */
const OPAQUE_MESSAGE: JsonStructDef = { name: 'struct {}', fields: new Map(), methods: new Map([['MarshalJSON', MARSHAL_JSON_METHOD]]), marshalJSON: (s) => jsonToNode(s.backing[PROTO_JSON]) };

// ---- messages, compiled from the config layer's schemas ---------------------------------------------

interface Kind {
  readonly type: GoType;
  readonly build: (raw: unknown) => GoValue;
}

const messageDefs = new Map<MessageSchema, JsonStructDef>();
const fieldBuilders = new Map<JsonStructDef, Array<(raw: Record<string, unknown>, out: Record<string, GoValue>) => void>>();
const enumDefs = new Map<Record<string, number>, EnumDef>();

function enumDef(values: Record<string, number>, name: string): EnumDef {
  let d = enumDefs.get(values);
  if (!d) {
    d = { name, names: new Map(Object.entries(values).map(([k, v]) => [v, k])), values: new Map(Object.entries(values)) };
    enumDefs.set(values, d);
  }
  return d;
}

function scalarKind(kind: string): Kind {
  switch (kind) {
    case 'string':
      return { type: T.string, build: (raw) => (typeof raw === 'string' ? raw : '') };
    case 'bool':
      return { type: T.bool, build: (raw) => raw === true };
    case 'double':
      return { type: T.float64, build: (raw) => (typeof raw === 'number' ? raw : Number(raw) || 0) };
    case 'duration':
      return { type: T.ptr(T.struct(DURATION)), build: (raw) => new GoPtr(T.struct(DURATION), typeof raw === 'string' ? durationValue(raw) : null) };
    default: {
      const type = kind === 'int32' ? T.int32 : kind === 'uint32' ? T.uint32 : T.int64;
      return { type, build: (raw) => new GoInt(type.kind === 'int' ? type.name : 'int64', Number(raw) || 0) };
    }
  }
}

function kindOf(type: FieldType, owner: string, field: string): Kind {
  if (type === 'any') {
    const t = T.ptr(T.struct(OPAQUE_MESSAGE));
    return { type: t, build: (raw) => new GoPtr(T.struct(OPAQUE_MESSAGE), raw === undefined || raw === null ? null : new GoStruct(OPAQUE_MESSAGE, { [PROTO_JSON]: raw })) };
  }
  if (typeof type === 'string') return scalarKind(type);
  if ('wrapper' in type) {
    const def = WRAPPERS[type.wrapper]!;
    const inner = scalarKind(type.wrapper);
    return { type: T.ptr(T.struct(def)), build: (raw) => new GoPtr(T.struct(def), raw === undefined || raw === null ? null : new GoStruct(def, { value: inner.build(raw) })) };
  }
  if ('enum' in type) {
    const def = enumDef(type.enum, `v1alpha1.${owner}_${pascal(field)}`);
    return { type: T.enum(def), build: (raw) => new GoEnum(def, typeof raw === 'number' ? raw : typeof raw === 'string' ? def.values.get(raw) ?? 0 : 0) };
  }
  if ('message' in type) {
    const def = messageDef(type.message);
    return { type: T.ptr(T.struct(def)), build: (raw) => new GoPtr(T.struct(def), isObject(raw) ? buildMessage(def, raw) : null) };
  }
  if ('map' in type) {
    const elem = kindOf(type.map, owner, field);
    const t = type.map === 'string' ? MAP_STRING_STRING : T.map(elem.type);
    return { type: t, build: (raw) => (isObject(raw) ? GoMap.of(elem.type, Object.entries(raw).map(([k, v]) => [k, elem.build(v)])) : new GoMap(elem.type, null)) };
  }
  const elem = kindOf(type.repeated, owner, field);
  return { type: T.slice(elem.type), build: (raw) => (Array.isArray(raw) ? GoSlice.of(elem.type, raw.map(elem.build)) : new GoSlice(elem.type, null)) };
}

/** Go's struct for a message: one field per non-oneof field, one interface field per oneof, getters for all. */
export function messageDef(schema: MessageSchema): JsonStructDef {
  const known = messageDefs.get(schema);
  if (known) return known;
  const goName = schema.name.replace(/\./g, '_');
  const fields = new Map<string, JsonFieldDef>();
  const methods = new Map<string, MethodDef>([['MarshalJSON', MARSHAL_JSON_METHOD]]);
  const def: JsonStructDef = { name: `v1alpha1.${goName}`, fields, methods };
  messageDefs.set(schema, def);
  const builders: Array<(raw: Record<string, unknown>, out: Record<string, GoValue>) => void> = [];
  const oneofs = new Map<string, FieldSchema[]>();
  for (const f of schema.fields) {
    if (f.oneof) {
      const members = oneofs.get(f.oneof) ?? [];
      members.push(f);
      oneofs.set(f.oneof, members);
      continue;
    }
    const kind = kindOf(f.type, goName, f.name);
    const name = pascal(f.name);
    fields.set(name, { type: kind.type, json: f.name, typed: true, omitempty: true });
    methods.set(`Get${name}`, getter(name, kind.type));
    builders.push((raw, out) => {
      if (Object.prototype.hasOwnProperty.call(raw, f.name)) out[f.name] = kind.build(raw[f.name]);
    });
  }
  for (const [oneof, members] of oneofs) addOneof(def, goName, oneof, members, builders);
  fieldBuilders.set(def, builders);
  return def;
}

/** A oneof: field `Oneof` (interface) holding `*Msg_Member{Member}`; `GetMember` reads through it. */
function addOneof(def: JsonStructDef, goName: string, oneof: string, members: FieldSchema[], builders: Array<(raw: Record<string, unknown>, out: Record<string, GoValue>) => void>): void {
  const fields = def.fields as Map<string, JsonFieldDef>;
  const methods = def.methods as Map<string, MethodDef>;
  const oneofName = pascal(oneof);
  fields.set(oneofName, { type: T.interface, json: oneofName, typed: true, omitempty: true });
  for (const m of members) {
    const kind = kindOf(m.type, goName, m.name);
    const memberName = pascal(m.name);
    const wrapper: JsonStructDef = {
      name: `v1alpha1.${goName}_${memberName}`,
      fields: new Map<string, JsonFieldDef>([[memberName, { type: kind.type, json: m.name, typed: true, omitempty: true }]]),
      methods: new Map([[`Get${memberName}`, getter(memberName, kind.type)]]),
    };
    methods.set(`Get${memberName}`, {
      params: [],
      result: kind.type,
      call: (recv) => {
        const held = indirect(indirect(recv) instanceof GoStruct ? (indirect(recv) as GoStruct).field(oneofName) : null);
        return held instanceof GoStruct && held.def === wrapper ? held.field(memberName) : zeroValue(kind.type);
      },
    });
    builders.push((raw, out) => {
      if (!Object.prototype.hasOwnProperty.call(raw, m.name) || raw[m.name] === null) return;
      out[oneofName] = new GoPtr(T.struct(wrapper), new GoStruct(wrapper, { [m.name]: kind.build(raw[m.name]) }));
    });
  }
}

function buildMessage(def: JsonStructDef, raw: Record<string, unknown>): GoStruct {
  const out: Record<string, GoValue> = Object.create(null);
  for (const build of fieldBuilders.get(def)!) build(raw, out);
  (out as Record<string, unknown>)[PROTO_JSON] = raw;
  return new GoStruct(def, out);
}

/** `*Msg` from its protobuf-JSON (camelCase names, as the config layer keeps them); nil when absent. */
export function protoValue(schema: MessageSchema, json: unknown): GoPtr {
  const def = messageDef(schema);
  return new GoPtr(T.struct(def), isObject(json) ? buildMessage(def, json) : null);
}

/** The protobuf-JSON a typed message was built from (undefined for other values). */
export function protoJsonOf(v: GoValue): Record<string, unknown> | undefined {
  const s = indirect(v);
  if (!(s instanceof GoStruct) || !fieldBuilders.has(s.def as JsonStructDef)) return undefined;
  const raw = s.backing[PROTO_JSON];
  return isObject(raw) ? raw : undefined;
}

export const PROXY_CONFIG_DEF = messageDef(PROXY_CONFIG_SCHEMA);
export { PROXY_CONFIG_SCHEMA };
