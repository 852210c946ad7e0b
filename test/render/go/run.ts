// Executes a template the way istiod does: Go builtins, then Sprig, then Istio's helpers.
import { builtinFuncs, executeTemplate, parseTemplate } from '../../../src/gotemplate/index.js';
import { mergeFuncMaps } from '../../../src/gotemplate/func-def.js';
import { sprigFuncs } from '../../../src/gotemplate/sprig/index.js';
import { fromJSON, type GoValue } from '../../../src/gotemplate/value.js';
import { istioFuncs } from '../../../src/render/go/istio-funcs.js';

const funcs = mergeFuncMaps(builtinFuncs(), sprigFuncs(), istioFuncs({ env: new Map([['SET_VAR', 'from-env'], ['EMPTY_VAR', '']]) }));

/** Renders `text` on `data` (a GoValue, or plain JSON decoded as encoding/json into interface{}). */
export function render(text: string, data: unknown = {}): string {
  const value = data !== null && typeof data === 'object' && !Array.isArray(data) && Object.getPrototypeOf(data) !== Object.prototype ? (data as GoValue) : fromJSON(data);
  return executeTemplate(parseTemplate('inject', text, funcs), value);
}
