// Turns the run options into Settings: reads the files they name (relative to the working
// directory), falls back to Istio's own ConfigMaps found in the input, then the built-in defaults.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Json } from '../k8s/types.js';
import type { Settings } from '../config/types.js';
import { buildSettings, findIstioConfigMaps } from '../config/index.js';
import { ConfigError } from '../errors.js';
import { precompileTemplates } from '../render/template-set.js';
import type { DocumentRef, RunOptions } from './run-options.js';

type Source = { text: string; origin: string } | { object: Json; origin: string };

export function loadRunSettings(options: RunOptions, inputDocs: readonly Json[], cwd: string): Settings {
  const fromInput = options.useInputConfigMaps ? findIstioConfigMaps(withListItems(inputDocs), options.revision ?? '') : {};
  const templates: Record<string, { source: string; origin: string }> = {};
  for (const [name, ref] of Object.entries(options.templates)) {
    const src = resolveRef(ref, `templates.${name}`, cwd);
    if (!src) continue;
    templates[name] = { source: 'text' in src ? src.text : String(src.object), origin: src.origin };
  }
  const settings = buildSettings({
    injectorConfig: resolveRef(options.injectorConfig, 'injectorConfig', cwd) ?? inputSource(fromInput.injector?.config, 'ConfigMap istio-sidecar-injector (key config)'),
    values: resolveRef(options.values, 'values', cwd) ?? inputSource(fromInput.injector?.values, 'ConfigMap istio-sidecar-injector (key values)'),
    meshConfig: resolveRef(options.meshConfig, 'meshConfig', cwd) ?? inputSource(fromInput.mesh, 'ConfigMap istio (key mesh)'),
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

function inputSource(text: string | undefined, origin: string): Source | undefined {
  return text === undefined ? undefined : { text, origin };
}

function resolveRef(ref: DocumentRef | undefined, field: string, cwd: string): Source | undefined {
  if (!ref) return undefined;
  if (ref.text !== undefined) return { text: ref.text, origin: field };
  if (ref.object !== undefined) return { object: ref.object, origin: field };
  if (ref.path === undefined) return undefined;
  const file = resolve(cwd, ref.path);
  try {
    return { text: readFileSync(file, 'utf8'), origin: ref.path };
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new ConfigError(`cannot read ${field} file ${ref.path}: ${reason}`, field, ref.path);
  }
}
