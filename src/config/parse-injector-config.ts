// The `config` key of the istio-sidecar-injector ConfigMap (Istio's inject.Config), or an
// istioctl `--injectConfigFile`. Two forms are accepted:
//  * the full config: policy, alwaysInjectSelector, neverInjectSelector, injectedAnnotations,
//    defaultTemplates, aliases, templates {name: Go template body} (and the legacy `template`);
//  * a bare template (the whole file is one partial-pod Go template): istioctl treats it as the
//    `sidecar` template (spec d.6).
// Every Go template body is kept in `goTemplates` by name, as the config gives it: the render layer
// parses each once per run and executes it per pod (src/render/go/). A name the config does not
// carry falls back to our built-in ejs template of the selected Istio version.
import type { Json, JsonObject, V1LabelSelector } from '../k8s/types.js';
import type { ConfigNotice, InjectorConfig } from './types.js';
import { ConfigError } from '../errors.js';
import { readDocument, sourceOf } from './parse-document.js';
import { isObject } from '../k8s/json.js';

export interface ParsedInjectorConfig {
  injector: InjectorConfig;
  notices: ConfigNotice[];
}

const CONFIG_KEYS = ['policy', 'alwaysInjectSelector', 'neverInjectSelector', 'injectedAnnotations', 'defaultTemplates', 'aliases', 'template', 'templates'];

export function parseInjectorConfig(input: string | Json, origin: string): ParsedInjectorConfig {
  let doc: Json;
  try {
    doc = readDocument(sourceOf(input, origin));
  } catch (err) {
    // A bare Go template need not be valid YAML before it is executed (`{{- range }}` lines).
    if (typeof input === 'string' && input.includes('{{')) return bareTemplate(input, origin);
    throw err;
  }
  if (doc === null) return { injector: emptyConfig(), notices: [] };
  if (!isObject(doc)) throw new ConfigError(`${origin}: injector config must be a mapping`, undefined, origin);
  if (!CONFIG_KEYS.some((k) => k in doc) && typeof input === 'string') return bareTemplate(input, origin);

  const notices: ConfigNotice[] = [];
  const fail = (field: string, what: string): never => {
    throw new ConfigError(`${origin}: ${field}: ${what}`, field, origin);
  };
  const injector = emptyConfig();

  if (doc.policy === undefined || doc.policy === null) {
    injector.policy = '';
    notices.push({ severity: 'warning', field: 'policy', message: `${origin}: no policy set; Istio treats a missing policy as illegal and injects no pod by webhook selection (set policy: enabled)` });
  } else if (typeof doc.policy !== 'string') fail('policy', 'expected a string (enabled or disabled)');
  else injector.policy = doc.policy;

  for (const key of ['alwaysInjectSelector', 'neverInjectSelector'] as const) {
    const v = doc[key];
    if (v === undefined || v === null) continue;
    if (!Array.isArray(v) || !v.every(isObject)) fail(key, 'expected a list of label selectors');
    injector[key] = structuredClone(v) as V1LabelSelector[];
  }
  if (doc.injectedAnnotations !== undefined && doc.injectedAnnotations !== null) {
    injector.injectedAnnotations = stringMap(doc.injectedAnnotations, 'injectedAnnotations', fail);
  }
  if (doc.defaultTemplates !== undefined && doc.defaultTemplates !== null) {
    const v = doc.defaultTemplates;
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) fail('defaultTemplates', 'expected a list of template names');
    if ((v as string[]).length > 0) injector.defaultTemplates = v as string[];
  }
  if (doc.aliases !== undefined && doc.aliases !== null) {
    if (!isObject(doc.aliases)) fail('aliases', 'expected a map of name -> list of template names');
    const aliases: Array<[string, string[]]> = [];
    for (const [name, list] of Object.entries(doc.aliases as JsonObject)) {
      if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) fail(`aliases.${name}`, 'expected a list of template names');
      aliases.push([name, list as string[]]);
    }
    injector.aliases = Object.fromEntries(aliases);
  }
  // Built with Object.fromEntries (own data properties): a template named `__proto__` stays data.
  const entries: Array<[string, string]> = [];
  if (doc.templates !== undefined && doc.templates !== null) {
    if (!isObject(doc.templates)) fail('templates', 'expected a map of name -> Go template text');
    for (const [name, body] of Object.entries(doc.templates as JsonObject)) {
      if (typeof body !== 'string') fail(`templates.${name}`, 'expected the template text as a string');
      entries.push([name, body as string]);
    }
  }
  // Pre-1.8 configs carried the sidecar template under `template`; newer charts put a sentinel there.
  // A `templates.sidecar` body wins over it.
  if (doc.template !== undefined && doc.template !== null && typeof doc.template !== 'string') fail('template', 'expected the template text as a string');
  if (typeof doc.template === 'string' && doc.template.trim() !== '' && !entries.some(([n]) => n === 'sidecar') && !isSentinel(doc.template)) {
    entries.push(['sidecar', doc.template]);
  }
  const templates: Record<string, string> = Object.fromEntries(entries);
  injector.goTemplates = templates;
  return { injector, notices };
}

function isSentinel(body: string): boolean {
  // The chart sets `template: "{{ Template_Version_And_Istio_Version_Mismatched_Check_Installation }}"`,
  // which fails on purpose on istiod versions that do not know `templates`.
  return body.includes('Template_Version_And_Istio_Version_Mismatched');
}

function bareTemplate(text: string, origin: string): ParsedInjectorConfig {
  const injector = emptyConfig();
  injector.policy = 'enabled';
  const notices: ConfigNotice[] = [{ severity: 'info', message: `${origin}: a bare template; used as the sidecar template (as istioctl does)` }];
  injector.goTemplates = { sidecar: text };
  return { injector, notices };
}

function stringMap(v: Json, field: string, fail: (f: string, w: string) => never): Record<string, string> {
  if (!isObject(v)) fail(field, 'expected a map of strings');
  const out: Array<[string, string]> = [];
  for (const [k, x] of Object.entries(v as JsonObject)) {
    if (typeof x !== 'string') fail(`${field}.${k}`, `expected a string, got ${JSON.stringify(x)}`);
    out.push([k, x as string]);
  }
  return Object.fromEntries(out);
}

function emptyConfig(): InjectorConfig {
  return { policy: 'enabled', defaultTemplates: ['sidecar'], aliases: {}, neverInjectSelector: [], alwaysInjectSelector: [], injectedAnnotations: {}, goTemplates: {} };
}
