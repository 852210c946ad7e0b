// The function config: what the KRM functionConfig, a kustomize transformer object or the CLI's
// --config file asks for. Two shapes are accepted:
//  * our typed kind `inject-istio-sidecar.io/v1alpha1` `InjectIstioSidecar`, fields at the top
//    level next to apiVersion/kind/metadata (the way kustomize transformer configs are written;
//    kustomize sends the whole object, with its config.kubernetes.io/function and local-config
//    annotations, which metadata may carry freely). JSON Schema: function-config.schema.json.
//  * a ConfigMap (`kpt fn eval -- key=value`, Kptfile `configMap:`): string `data` keys selector,
//    revision, nativeSidecars ("true"/"false"), compliancePolicy, istioVersion, useInputConfigMaps,
//    injectorConfigFile, valuesFile, meshConfigFile, injectorConfig, values, meshConfig (inline text),
//    namespaces (YAML or JSON text of {namespace: {label: value}}), workloadKinds (YAML/JSON text of
//    the list), istiodEnv (YAML/JSON text of {NAME: value}).
// Every problem becomes an `error` notice naming the field path; the options then hold what was valid.
import { parse } from 'yaml';
import type { Json, JsonObject } from '../k8s/types.js';
import type { ConfigNotice } from './types.js';
import { isObject } from '../k8s/json.js';
import { istioVersionChoices, parseIstioVersion, type IstioVersionKey } from './defaults/istio-versions.js';

export const FUNCTION_CONFIG_API_VERSION = 'inject-istio-sidecar.io/v1alpha1';
export const FUNCTION_CONFIG_KIND = 'InjectIstioSidecar';

/** An Istio document or template given inline (text or parsed object) or by a path relative to the working directory. */
export interface DocumentRef {
  text?: string;
  object?: Json;
  path?: string;
}

export interface WorkloadKind {
  apiVersion: string;
  kind: string;
  podTemplatePath: string;
}

export interface FunctionOptions {
  /** inject: write the sidecars; check: change nothing, fail (error results) where a sidecar is missing or stale. */
  mode: 'inject' | 'check';
  selector: 'webhook' | 'all';
  revision?: string;
  nativeSidecars?: boolean;
  compliancePolicy?: string;
  /** Whose built-in defaults fill what no config gives: '1.28', '1.30' (default) or 'master'. */
  istioVersion?: IstioVersionKey;
  /** istiod's environment as Go templates read it with `env` (never our process environment). */
  istiodEnv?: Record<string, string>;
  /** Labels of namespaces that are not in the input. */
  namespaces: Record<string, Record<string, string>>;
  injectorConfig?: DocumentRef;
  values?: DocumentRef;
  meshConfig?: DocumentRef;
  /** ejs templates by name: `{text}` for inline source, `{path}` for a file. */
  templates: Record<string, DocumentRef>;
  workloadKinds: WorkloadKind[];
  useInputConfigMaps: boolean;
}

export interface ParsedFunctionConfig {
  options: FunctionOptions;
  notices: ConfigNotice[];
}

export function defaultFunctionOptions(): FunctionOptions {
  return { mode: 'inject', selector: 'webhook', namespaces: {}, templates: {}, workloadKinds: [], useInputConfigMaps: true };
}

const describe = (v: Json | undefined): string => (v === null || v === undefined ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : JSON.stringify(v));

class Collector {
  readonly notices: ConfigNotice[] = [];
  error(field: string, message: string): void {
    this.notices.push({ severity: 'error', field, message: `${field}: ${message}` });
  }
  string(v: Json | undefined, field: string): string | undefined {
    if (typeof v === 'string') return v;
    this.error(field, `expected a string, got ${describe(v)}`);
    return undefined;
  }
  boolean(v: Json | undefined, field: string): boolean | undefined {
    if (typeof v === 'boolean') return v;
    this.error(field, `expected a boolean, got ${describe(v)}`);
    return undefined;
  }
}

/** Typed-kind fields, in schema order; the test keeps this list and the JSON Schema in sync. */
export const TYPED_FIELDS = [
  'apiVersion', 'kind', 'metadata', 'mode', 'selector', 'revision', 'nativeSidecars', 'compliancePolicy', 'istioVersion', 'istiodEnv', 'namespaces',
  'injectorConfig', 'injectorConfigFile', 'values', 'valuesFile', 'meshConfig', 'meshConfigFile', 'templates',
  'workloadKinds', 'useInputConfigMaps',
] as const;
export const TEMPLATE_FIELDS = ['ejs', 'file'] as const;
export const WORKLOAD_KIND_FIELDS = ['apiVersion', 'kind', 'podTemplatePath'] as const;
export const CONFIGMAP_KEYS = [
  'mode', 'selector', 'revision', 'nativeSidecars', 'compliancePolicy', 'istioVersion', 'istiodEnv', 'useInputConfigMaps', 'namespaces', 'workloadKinds',
  'injectorConfig', 'injectorConfigFile', 'values', 'valuesFile', 'meshConfig', 'meshConfigFile',
] as const;

const DOCUMENTS = [['injectorConfig', 'injectorConfigFile'], ['values', 'valuesFile'], ['meshConfig', 'meshConfigFile']] as const;

/** `obj` is the functionConfig as parsed JSON (null or absent: all defaults). */
export function parseFunctionConfig(obj: Json | undefined): ParsedFunctionConfig {
  const c = new Collector();
  const options = defaultFunctionOptions();
  if (obj === null || obj === undefined) return { options, notices: c.notices };
  if (!isObject(obj)) {
    c.error('functionConfig', `expected an object, got ${describe(obj)}`);
    return { options, notices: c.notices };
  }
  if (obj.kind === 'ConfigMap' && (obj.apiVersion === 'v1' || obj.apiVersion === undefined)) parseConfigMap(obj, options, c);
  else if (obj.kind === FUNCTION_CONFIG_KIND) {
    if (obj.apiVersion !== FUNCTION_CONFIG_API_VERSION) {
      c.error('apiVersion', `expected ${FUNCTION_CONFIG_API_VERSION}, got ${describe(obj.apiVersion)}`);
    }
    parseTyped(obj, options, c);
  } else {
    c.error('kind', `expected ${FUNCTION_CONFIG_KIND} (apiVersion ${FUNCTION_CONFIG_API_VERSION}) or ConfigMap, got ${describe(obj.kind)}`);
  }
  return { options, notices: c.notices };
}

function parseTyped(obj: JsonObject, options: FunctionOptions, c: Collector): void {
  for (const key of Object.keys(obj)) {
    if (!(TYPED_FIELDS as readonly string[]).includes(key)) c.error(key, `unknown field (known: ${TYPED_FIELDS.slice(3).join(', ')})`);
  }
  if (obj.metadata !== undefined && !isObject(obj.metadata)) c.error('metadata', `expected an object, got ${describe(obj.metadata)}`);
  applyCommon(obj, options, c, '');
  for (const [inline, file] of DOCUMENTS) {
    if (obj[inline] !== undefined && obj[file] !== undefined) {
      c.error(inline, `give either ${inline} or ${file}, not both`);
      continue;
    }
    const v = obj[inline];
    if (v !== undefined) {
      if (typeof v === 'string') options[inline] = { text: v };
      else if (isObject(v)) options[inline] = { object: v };
      else c.error(inline, `expected a string or an object, got ${describe(v)}`);
    }
    if (obj[file] !== undefined) {
      const p = c.string(obj[file], file);
      if (p !== undefined) options[inline] = { path: p };
    }
  }
  if (obj.namespaces !== undefined) options.namespaces = namespaces(obj.namespaces, 'namespaces', c);
  if (obj.istiodEnv !== undefined) options.istiodEnv = istiodEnv(obj.istiodEnv, 'istiodEnv', c);
  if (obj.workloadKinds !== undefined) options.workloadKinds = workloadKinds(obj.workloadKinds, 'workloadKinds', c);
  if (obj.templates !== undefined) {
    if (!isObject(obj.templates)) c.error('templates', `expected a map of name -> {ejs} or {file}, got ${describe(obj.templates)}`);
    else {
      for (const [name, t] of Object.entries(obj.templates)) {
        const field = `templates.${name}`;
        if (!isObject(t)) {
          c.error(field, `expected {ejs: <source>} or {file: <path>}, got ${describe(t)}`);
          continue;
        }
        for (const k of Object.keys(t)) if (!(TEMPLATE_FIELDS as readonly string[]).includes(k)) c.error(`${field}.${k}`, 'unknown field (known: ejs, file)');
        if ((t.ejs === undefined) === (t.file === undefined)) {
          c.error(field, 'give exactly one of ejs (inline source) or file (path)');
          continue;
        }
        if (t.ejs !== undefined) {
          const s = c.string(t.ejs, `${field}.ejs`);
          if (s !== undefined) options.templates[name] = { text: s };
        } else {
          const p = c.string(t.file, `${field}.file`);
          if (p !== undefined) options.templates[name] = { path: p };
        }
      }
    }
  }
}

/** mode, selector, revision, nativeSidecars, compliancePolicy, useInputConfigMaps (already typed values). */
function applyCommon(obj: JsonObject, options: FunctionOptions, c: Collector, prefix: string): void {
  if (obj.mode !== undefined) {
    if (obj.mode === 'inject' || obj.mode === 'check') options.mode = obj.mode;
    else c.error(`${prefix}mode`, `expected "inject" or "check", got ${describe(obj.mode)}`);
  }
  if (obj.selector !== undefined) {
    if (obj.selector === 'webhook' || obj.selector === 'all') options.selector = obj.selector;
    else c.error(`${prefix}selector`, `expected "webhook" or "all", got ${describe(obj.selector)}`);
  }
  if (obj.revision !== undefined) options.revision = c.string(obj.revision, `${prefix}revision`);
  if (obj.compliancePolicy !== undefined) options.compliancePolicy = c.string(obj.compliancePolicy, `${prefix}compliancePolicy`);
  if (obj.nativeSidecars !== undefined) options.nativeSidecars = c.boolean(obj.nativeSidecars, `${prefix}nativeSidecars`);
  if (obj.istioVersion !== undefined) {
    const text = c.string(obj.istioVersion, `${prefix}istioVersion`);
    const key = text === undefined ? undefined : parseIstioVersion(text);
    if (key !== undefined) options.istioVersion = key;
    else if (text !== undefined) c.error(`${prefix}istioVersion`, `unknown Istio version ${JSON.stringify(text)} (built in: ${istioVersionChoices()})`);
  }
  if (obj.useInputConfigMaps !== undefined) {
    const b = c.boolean(obj.useInputConfigMaps, `${prefix}useInputConfigMaps`);
    if (b !== undefined) options.useInputConfigMaps = b;
  }
  for (const k of ['revision', 'compliancePolicy', 'nativeSidecars'] as const) if (options[k] === undefined) delete options[k];
}

function namespaces(v: Json, field: string, c: Collector): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  if (!isObject(v)) {
    c.error(field, `expected a map of namespace -> labels, got ${describe(v)}`);
    return out;
  }
  for (const [ns, labels] of Object.entries(v)) {
    if (!isObject(labels)) {
      c.error(`${field}.${ns}`, `expected a map of label -> value, got ${describe(labels)}`);
      continue;
    }
    const map: Record<string, string> = {};
    for (const [k, x] of Object.entries(labels)) {
      const s = c.string(x, `${field}.${ns}.${k}`);
      if (s !== undefined) map[k] = s;
    }
    out[ns] = map;
  }
  return out;
}

function istiodEnv(v: Json, field: string, c: Collector): Record<string, string> {
  if (!isObject(v)) {
    c.error(field, `expected a map of variable name -> string value, got ${describe(v)}`);
    return {};
  }
  // Own data properties only: a variable named `__proto__` stays a variable.
  const out: Array<[string, string]> = [];
  for (const [k, x] of Object.entries(v)) {
    if (k === '' || k.includes('=')) c.error(`${field}.${k}`, 'not a valid environment variable name');
    else {
      const s = c.string(x, `${field}.${k}`);
      if (s !== undefined) out.push([k, s]);
    }
  }
  return Object.fromEntries(out);
}

function workloadKinds(v: Json, field: string, c: Collector): WorkloadKind[] {
  if (!Array.isArray(v)) {
    c.error(field, `expected a list of {apiVersion, kind, podTemplatePath}, got ${describe(v)}`);
    return [];
  }
  const out: WorkloadKind[] = [];
  v.forEach((item, i) => {
    const at = `${field}[${i}]`;
    if (!isObject(item)) {
      c.error(at, `expected {apiVersion, kind, podTemplatePath}, got ${describe(item)}`);
      return;
    }
    for (const k of Object.keys(item)) if (!(WORKLOAD_KIND_FIELDS as readonly string[]).includes(k)) c.error(`${at}.${k}`, 'unknown field (known: apiVersion, kind, podTemplatePath)');
    const apiVersion = c.string(item.apiVersion, `${at}.apiVersion`);
    const kind = c.string(item.kind, `${at}.kind`);
    const podTemplatePath = c.string(item.podTemplatePath, `${at}.podTemplatePath`);
    if (apiVersion !== undefined && kind !== undefined && podTemplatePath !== undefined) out.push({ apiVersion, kind, podTemplatePath });
  });
  return out;
}

function parseConfigMap(obj: JsonObject, options: FunctionOptions, c: Collector): void {
  if (obj.data === undefined || obj.data === null) return;
  if (!isObject(obj.data)) {
    c.error('data', `expected a map of strings, got ${describe(obj.data)}`);
    return;
  }
  const typed: JsonObject = {};
  for (const [key, raw] of Object.entries(obj.data)) {
    const field = `data.${key}`;
    if (!(CONFIGMAP_KEYS as readonly string[]).includes(key)) {
      c.error(field, `unknown key (known: ${CONFIGMAP_KEYS.join(', ')})`);
      continue;
    }
    const value = c.string(raw, field);
    if (value === undefined) continue;
    switch (key) {
      case 'nativeSidecars':
      case 'useInputConfigMaps':
        if (value === 'true' || value === 'false') typed[key] = value === 'true';
        else c.error(field, `expected "true" or "false", got ${JSON.stringify(value)}`);
        break;
      case 'namespaces':
      case 'istiodEnv':
      case 'workloadKinds': {
        let parsed: Json;
        try {
          parsed = parse(value) as Json;
        } catch (err) {
          c.error(field, `invalid YAML/JSON: ${(err as Error).message.split('\n')[0]}`);
          break;
        }
        if (key === 'namespaces') options.namespaces = namespaces(parsed ?? {}, field, c);
        else if (key === 'istiodEnv') options.istiodEnv = istiodEnv(parsed ?? {}, field, c);
        else options.workloadKinds = workloadKinds(parsed ?? [], field, c);
        break;
      }
      case 'injectorConfig': case 'values': case 'meshConfig':
        if (obj.data[`${key}File`] !== undefined) c.error(field, `give either ${key} or ${key}File, not both`);
        else options[key] = { text: value };
        break;
      case 'injectorConfigFile': case 'valuesFile': case 'meshConfigFile': {
        const inline = key.slice(0, -'File'.length) as 'injectorConfig' | 'values' | 'meshConfig';
        if (obj.data[inline] === undefined) options[inline] = { path: value };
        break;
      }
      default:
        typed[key] = value;
    }
  }
  applyCommon(typed, options, c, 'data.');
}
