// Which template a name refers to, for one Settings, in this order:
//   1. a user ejs template of that name (`--template NAME=FILE.ejs`, function config `templates`);
//   2. a Go template body of the effective injector config (file, function config or the input's
//      istio-sidecar-injector ConfigMap, per revision): the cluster's own template, rendered by our Go
//      template engine (go/);
//   3. the built-in ejs template of the selected Istio version.
// Each template is compiled/parsed at most once per Settings; precompileTemplates does it at config
// load so a broken body is reported before any workload is touched.
import type { Settings, TemplateSource } from '../config/types.js';
import { ConfigError, InjectError } from '../errors.js';
import { GoTemplateError } from '../gotemplate/index.js';
import { builtinTemplateSources } from './templates/builtin-sources.generated.js';
import { compileTemplate, type CompiledEjsTemplate } from './compile-template.js';
import { compileGoTemplate, type CompiledGoTemplate } from './go/go-template-set.js';

export type CompiledTemplate = CompiledEjsTemplate | CompiledGoTemplate;

/**
 * Templates of Istio's chart that render Gateway API deployments, not pods: parsed when a pod first asks
 * for one (none does by default), so a run does not pay for parsing them.
 */
const GATEWAY_DEPLOYMENT_TEMPLATES = new Set(['waypoint', 'kube-gateway', 'agentgateway', 'agentgateway-waypoint']);

const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** The built-in ejs templates (sidecar, gateway, grpc-agent, grpc-simple). */
export function builtinTemplates(): Record<string, TemplateSource> {
  const out: Record<string, TemplateSource> = {};
  for (const [name, source] of Object.entries(builtinTemplateSources)) out[name] = { name, source, origin: 'built-in' };
  return out;
}

const perSettings = new WeakMap<Settings, Map<string, CompiledTemplate>>();

/** Names a pod may request, for messages. */
export function availableTemplateNames(settings: Settings): string[] {
  const names = new Set([...Object.keys(settings.templates), ...Object.keys(settings.injector.goTemplates ?? {}), ...Object.keys(builtinTemplateSources)]);
  return [...names].sort();
}

/** Where the injector config's Go templates came from, for messages: a file, or the ConfigMap by name
 *  (its `config` key goes without saying; the name stays readable inside the message's parentheses). */
function goOrigin(settings: Settings): string {
  return (settings.provenance?.injectorConfig ?? 'injector config').replace(/ \(key config\)$/, '');
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
  const compiled = compile(settings, name);
  cache.set(name, compiled);
  return compiled;
}

function compile(settings: Settings, name: string): CompiledTemplate {
  if (has(settings.templates, name)) return compileTemplate(settings.templates[name]!);
  const goTemplates = settings.injector.goTemplates ?? {};
  if (has(goTemplates, name)) {
    try {
      return compileGoTemplate(name, goTemplates[name]!, goOrigin(settings), settings.istiodEnv ?? {});
    } catch (e) {
      if (e instanceof GoTemplateError) throw new InjectError(parseFailure(settings, name, e), 'template-failed', name);
      throw e;
    }
  }
  if (has(builtinTemplateSources, name)) return compileTemplate({ name, source: builtinTemplateSources[name]!, origin: 'built-in' });
  throw new InjectError(`requested template "${name}" not found; have ${availableTemplateNames(settings).join(', ')}`, 'template-not-found', name);
}

function parseFailure(settings: Settings, name: string, e: GoTemplateError): string {
  return `template "${name}" (${goOrigin(settings)}) does not parse: ${e.message}`;
}

/**
 * Compiles every user ejs template and parses every pod template of the injector config, at config
 * load: a broken one is a ConfigError naming the template, its line (Go's message) and the file or
 * ConfigMap. The Gateway API deployment templates are left until a pod asks for one (unless they are
 * default templates); a broken one then fails that pod with the same message.
 */
export function precompileTemplates(settings: Settings): void {
  const origin = goOrigin(settings);
  for (const name of Object.keys(settings.templates)) {
    try {
      resolveTemplate(settings, name);
    } catch (e) {
      if (e instanceof InjectError) throw new ConfigError(e.message, `templates.${name}`, settings.templates[name]!.origin);
      throw e;
    }
  }
  // What pods get by default, aliases expanded as a pod's own template list is.
  const aliases = settings.injector.aliases ?? {};
  const defaults = settings.injector.defaultTemplates.flatMap((n) => (has(aliases, n) ? aliases[n]! : [n]));
  for (const name of Object.keys(settings.injector.goTemplates ?? {})) {
    if (has(settings.templates, name)) continue;
    if (GATEWAY_DEPLOYMENT_TEMPLATES.has(name) && !defaults.includes(name)) continue;
    try {
      resolveTemplate(settings, name);
    } catch (e) {
      if (!(e instanceof InjectError)) throw e;
      throw new ConfigError(e.message, `templates.${name}`, origin);
    }
  }
}
