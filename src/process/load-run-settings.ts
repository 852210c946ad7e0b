// Turns the run options into Settings: reads the files they name (relative to the working
// directory), falls back to Istio's own ConfigMaps found in the input, then the built-in defaults.
import { resolve } from 'node:path';
import type { Json } from '../k8s/types.js';
import type { Settings } from '../config/types.js';
import { buildSettings, findIstioConfigMaps } from '../config/index.js';
import { ConfigError } from '../errors.js';
import { precompileTemplates } from '../render/template-set.js';
import type { DocumentRef, RunOptions } from './run-options.js';
import { confinedPath, PathRefusedError } from '../files/confined-path.js';
import { readFileBounded } from '../files/read-bounded.js';
import { DEFAULT_LIMITS, InputTooLargeError, type InputLimits } from '../files/input-limits.js';
import { setOwn } from '../k8s/own-keys.js';
import { locateConfigMapKey, type LocateInput } from './locate-config-map.js';

type Source = { text: string; origin: string } | { object: Json; origin: string };

/** `locate` names where an input document's field is, for errors in the Istio ConfigMaps of the input. */
export function loadRunSettings(options: RunOptions, inputDocs: readonly Json[], cwd: string, limits: InputLimits = DEFAULT_LIMITS, locate?: LocateInput): Settings {
  const fromInput = options.useInputConfigMaps ? findIstioConfigMaps(withListItems(inputDocs), options.revision ?? '') : {};
  const templates: Record<string, { source: string; origin: string }> = {};
  for (const [name, ref] of Object.entries(options.templates)) {
    const src = resolveRef(ref, `templates.${name}`, cwd, limits);
    if (!src) continue;
    setOwn(templates, name, { source: 'text' in src ? src.text : String(src.object), origin: src.origin });
  }
  const fromConfigMaps: { origin: string; key: string; text: string }[] = [];
  const inputSource = (text: string | undefined, origin: string, key: string): Source | undefined => {
    if (text === undefined) return undefined;
    fromConfigMaps.push({ origin, key, text });
    return { text, origin };
  };
  const input = {
    injectorConfig: resolveRef(options.injectorConfig, 'injectorConfig', cwd, limits) ?? inputSource(fromInput.injector?.config, 'ConfigMap istio-sidecar-injector (key config)', 'config'),
    values: resolveRef(options.values, 'values', cwd, limits) ?? inputSource(fromInput.injector?.values, 'ConfigMap istio-sidecar-injector (key values)', 'values'),
    meshConfig: resolveRef(options.meshConfig, 'meshConfig', cwd, limits) ?? inputSource(fromInput.mesh, 'ConfigMap istio (key mesh)', 'mesh'),
  };
  try {
    return buildAndCompile(options, input, templates);
  } catch (err) {
    const from = err instanceof ConfigError ? fromConfigMaps.find((c) => c.origin === err.file || err.message.startsWith(`${c.origin}:`)) : undefined;
    if (!from) throw err;
    // Name the input file (and the line of the ConfigMap's key), not the ConfigMap's name as if it were a file.
    const at = locate && locateConfigMapKey(inputDocs, from.key, from.text, locate);
    const where = at?.file !== undefined && at.line !== undefined ? `${at.file}:${at.line}: ` : '';
    throw new ConfigError(`${where}${(err as ConfigError).message}`, (err as ConfigError).field, at?.file);
  }
}

function buildAndCompile(
  options: RunOptions,
  input: { injectorConfig?: Source; values?: Source; meshConfig?: Source },
  templates: Record<string, { source: string; origin: string }>,
): Settings {
  const settings = buildSettings({
    ...input,
    templates,
    revision: options.revision,
    nativeSidecars: options.nativeSidecars,
    compliancePolicy: options.compliancePolicy,
    istioVersion: options.istioVersion,
    istiodEnv: options.istiodEnv,
  });
  // Every template body is parsed now: a broken one fails the run before any workload is touched.
  precompileTemplates(settings);
  return settings;
}

/** The documents plus the items of `v1` Lists, which is what `kubectl get cm a b -o yaml` returns. */
function withListItems(docs: readonly Json[]): Json[] {
  const out: Json[] = [];
  const visit = (doc: Json) => {
    out.push(doc);
    if (typeof doc === 'object' && doc !== null && !Array.isArray(doc) && doc.kind === 'List' && Array.isArray(doc.items)) {
      for (const item of doc.items) visit(item);
    }
  };
  for (const doc of docs) visit(doc);
  return out;
}

function resolveRef(ref: DocumentRef | undefined, field: string, cwd: string, limits: InputLimits): Source | undefined {
  if (!ref) return undefined;
  if (ref.text !== undefined) return { text: ref.text, origin: field };
  if (ref.object !== undefined) return { object: ref.object, origin: field };
  if (ref.path === undefined) return undefined;
  try {
    // A path from the function config (the repository) stays inside the working directory.
    const file = ref.trusted ? resolve(cwd, ref.path) : confinedPath(cwd, ref.path);
    return { text: readFileBounded(file, limits.maxInputBytes, ref.path), origin: ref.path };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = err instanceof PathRefusedError || err instanceof InputTooLargeError
      ? err.message.slice(ref.path.length + 2)
      : code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (err as Error).message;
    throw new ConfigError(`cannot read ${field} file ${ref.path}: ${reason}`, field, ref.path);
  }
}
