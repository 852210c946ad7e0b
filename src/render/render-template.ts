// Executes a compiled ejs template and parses its YAML into a partial Pod. The YAML reading is shared
// with the Go template path (go/render-go-template.ts): both outputs go through the same decoding.
import { parseDocument } from 'yaml';
import { InjectError } from '../errors.js';
import type { JsonObject } from '../k8s/types.js';
import type { CompiledEjsTemplate } from './compile-template.js';
import type { TemplateContext } from './template-context.js';
import { parseRenderedYaml } from './parse-rendered-yaml.js';
import { DirectValues } from './direct-values.js';
import { RENDER_PARSE_OPTIONS } from './yaml-1-1-schema.js';

/**
 * Renders one ejs template for one pod. Errors name the template and, for ejs failures, the template
 * line (ejs adds `<name>.ejs:<line>` context); YAML errors name the line of the rendered text.
 */
export function renderTemplate(template: CompiledEjsTemplate, ctx: TemplateContext): JsonObject {
  // Our own templates write `json()` only as whole values, so their values can skip the text (direct-values.ts);
  // if the reader cannot place every one of them, the template is rendered again the ordinary way.
  if (template.origin === 'built-in') {
    const direct = new DirectValues();
    const pod = parseRenderedYaml(run(template, { ...ctx, json: direct.json }), direct);
    if (pod !== undefined && direct.allTaken) return pod;
  }
  return partialPodFromYaml(run(template, ctx), template.name, template.origin);
}

function run(template: CompiledEjsTemplate, ctx: TemplateContext): string {
  try {
    return template.render(ctx);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    // A helper's own verdict about the pod (e.g. a malformed JSON annotation) keeps its code.
    if (e instanceof InjectError) throw new InjectError(lastLine(msg), e.code, e.field);
    throw new InjectError(`template "${template.name}" (${template.origin}) failed: ${condense(msg)}`, 'template-failed', template.name);
  }
}

/**
 * A template's output as a partial Pod, read as Go's sigs.k8s.io/yaml reads it (YAML 1.1 scalars).
 * Our templates' output is read by the strict fast path; anything else (and every error) by yaml.
 */
export function partialPodFromYaml(text: string, name: string, origin: string): JsonObject {
  const fast = parseRenderedYaml(text);
  if (fast !== undefined) return fast;
  const doc = parseDocument(text, RENDER_PARSE_OPTIONS);
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const line = err.linePos?.[0]?.line;
    throw new InjectError(
      `template "${name}" (${origin}) rendered invalid YAML${line ? ` at line ${line} of its output` : ''}: ${err.message.split('\n')[0]}`,
      'template-failed',
      name,
    );
  }
  const value = doc.toJS({ maxAliasCount: 1000 }) as unknown;
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new InjectError(`template "${name}" (${origin}) must render a mapping (a partial Pod), got ${Array.isArray(value) ? 'a list' : typeof value}`, 'template-failed', name);
  }
  return value as JsonObject;
}

function lastLine(msg: string): string {
  const lines = msg.trim().split('\n');
  return (lines[lines.length - 1] ?? '').trim();
}

// ejs errors carry the whole template excerpt; keep the location line and the message.
function condense(msg: string): string {
  const lines = msg.split('\n');
  const location = lines[0] ?? '';
  const message = lines[lines.length - 1] ?? '';
  return location === message ? message : `${location.trim()}: ${message.trim()}`;
}
