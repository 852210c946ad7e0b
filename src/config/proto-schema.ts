// A small description of the protobuf messages we read from YAML/JSON (ProxyConfig and the parts
// of MeshConfig injection uses), enough to mimic Go's legacy `jsonpb`: accept camelCase or
// snake_case names, enum names or numbers, quoted integers, Go durations ("1m30s"); reject wrong
// types; drop unknown fields (Istio retries a failed strict parse leniently); print fields in
// .proto declaration order with proto3 defaults omitted.
import { goParseDuration, GoDurationError } from '../gotemplate/go-parse-duration.js';
import type { Json, JsonObject } from '../k8s/types.js';
import { hasOwn, ownValue, setOwn } from '../k8s/own-keys.js';

export type FieldType =
  | 'string' | 'int32' | 'uint32' | 'int64' | 'double' | 'bool' | 'duration'
  | { enum: Record<string, number> }
  | { wrapper: 'int32' | 'uint32' | 'int64' | 'bool' | 'double' | 'string' }
  | { message: MessageSchema }
  | { map: FieldType }
  | { repeated: FieldType }
  /** A message we do not describe field by field: kept as given. */
  | 'any';

export interface FieldSchema { name: string; type: FieldType; oneof?: string }
export interface MessageSchema { name: string; fields: FieldSchema[] }

/** A value of the wrong type; `path` is the dotted field path inside the document. */
export class ProtoTypeError extends Error {
  constructor(readonly path: string, message: string) {
    super(`${path}: ${message}`);
  }
}

const snakeToCamel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function describe(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${JSON.stringify(v)}`;
}

const INT_LIMITS: Record<string, [number, number]> = {
  int32: [-(2 ** 31), 2 ** 31 - 1], uint32: [0, 2 ** 32 - 1], int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

function normalizeScalar(kind: string, v: Json, path: string): Json {
  switch (kind) {
    case 'string':
      if (typeof v !== 'string') throw new ProtoTypeError(path, `expected a string, got ${describe(v)}`);
      return v;
    case 'bool':
      if (typeof v !== 'boolean') throw new ProtoTypeError(path, `expected a boolean, got ${describe(v)}`);
      return v;
    case 'double': {
      const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
      if (typeof n !== 'number' || Number.isNaN(n)) throw new ProtoTypeError(path, `expected a number, got ${describe(v)}`);
      return n;
    }
    case 'duration':
      if (typeof v !== 'string') throw new ProtoTypeError(path, `expected a duration string such as "5s", got ${describe(v)}`);
      return formatDuration(parseGoDuration(v, path));
    default: {
      const n = typeof v === 'string' && /^-?[0-9]+$/.test(v.trim()) ? Number(v) : v;
      const [min, max] = INT_LIMITS[kind]!;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
        throw new ProtoTypeError(path, `expected an integer (${kind}), got ${describe(v)}`);
      }
      return n;
    }
  }
}

/** Normalises one field value to canonical protobuf-JSON. */
export function normalizeValue(type: FieldType, v: Json, path: string): Json {
  if (type === 'any') return v;
  if (typeof type === 'string') return normalizeScalar(type, v, path);
  if ('wrapper' in type) return normalizeScalar(type.wrapper, v, path);
  if ('enum' in type) {
    if (typeof v === 'string' && hasOwn(type.enum, v)) return v;
    if (typeof v === 'number') {
      const name = Object.entries(type.enum).find(([, n]) => n === v)?.[0];
      if (name) return name;
    }
    throw new ProtoTypeError(path, `expected one of ${Object.keys(type.enum).join(', ')}, got ${describe(v)}`);
  }
  if ('message' in type) return normalizeMessage(type.message, v, path);
  if ('map' in type) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new ProtoTypeError(path, `expected a map, got ${describe(v)}`);
    const out: JsonObject = {};
    for (const [k, item] of Object.entries(v)) {
      if (item === null) continue;
      setOwn(out, k, normalizeValue(type.map, item, `${path}.${k}`));
    }
    return out;
  }
  if (!Array.isArray(v)) throw new ProtoTypeError(path, `expected a list, got ${describe(v)}`);
  return v.map((item, i) => normalizeValue(type.repeated, item, `${path}[${i}]`));
}

/** Normalises a message: known fields converted (camelCase names), unknown fields dropped, nulls skipped. */
export function normalizeMessage(schema: MessageSchema, v: Json, path: string): JsonObject {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new ProtoTypeError(path, `expected an object (${schema.name}), got ${describe(v)}`);
  }
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(v)) {
    const field = schema.fields.find((f) => f.name === key || f.name === snakeToCamel(key));
    if (!field || item === null) continue;
    if (field.oneof) {
      for (const other of schema.fields) if (other.oneof === field.oneof && other !== field) delete out[other.name];
    }
    out[field.name] = normalizeValue(field.type, item, path ? `${path}.${field.name}` : field.name);
  }
  return out;
}

function isDefault(type: FieldType, v: Json): boolean {
  if (type === 'any') return false;
  if (typeof type === 'string') return type !== 'duration' && (v === '' || v === 0 || v === false);
  if ('enum' in type) return ownValue(type.enum, v as string) === 0;
  if ('map' in type) return Object.keys(v as JsonObject).length === 0;
  if ('repeated' in type) return (v as Json[]).length === 0;
  return false; // messages and wrappers: presence is what counts
}

/** Legacy jsonpb text: declaration order, proto3 defaults omitted (oneof members kept), map keys sorted, compact. */
export function marshalMessage(schema: MessageSchema, msg: JsonObject): string {
  const parts: string[] = [];
  for (const field of schema.fields) {
    const v = msg[field.name];
    if (v === undefined || v === null) continue;
    if (!field.oneof && isDefault(field.type, v)) continue;
    parts.push(`${JSON.stringify(field.name)}:${marshalValue(field.type, v)}`);
  }
  return `{${parts.join(',')}}`;
}

function marshalValue(type: FieldType, v: Json): string {
  if (type === 'any') return marshalAny(v);
  if (typeof type === 'string') return type === 'int64' ? JSON.stringify(String(v)) : JSON.stringify(v);
  if ('wrapper' in type) return type.wrapper === 'int64' ? JSON.stringify(String(v)) : JSON.stringify(v);
  if ('enum' in type) return JSON.stringify(v);
  if ('message' in type) return marshalMessage(type.message, v as JsonObject);
  if ('map' in type) {
    const obj = v as JsonObject;
    return `{${Object.keys(obj).sort().map((k) => `${JSON.stringify(k)}:${marshalValue(type.map, obj[k]!)}`).join(',')}}`;
  }
  return `[${(v as Json[]).map((item) => marshalValue(type.repeated, item)).join(',')}]`;
}

function marshalAny(v: Json): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(marshalAny).join(',')}]`;
  return `{${Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => `${JSON.stringify(snakeToCamel(k))}:${marshalAny(x)}`).join(',')}}`;
}

// ---- durations ---------------------------------------------------------------------------------

/** Go's time.ParseDuration (what legacy jsonpb uses for google.protobuf.Duration), in nanoseconds. */
export function parseGoDuration(text: string, path = 'duration'): bigint {
  try {
    return goParseDuration(text);
  } catch (err) {
    if (!(err instanceof GoDurationError)) throw err;
    throw new ProtoTypeError(path, `invalid duration ${JSON.stringify(text)} (use e.g. "5s", "1m30s", "500ms")`);
  }
}

/** protobuf-JSON Duration text: seconds with 0, 3, 6 or 9 fraction digits ("23s", "1.500s"). */
export function formatDuration(nanos: bigint): string {
  const sign = nanos < 0n ? '-' : '';
  const abs = nanos < 0n ? -nanos : nanos;
  let frac = (abs % 1_000_000_000n).toString().padStart(9, '0');
  const secs = abs / 1_000_000_000n;
  if (frac.endsWith('000')) frac = frac.slice(0, 6);
  if (frac.endsWith('000')) frac = frac.slice(0, 3);
  if (frac === '000') frac = '';
  return `${sign}${secs}${frac ? `.${frac}` : ''}s`;
}

/** Nanoseconds of a canonical duration string produced by formatDuration. */
export function durationNanos(text: string): bigint {
  return parseGoDuration(text);
}
