// Turns ejs source into a render function, once per distinct source text (never per pod).
import ejs from 'ejs';
import type { TemplateSource } from '../config/types.js';
import { InjectError } from '../errors.js';
import { TEMPLATE_LOCALS, type TemplateContext } from './template-context.js';

/** An ejs template (our built-ins, `--template NAME=FILE.ejs`, function config `templates`). */
export type CompiledEjsTemplate = {
  kind: 'ejs';
  name: string;
  origin: string;
  render: (ctx: TemplateContext) => string;
};

// Keyed by source text: two Settings objects holding the same template share one compiled function.
const compiledBySource = new Map<string, (ctx: TemplateContext) => string>();

/** Compiles (or reuses) a template; a syntax error becomes InjectError('template-failed'). */
export function compileTemplate(template: TemplateSource): CompiledEjsTemplate {
  let fn = compiledBySource.get(template.source);
  if (!fn) {
    try {
      const compiled = ejs.compile(template.source, {
        filename: `${template.name}.ejs`,
        localsName: 'ctx',
        destructuredLocals: [...TEMPLATE_LOCALS],
        _with: false,
        compileDebug: true,
        // YAML, not HTML: `<%= %>` must not entity-escape anything.
        escape: (s: unknown) => (s === undefined || s === null ? '' : String(s)),
      });
      fn = (ctx: TemplateContext) => compiled(ctx as unknown as Record<string, unknown>);
    } catch (e) {
      throw new InjectError(
        `template "${template.name}" (${template.origin}) does not compile: ${firstLine(e)}`,
        'template-failed',
        template.name,
      );
    }
    compiledBySource.set(template.source, fn);
  }
  return { kind: 'ejs', name: template.name, origin: template.origin, render: fn };
}

function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.trim();
}
