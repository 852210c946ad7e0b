// Istio's helpers that convert data: JSON and YAML printing, string maps, durations, omitNil.
import { proxyConfigJson } from '../../config/proxy-config-json.js';
import { goParseDuration, GoDurationError } from '../../gotemplate/go-parse-duration.js';
import { FuncError } from '../../gotemplate/func-def.js';
import { decodeJSON } from '../../gotemplate/json.js';
import { GoInt, GoMap, GoPtr, GoSlice, GoStruct, indirect, T, type GoValue } from '../../gotemplate/value.js';
import { jsonToNode, JsonMarshalError, marshalNode, nodeText, quoteJsonString } from './go-json.js';
import { goDurationString } from './go-duration.js';
import { fieldOf, goTypeName, stringMapArg } from './helper-args.js';
import { DURATION, PROXY_CONFIG_DEF, protoJsonOf } from './proto-types.js';
import { toYamlText } from './to-yaml.js';

export const stringMapValue = (m: Map<string, string> | null): GoMap => (m === null ? new GoMap(T.string, null) : GoMap.of(T.string, m));

function stringMapJson(m: Map<string, string>): string {
  const keys = [...m.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${quoteJsonString(k)}:${quoteJsonString(m.get(k)!)}`).join(',')}}`;
}

/** toJSON m: json.Marshal of a map[string]string; nil is `{}`. */
export function toJSON(m: GoValue): string {
  const sm = stringMapArg('toJSON', m);
  return sm === null ? '{}' : stringMapJson(sm);
}

/** fromJSON s: json.Unmarshal into any; invalid JSON gives the string `{}`. */
export function fromJSON(s: string): GoValue {
  try {
    const v = decodeJSON(s);
    return v === null ? undefined : v;
  } catch {
    return '{}';
  }
}

/** structToJSON v: json.Marshal; nil or a failure gives `{}`. */
export function structToJSON(v: GoValue): string {
  if (v === undefined || v === null) return '{}';
  try {
    return nodeText(marshalNode(v));
  } catch (err) {
    if (err instanceof JsonMarshalError) return '{}';
    throw err;
  }
}

// ProxyConfig texts the pipeline computed already, by the JSON object they print (it does so for every pod).
const knownProxyConfigJson = new WeakMap<object, string>();

/** Remembers that `text` is proxyConfigJson(json), so protoToJSON of the typed ProxyConfig built on `json` reuses it. */
export function rememberProxyConfigJson(json: object, text: string): void {
  knownProxyConfigJson.set(json, text);
}

/**
 * protoToJSON m: istiod's bytes for the typed ProxyConfig (fields equal to the defaults dropped, protojson in
 * .proto order: the project's proxyConfigJson). Other values (JSON maps in hand-written data) print as
 * encoding/json would; nil is `{}`.
 */
export function protoToJSON(v: GoValue): string {
  if (v === undefined || v === null || (v instanceof GoPtr && v.isNil)) return '{}';
  const json = protoJsonOf(v);
  if (json !== undefined) {
    const s = indirect(v) as GoStruct;
    if (s.def !== PROXY_CONFIG_DEF) return nodeText(jsonToNode(json));
    return knownProxyConfigJson.get(json) ?? proxyConfigJson(json as never);
  }
  return structToJSON(v);
}

/** toYaml v: sigs.k8s.io/yaml.Marshal (encoding/json, then go-yaml v2); a failure gives "". */
export function toYaml(v: GoValue): string {
  try {
    return toYamlText(marshalNode(v ?? null));
  } catch (err) {
    if (err instanceof JsonMarshalError) return '';
    throw err;
  }
}

/** omit dict keys...: a copy of a map[string]string without the keys. */
export function omit(args: GoValue[]): GoValue {
  const [dict, ...keys] = args;
  const sm = stringMapArg('omit', dict) ?? new Map<string, string>();
  const drop = new Set(keys as string[]);
  return GoMap.of(T.string, [...sm].filter(([k]) => !drop.has(k)));
}

/** mergeMaps maps...: later maps win; no argument gives a nil map. */
export function mergeMaps(args: GoValue[]): GoMap {
  if (args.length === 0) return new GoMap(T.string, null);
  const maps = args.map((m) => stringMapArg('mergeMaps', m));
  const out = new Map<string, string>();
  for (const m of maps) if (m) for (const [k, v] of m) out.set(k, v);
  return GoMap.of(T.string, out);
}

/** toJsonMap maps...: json.Marshal of mergeMaps (`null` for no argument). */
export function toJsonMap(args: GoValue[]): string {
  const merged = mergeMaps(args);
  return merged.isNil ? 'null' : stringMapJson(new Map(merged.entries() as Array<[string, string]>));
}

/** strdict k v k v ...: a map[string]string; a key without value maps to "". */
export function strdict(args: GoValue[]): GoMap {
  const out = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) out.set(args[i] as string, i + 1 < args.length ? (args[i + 1] as string) : '');
  return GoMap.of(T.string, out);
}

/** formatDuration d: a *durationpb.Duration as Go's time.Duration prints it (also JSON forms: "45s", seconds, {Seconds, Nanos}). */
export function formatDuration(v: GoValue): string {
  const x = indirect(v);
  if (x === undefined || x === null || (x instanceof GoPtr && x.isNil)) return '0s';
  if (x instanceof GoStruct && x.def === DURATION) {
    return goDurationString(BigInt((x.field('Seconds') as GoInt).v) * 1_000_000_000n + BigInt((x.field('Nanos') as GoInt).v));
  }
  if (typeof x === 'string') {
    try {
      return goDurationString(goParseDuration(x));
    } catch (err) {
      if (!(err instanceof GoDurationError)) throw err;
      throw new FuncError(`formatDuration: ${err.message}`);
    }
  }
  if (typeof x === 'number') return goDurationString(BigInt(Math.trunc(x * 1e9)));
  // The JSON form is a map[string]interface{}; a map[string]string (labels, say) is not a Duration.
  if (x instanceof GoMap && x.elem.kind === 'interface') {
    const num = (...keys: string[]): number => {
      for (const k of keys) {
        const f = fieldOf(x, k);
        if (typeof f === 'number') return f;
        if (f instanceof GoInt) return f.v;
      }
      return 0;
    };
    return goDurationString(BigInt(Math.trunc(num('Seconds', 'seconds'))) * 1_000_000_000n + BigInt(Math.trunc(num('Nanos', 'nanos'))));
  }
  throw new FuncError(`formatDuration: expected a Duration; got ${goTypeName(x)}`);
}

/** omitNil v: nil entries removed from map[string]any / []any, recursively; what becomes empty becomes nil. */
export function omitNil(v: GoValue): GoValue {
  const [out] = omitNilInner(v);
  return out === null ? undefined : out;
}

function omitNilInner(v: GoValue): [GoValue, boolean] {
  if (v === undefined || v === null) return [null, true];
  if (v instanceof GoMap && v.elem.kind === 'interface' && !v.isNil) {
    if (!v.entries().some(([, item]) => omitNilInner(item)[1])) return [v, false];
    const kept: Array<[string, GoValue]> = [];
    for (const [k, item] of v.entries()) {
      const f = omitNilInner(item)[0];
      if (f !== null && f !== undefined) kept.push([k, f]);
    }
    return kept.length === 0 ? [null, true] : [GoMap.of(T.interface, kept), true];
  }
  if (v instanceof GoSlice && v.elem.kind === 'interface' && !v.isNil) {
    const items = v.items();
    const first = items.findIndex((item) => omitNilInner(item)[1]);
    if (first < 0) return [v, false];
    const kept = items.slice(0, first);
    for (const item of items.slice(first)) {
      const f = omitNilInner(item)[0];
      if (f !== null && f !== undefined) kept.push(f);
    }
    return kept.length === 0 ? [null, true] : [GoSlice.of(T.interface, kept), true];
  }
  return [v, false];
}
