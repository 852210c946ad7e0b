// Runs template cases through our engine with Go's builtins and Sprig only (no Istio helpers) and checks
// them against what real Go 1.19 + Sprig 3.2.3 printed for the same template (the oracle in
// shared/tools/gotmpl-oracle produced every `output` / `error` in the tables of this folder).
import type { ExecutionContext } from 'ava';
import { builtinFuncs, executeTemplate, fromJSON, mergeFuncMaps, parseTemplate } from '../../../src/gotemplate/index.js';
import { sprigFuncs } from '../../../src/gotemplate/sprig/index.js';

export interface OracleCase {
  template: string;
  data?: unknown;
  /** Go's output, byte for byte. */
  output?: string;
  /** Go's error message, byte for byte. */
  error?: string;
  /** Go fails with a message containing this (our message differs after it). */
  errorLike?: string;
}

const funcs = mergeFuncMaps(builtinFuncs(), sprigFuncs());

export function render(template: string, data: unknown = {}): { output?: string; error?: string } {
  try {
    return { output: executeTemplate(parseTemplate('inject', template, funcs), fromJSON(data)) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

export function checkCases(t: ExecutionContext, cases: OracleCase[]): void {
  for (const c of cases) {
    const got = render(c.template, c.data);
    if (c.output !== undefined) t.is(got.error ?? got.output, c.output, c.template);
    else if (c.error !== undefined) t.is(got.error, c.error, c.template);
    else {
      t.truthy(got.error, `${c.template}: expected an error`);
      t.true((got.error ?? '').includes(c.errorLike!), `${c.template}: ${got.error}`);
    }
  }
}
