// The Go text/template engine: parse once, execute many times. Messages are Go 1.19's.
import { GoTemplateError } from './errors.js';
import { execute } from './exec.js';
import type { ExecLimits, GoTemplate } from './exec-state.js';
import { builtinFuncs } from './builtins.js';
import { mergeFuncMaps, type FuncMap } from './func-def.js';
import { Parser } from './parse.js';
import type { GoValue } from './value.js';

export { GoTemplateError } from './errors.js';
export type { ExecLimits, GoTemplate } from './exec-state.js';
export { DEFAULT_LIMITS } from './exec-state.js';
export * from './value.js';
export * from './func-def.js';
export { sprint, sprintf, sprintln, formatValue } from './fmt.js';
export { builtinFuncs } from './builtins.js';
export { goQuote } from './go-strings.js';

/** Deep nesting can exhaust the JS stack: report it as a template error, not a crash. */
function guardStack<T>(name: string, what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      throw new GoTemplateError(`template: ${name}: ${what} nests too deeply`, name, 0, 0);
    }
    throw e;
  }
}

/** Parses `text` as Go's template.New(name).Funcs(funcs).Parse(text) (Go's builtins are always defined). */
export function parseTemplate(name: string, text: string, funcs: FuncMap): GoTemplate {
  const all = mergeFuncMaps(builtinFuncs(), funcs);
  return guardStack(name, 'template', () => {
    const trees = new Parser(name, text, (f) => all.has(f)).parse();
    return { name, text, trees, funcs: all };
  });
}

/** Executes a parsed template on data; throws GoTemplateError (a failed run's partial output is dropped). */
export function executeTemplate(t: GoTemplate, data: GoValue, limits?: Partial<ExecLimits>): string {
  return guardStack(t.name, 'execution', () => execute(t, data, limits));
}
