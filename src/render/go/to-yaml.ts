// sigs.k8s.io/yaml's Marshal as Istio's toYaml uses it: encoding/json first, then the JSON read back by
// go-yaml v2 and emitted in its block style: keys sorted by go-yaml's own order, sequences under a key
// not indented, strings plain when they read back as strings, else double-quoted (they would read as
// another type) or single-quoted (plain is not allowed by the syntax), literal blocks for multi-line
// strings, and long scalars folded at spaces after column 80.
import { JsonNumber, type JsonNode } from './go-json.js';
import { Writer, writeString } from './yaml-scalar.js';

/** The YAML text of a JSON tree, as yaml.v2's Marshal prints it (always ends with a newline). */
export function toYamlText(node: JsonNode): string {
  const w = new Writer();
  if (isCollection(node) && !isEmpty(node)) emitBlock(w, node, -1);
  else emitScalarOrEmpty(w, node, 0, false);
  if (!w.afterBreak) w.newline();
  return w.text();
}

type Collection = JsonNode[] | Map<string, JsonNode>;
const isCollection = (n: JsonNode): n is Collection => Array.isArray(n) || n instanceof Map;
const isEmpty = (n: Collection) => (Array.isArray(n) ? n.length === 0 : n.size === 0);

/** A non-empty map or sequence in block style; `parent` is the enclosing block's indentation. */
function emitBlock(w: Writer, node: Collection, parent: number, indentless = false): void {
  const indent = parent < 0 ? 0 : indentless ? parent : parent + 2;
  if (Array.isArray(node)) {
    for (const item of node) {
      w.indent(indent);
      w.write('- ');
      w.atLineStart = true; // a nested block may start on this line ("- - a", "- a: b")
      emitValue(w, item, indent);
    }
    return;
  }
  for (const key of sortKeys([...node.keys()])) {
    w.indent(indent);
    emitScalarOrEmpty(w, key, indent, true);
    const value = node.get(key)!;
    if (isCollection(value) && !isEmpty(value)) {
      w.write(':');
      w.atLineStart = false;
      emitBlock(w, value, indent, Array.isArray(value));
    } else {
      w.write(': ');
      emitScalarOrEmpty(w, value, indent, false);
    }
  }
}

/** A sequence item: a nested block starts on the `- ` line (yaml.v2 writes no break while still at its indentation). */
function emitValue(w: Writer, node: JsonNode, indent: number): void {
  if (isCollection(node) && !isEmpty(node)) emitBlock(w, node, indent);
  else emitScalarOrEmpty(w, node, indent, false);
}

function emitScalarOrEmpty(w: Writer, node: JsonNode, blockIndent: number, key: boolean): void {
  if (node === null) return w.write('null');
  if (typeof node === 'boolean') return w.write(node ? 'true' : 'false');
  if (node instanceof JsonNumber) return w.write(yamlNumber(node.text));
  if (Array.isArray(node)) return w.write('[]');
  if (node instanceof Map) return w.write('{}');
  writeString(w, node, blockIndent + 2, key);
}

/** go-yaml reads JSON number text back as an int (no `.`/exponent) or a float, and prints floats with 'g'. */
export function yamlNumber(text: string): string {
  if (/^-?\d+$/.test(text)) return text.replace(/^-0$/, '0');
  const f = Number(text);
  if (Number.isInteger(f) && Math.abs(f) < 1e21 && !/[eE]/.test(text)) return String(f);
  return formatFloatG(f);
}

/** strconv.FormatFloat(f, 'g', -1, 64). */
export function formatFloatG(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (!Number.isFinite(f)) return f > 0 ? '+.inf' : '-.inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mant, expText] = f.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) { // shortest formatting decides with precision 6
    const e = Math.abs(exp);
    return `${mant}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  return String(f);
}

// ---- key order ---------------------------------------------------------------------------------

const isLetter = (c: string) => /\p{L}/u.test(c);
const isDigit = (c: string) => /\p{Nd}/u.test(c);

/** go-yaml v2's keyList.Less for string keys: letters by code point, non-letters first, digit runs numerically. */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = an * 10 + (ar[ai]!.codePointAt(0)! - 48);
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = bn * 10 + (br[bi]!.codePointAt(0)! - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
  }
  return ar.length < br.length;
}

function sortKeys(keys: string[]): string[] {
  return keys.sort((a, b) => (yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0));
}
