// Istio's injection template functions (pkg/kube/inject's InjectionFuncmap), layered over Sprig: they
// replace Sprig's `indent`, `contains`, `omit` and `env`. Parameter types are Istio's Go types where they
// are plain (string, int); helpers that take Kubernetes or protobuf values accept both our typed values
// and the JSON-map form (see helper-args.ts).
import { checkResultSize, FuncError, type FuncDef, type FuncMap } from '../../gotemplate/func-def.js';
import { sprint } from '../../gotemplate/fmt.js';
import { lineCount } from '../../gotemplate/go-strings.js';
import { GoInt, GoMap, GoPtr, GoStruct, indirect, T, type GoType, type GoValue } from '../../gotemplate/value.js';
import { fieldOf, goTypeName, stringMapEntry } from './helper-args.js';
import * as data from './istio-data-funcs.js';
import { applicationPorts, includeInboundPorts, otelResourceAttributes } from './istio-port-funcs.js';

export interface IstioFuncOptions {
  /** istiod's environment as `env` sees it (never the process environment of this tool). */
  env: ReadonlyMap<string, string>;
}

const any = T.interface;
const str = T.string;

function def(params: GoType[], fn: (args: GoValue[]) => GoValue, variadic = false): FuncDef {
  return { params, fn, variadic };
}

/** annotation meta name default: the annotation's value, else fmt.Sprint(default) (so nil gives `<nil>`). */
function annotation(meta: GoValue, name: string, fallback: GoValue): string {
  const m = indirect(meta);
  const ok = m === undefined || m === null || m instanceof GoMap || (m instanceof GoPtr && m.isNil) || (m instanceof GoStruct && m.hasField('Annotations'));
  if (!ok) {
    throw new FuncError(`annotation: expected ObjectMeta (a map with Annotations); got ${goTypeName(m)}`);
  }
  const value = stringMapEntry('annotation', fieldOf(m, 'Annotations') ?? null, name);
  return value ?? sprint([fallback === undefined ? null : fallback]);
}

/** excludeInboundPort port list: `list` with `port` appended unless empty, "0" or already there. */
function excludeInboundPort(port: GoValue, excluded: string): string {
  const p = sprint([port === undefined ? null : port]).trim();
  if (p === '' || p === '0') return excluded;
  const out: string[] = [];
  for (const raw of excluded.split(',')) {
    if (raw === p) return excluded;
    const item = raw.trim();
    if (item) out.push(item);
  }
  out.push(p);
  return out.join(',');
}

/** indent n s: every line but the first prefixed by |n| spaces (Go's `% ns` of "" pads to the width). */
function indent(spaces: number, source: string): string {
  checkResultSize(source.length + Math.abs(spaces) * lineCount(source));
  const pad = ' '.repeat(Math.abs(spaces));
  return source
    .split('\n')
    .map((line, i) => (i === 0 ? line : pad + line))
    .join('\n');
}

/** k8s.io/utils SplitQualifiedName: `ns/name` to [ns, name]; no slash gives ["", s]. */
function splitQualifiedName(s: string): [string, string] {
  const parts = s.split('/');
  return parts.length < 2 ? ['', s] : [parts[0]!, parts[1]!];
}

/** appendMultusNetwork existing network: adds Istio's CNI network to a Multus networks annotation (list or JSON). */
export function appendMultusNetwork(existing: string, network: string): string {
  if (existing === '') return network;
  const close = existing.lastIndexOf(']');
  if (close !== -1) {
    let list: unknown;
    try {
      list = JSON.parse(existing);
    } catch {
      return existing;
    }
    if (!Array.isArray(list) || list.some((n) => n !== null && (typeof n !== 'object' || Array.isArray(n)))) return existing;
    const [ns, name] = splitQualifiedName(network);
    for (const n of list as Array<Record<string, unknown> | null>) {
      const netName = n && Object.prototype.hasOwnProperty.call(n, 'name') ? n.name : undefined;
      const netNs = n && Object.prototype.hasOwnProperty.call(n, 'namespace') && n.namespace !== null ? n.namespace : '';
      if (netName === name && netNs === ns) return existing;
    }
    const entry = ns === '' ? `, {"name": "${name}"}` : `, {"name": "${name}", "namespace": "${ns}"}`;
    return existing.slice(0, close) + entry + existing.slice(close);
  }
  for (const n of existing.split(',')) if (n.trim() === network) return existing;
  return `${existing}, ${network}`;
}

/** path.Split's directory part: everything up to and including the last slash. */
function directory(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}

/** valueOrDefault v d: d when v is "" or nil. */
function valueOrDefault(value: GoValue, fallback: GoValue): GoValue {
  if (value === '' || value === null || value === undefined) return fallback === null ? undefined : fallback;
  return value;
}

/** Istio's template functions; merge them after Sprig's (they win on name clashes). */
export function istioFuncs(opts: IstioFuncOptions): FuncMap {
  const env = opts.env;
  return new Map<string, FuncDef>([
    ['formatDuration', def([any], ([d]) => data.formatDuration(d))],
    ['isset', def([any, str], ([m, key]) => stringMapEntry('isset', m, key as string) !== undefined)],
    ['excludeInboundPort', def([any, str], ([port, list]) => excludeInboundPort(port, list as string))],
    ['includeInboundPorts', def([any], ([c]) => includeInboundPorts(c))],
    ['kubevirtInterfaces', def([str], ([s]) => s)],
    ['excludeInterfaces', def([str], ([s]) => s)],
    ['applicationPorts', def([any], ([c]) => applicationPorts(c))],
    ['annotation', def([any, str, any], ([meta, name, fallback]) => annotation(meta, name as string, fallback))],
    ['valueOrDefault', def([any, any], ([v, d]) => valueOrDefault(v, d))],
    ['toJSON', def([any], ([m]) => data.toJSON(m))],
    ['fromJSON', def([str], ([s]) => data.fromJSON(s as string))],
    ['structToJSON', def([any], ([v]) => data.structToJSON(v))],
    ['protoToJSON', def([any], ([v]) => data.protoToJSON(v))],
    ['toYaml', def([any], ([v]) => data.toYaml(v))],
    ['indent', def([T.int, str], ([n, s]) => indent(intArg(n), s as string))],
    ['directory', def([str], ([p]) => directory(p as string))],
    ['contains', def([str, str], ([needle, haystack]) => (haystack as string).includes(needle as string))],
    ['toLower', def([str], ([s]) => (s as string).toLowerCase())],
    ['appendMultusNetwork', def([str, str], ([e, n]) => appendMultusNetwork(e as string, n as string))],
    ['env', def([str, str], ([key, fallback]) => envValue(env, key as string, fallback as string))],
    ['omit', def([any, str], data.omit, true)],
    ['strdict', def([str], data.strdict, true)],
    ['toJsonMap', def([any], data.toJsonMap, true)],
    ['mergeMaps', def([any], data.mergeMaps, true)],
    ['omitNil', def([any], ([v]) => data.omitNil(v))],
    ['otelResourceAttributes', def([any, any, any, str, any], otelResourceAttributes)],
  ]);
}

function intArg(v: GoValue): number {
  const x = indirect(v);
  if (typeof x === 'number') return Math.trunc(x);
  return x instanceof GoInt ? x.v : 0;
}

function envValue(env: ReadonlyMap<string, string>, key: string, fallback: string): string {
  const v = env.get(key);
  return v === undefined || v === '' ? fallback : v;
}
