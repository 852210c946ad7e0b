// Sprig 3.2.3's sprig.TxtFuncMap(), as istiod's injector installs it before its own helpers: every name
// it defines (Go's builtins and Istio's overrides of `indent`, `contains`, `omit`, `env` come from
// elsewhere; a later map overrides this one).
import type { FuncDef, FuncMap } from '../func-def.js';
import { defaultFuncs } from './defaults.js';
import { dictFuncs } from './dicts.js';
import { encodingFuncs } from './encoding.js';
import { listFuncs } from './lists.js';
import { mathFuncs } from './math.js';
import { pathFuncs } from './paths.js';
import { reflectFuncs } from './reflect.js';
import { regexFuncs } from './regex.js';
import { semverFuncs } from './semver.js';
import { stringFuncs } from './strings.js';
import { timeFuncs, unsupportedFuncs } from './unsupported.js';
import { urlFuncs } from './url.js';

export { UNSUPPORTED_SPRIG_FUNCTIONS } from './unsupported.js';

let built: Map<string, FuncDef> | undefined;

/** Sprig's text/template function map (built once; the definitions are stateless). */
export function sprigFuncs(): FuncMap {
  if (!built) {
    built = new Map([...stringFuncs, ...listFuncs, ...dictFuncs, ...mathFuncs, ...defaultFuncs, ...encodingFuncs, ...reflectFuncs, ...pathFuncs, ...regexFuncs, ...semverFuncs, ...urlFuncs, ...timeFuncs, ...unsupportedFuncs]);
  }
  return built;
}
