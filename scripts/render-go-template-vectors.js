#!/usr/bin/env node
// Renders Go text/template vectors with our engine: reads JSON lines {"id","template","data"} on stdin,
// writes {"id","output"} or {"id","error"} lines on stdout (the protocol of the gotmpl oracle).
// Typed-value markers of the vectors ($goStringMap, $goInt, $goEnum + $int) become Go typed values.
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'dist', 'src');
const engine = await import(pathToFileURL(join(dist, 'gotemplate', 'index.js')).href);

// A library that is not built is skipped (its vectors then fail as undefined functions); one that is
// built but does not import, or lacks its export, is a broken build: fail loudly.
async function optionalFuncs(file, exportName) {
  const path = join(dist, file);
  if (!existsSync(path)) return new Map();
  const mod = await import(pathToFileURL(path).href);
  if (typeof mod[exportName] !== 'function') throw new Error(`${path} does not export ${exportName}()`);
  // Istio's env helper reads istiod's environment, empty here (the vectors expect unset variables).
  return mod[exportName]({ env: new Map() });
}

/** Go builtins, then Sprig, then Istio's helpers (later ones override, as successive Funcs calls do). */
export async function vectorFuncs() {
  const sprig = await optionalFuncs('gotemplate/sprig/index.js', 'sprigFuncs');
  const istio = await optionalFuncs('render/go/istio-funcs.js', 'istioFuncs');
  return engine.mergeFuncMaps(engine.builtinFuncs(), sprig, istio);
}

const ENUM = { name: 'v1alpha1.ProxyConfig_InboundInterceptionMode', names: new Map(), values: new Map() };

/** Decodes vector data: markers to typed values, everything else as encoding/json into interface{}. */
export function decodeData(raw) {
  const { GoMap, GoInt, GoEnum, GoSlice, T } = engine;
  const conv = (v) => {
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return GoSlice.of(T.interface, v.map(conv));
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === '$goStringMap') {
      const m = v.$goStringMap;
      return m === null ? new GoMap(T.string, null) : GoMap.of(T.string, Object.entries(m).map(([k, x]) => [k, String(x)]));
    }
    if (keys.length === 1 && keys[0] === '$goInt') return new GoInt('int', v.$goInt);
    if (keys.length === 2 && '$goEnum' in v && '$int' in v) {
      const def = { ...ENUM, names: new Map([[v.$int, v.$goEnum]]), values: new Map([[v.$goEnum, v.$int]]) };
      return new GoEnum(def, v.$int);
    }
    return GoMap.of(T.interface, keys.map((k) => [k, conv(v[k])]));
  };
  return conv(raw);
}

export async function renderVector(funcs, vec) {
  try {
    const t = engine.parseTemplate('inject', vec.template, funcs);
    return { id: vec.id, output: engine.executeTemplate(t, decodeData(vec.data)) };
  } catch (e) {
    if (e instanceof engine.GoTemplateError) return { id: vec.id, error: e.message };
    return { id: vec.id, error: `internal error: ${e && e.stack ? e.stack : String(e)}` };
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const funcs = await vectorFuncs();
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    if (line.trim() === '') continue;
    const vec = JSON.parse(line);
    process.stdout.write(JSON.stringify(await renderVector(funcs, vec)) + '\n');
  }
}
