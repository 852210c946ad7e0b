// Parses the Go template bodies of an injector config, once per distinct (istiod env, name, body):
// a run (or a webhook config reload) parses each body once, never per pod. The function map is Go's
// builtins, then Sprig, then Istio's helpers, as istiod's template.Funcs calls stack them (Istio's
// override Sprig's functions of the same name).
import { builtinFuncs, parseTemplate, type GoTemplate } from '../../gotemplate/index.js';
import { sprigFuncs } from '../../gotemplate/sprig/index.js';
import { mergeFuncMaps, type FuncMap } from '../../gotemplate/func-def.js';
import { istioFuncs } from './istio-funcs.js';

/** A Go template from the injector config, parsed and ready to execute. */
export interface CompiledGoTemplate {
  kind: 'go';
  name: string;
  /** Where the body came from, for messages: the injector config file or ConfigMap. */
  origin: string;
  template: GoTemplate;
}

// Few distinct envs exist in one process (one per config); the caps only guard a long-lived webhook
// whose config keeps changing.
const MAX_FUNC_MAPS = 16;
const MAX_TEMPLATES = 256;
const funcMaps = new Map<string, FuncMap>();
const parsed = new Map<string, GoTemplate>();

function envKey(env: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.entries(env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The function map templates see, for one istiod environment (`env` reads only that map). */
export function templateFuncs(env: Readonly<Record<string, string>>): FuncMap {
  const key = envKey(env);
  let funcs = funcMaps.get(key);
  if (!funcs) {
    if (funcMaps.size >= MAX_FUNC_MAPS) funcMaps.clear();
    funcs = mergeFuncMaps(builtinFuncs(), sprigFuncs(), istioFuncs({ env: new Map(Object.entries(env)) }));
    funcMaps.set(key, funcs);
  }
  return funcs;
}

/** Parses (or reuses) a body; a parse error is the engine's GoTemplateError (Go's message, with the line). */
export function compileGoTemplate(name: string, body: string, origin: string, env: Readonly<Record<string, string>>): CompiledGoTemplate {
  const key = `${envKey(env)}\u0000${name}\u0000${body}`;
  let template = parsed.get(key);
  if (!template) {
    template = parseTemplate(name, body, templateFuncs(env));
    if (parsed.size >= MAX_TEMPLATES) parsed.clear();
    parsed.set(key, template);
  }
  return { kind: 'go', name, origin, template };
}
