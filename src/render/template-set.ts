// Which template a name refers to, for one Settings: a user ejs template wins over a built-in of the
// same name; Istio Go templates from an injector config are recognised but cannot run.
import type { Settings, TemplateSource } from '../config/types.js';
import { InjectError } from '../errors.js';
import { builtinTemplateSources } from './templates/builtin-sources.generated.js';
import { compileTemplate, type CompiledTemplate } from './compile-template.js';
import { ownValue } from '../k8s/own-keys.js';

/** The built-in ejs templates (sidecar, gateway, grpc-agent, grpc-simple). */
export function builtinTemplates(): Record<string, TemplateSource> {
  const out: Record<string, TemplateSource> = {};
  for (const [name, source] of Object.entries(builtinTemplateSources)) out[name] = { name, source, origin: 'built-in' };
  return out;
}

const perSettings = new WeakMap<Settings, Map<string, CompiledTemplate>>();

/** Names a pod may request, for messages. */
export function availableTemplateNames(settings: Settings): string[] {
  const names = new Set([...Object.keys(settings.templates), ...Object.keys(builtinTemplateSources)]);
  return [...names].sort();
}

/** The compiled template for `name` (compiled at most once per Settings and per source text). */
export function resolveTemplate(settings: Settings, name: string): CompiledTemplate {
  let cache = perSettings.get(settings);
  if (!cache) {
    cache = new Map();
    perSettings.set(settings, cache);
  }
  const hit = cache.get(name);
  if (hit) return hit;
  const builtin = ownValue(builtinTemplateSources, name);
  const source = ownValue(settings.templates, name) ?? (builtin !== undefined
    ? { name, source: builtin, origin: 'built-in' }
    : undefined);
  if (!source) {
    if (settings.injector.goTemplates && Object.prototype.hasOwnProperty.call(settings.injector.goTemplates, name)) {
      throw new InjectError(
        `template "${name}" is a Go template; supply an ejs equivalent (function config \`templates.${name}\` or --template ${name}=FILE.ejs)`,
        'template-not-found',
        name,
      );
    }
    throw new InjectError(`requested template "${name}" not found; have ${availableTemplateNames(settings).join(', ')}`, 'template-not-found', name);
  }
  const compiled = compileTemplate(source);
  cache.set(name, compiled);
  return compiled;
}

/** Compiles every configured and built-in template up front (used at config load to report errors early). */
export function precompileTemplates(settings: Settings): void {
  for (const name of availableTemplateNames(settings)) resolveTemplate(settings, name);
}
