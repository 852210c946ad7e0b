// A conservative check that an object the run will not read is well-formed YAML, line by line: only
// block mappings and sequences of simple keys and single-line scalars (plain, quoted, flat flow
// collections, block scalars), no duplicate keys, consistent indentation. It never says yes to bad
// YAML; it says "not sure" to much good YAML (multi-line scalars, anchors, tags, nested flow), and
// the caller then parses that object for real. So bad input is still refused with the parser's error.

const KEY = /^(?:[A-Za-z0-9_][A-Za-z0-9_.\/-]*|"[A-Za-z0-9_.\/ -]*"|'[A-Za-z0-9_.\/ -]*')[ ]*:(?=[ ]|$)/;
const PLAIN = /^[A-Za-z0-9_\/.(~+$=^][^#]*?$|^-[0-9.][^#]*?$/;
const DOUBLE = /^"(?:[^"\\]|\\["\\\/abefnrtvN_LP0 ]|\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4})*"$/;
const SINGLE = /^'(?:[^']|'')*'$/;
const BLOCK = /^[|>](?:[-+]?[1-9]?|[1-9][-+])$/;
const FLOW_ITEM = /^(?:[A-Za-z0-9_][A-Za-z0-9_.\/-]*:[ ]+)?(?:[A-Za-z0-9_\/.~+$=^-][^,:{}\[\]#"']*|"(?:[^"\\]|\\.)*"|'(?:[^']|'')*')$/;
const MAX_DEPTH = 60;

interface Level {
  indent: number;
  seq: boolean;
  keys?: Set<string>;
}

/** `text[start, end)`: the object's lines; the first line's content starts at `start`, at column `firstColumn`. */
export function linesAreSimple(text: string, start: number, end: number, firstColumn: number): boolean {
  const stack: Level[] = [];
  let opened = true; // the previous line opened a nested block (key with no value, or a dash)
  let blockIndent = -1; // inside a block scalar whose key sits at this column
  let pos = start;
  let first = true;
  while (pos < end) {
    let lineEnd = text.indexOf('\n', pos);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    let at = pos;
    while (at < lineEnd && text.charCodeAt(at) === 32) at++;
    const col = first ? firstColumn : at - pos;
    first = false;
    let rest = text.slice(at, lineEnd);
    pos = lineEnd + 1;
    if (blockIndent >= 0) {
      if (rest === '' || col > blockIndent) continue;
      blockIndent = -1;
    }
    if (rest === '' || rest.startsWith('#')) continue;
    let indent = col;
    // `- ` entries, possibly several on one line (`- - x`): each is a sequence level.
    while (rest.startsWith('- ') || rest === '-') {
      if (!enter(stack, indent, true, opened)) return false;
      opened = true;
      if (rest === '-') {
        rest = '';
        break;
      }
      let skip = 2;
      while (rest.charCodeAt(skip) === 32) skip++;
      indent += skip;
      rest = rest.slice(skip);
    }
    if (rest === '' || rest.startsWith('#')) continue;
    const key = KEY.exec(rest);
    if (!key) {
      // A bare scalar is only fine as a sequence entry on the dash's line.
      if (!opened || stack.length === 0 || !stack[stack.length - 1]!.seq || stack[stack.length - 1]!.indent >= indent) return false;
      if (!simpleValue(rest)) return false;
      opened = false;
      continue;
    }
    if (!enter(stack, indent, false, opened)) return false;
    const level = stack[stack.length - 1]!;
    const name = key[0].slice(0, key[0].lastIndexOf(':')).trim().replace(/^["']|["']$/g, '');
    if (name === '<<' || level.keys!.has(name)) return false;
    level.keys!.add(name);
    const value = stripComment(rest.slice(key[0].length).trim());
    if (value === undefined) return false;
    if (value === '') {
      opened = true;
    } else if (BLOCK.test(value)) {
      blockIndent = indent;
      opened = false;
    } else {
      if (!simpleValue(value)) return false;
      opened = false;
    }
    if (stack.length > MAX_DEPTH) return false;
  }
  return true;
}

/** Moves to the level of a key or dash at `indent`; false when the indentation is not one YAML allows here. */
function enter(stack: Level[], indent: number, seq: boolean, opened: boolean): boolean {
  while (stack.length > 0 && stack[stack.length - 1]!.indent > indent) {
    stack.pop();
    opened = false;
  }
  const top = stack[stack.length - 1];
  if (top && top.indent === indent) {
    if (top.seq === seq) return !(opened && !seq); // a key right after `key:` at the same column is a missing value
    // `key:` followed by `- ` at the key's column: an indentless sequence (only right after the key).
    if (seq && opened) {
      stack.push({ indent, seq: true });
      return true;
    }
    // a key at the column of an indentless sequence: back to the mapping that holds it
    if (!seq && stack.length > 1 && stack[stack.length - 2]!.indent === indent && !stack[stack.length - 2]!.seq) {
      stack.pop();
      return true;
    }
    return false;
  }
  if (top && !opened) return false;
  stack.push(seq ? { indent, seq } : { indent, seq, keys: new Set() });
  return true;
}

function stripComment(value: string): string | undefined {
  if (value.startsWith('"') || value.startsWith("'")) {
    const close = value.startsWith('"') ? closingDouble(value) : closingSingle(value);
    if (close < 0) return undefined;
    const after = value.slice(close + 1).trim();
    if (after !== '' && !after.startsWith('#')) return undefined;
    return value.slice(0, close + 1);
  }
  const hash = value.indexOf(' #');
  return hash >= 0 ? value.slice(0, hash).trimEnd() : value;
}

function closingDouble(v: string): number {
  for (let i = 1; i < v.length; i++) {
    if (v[i] === '\\') i++;
    else if (v[i] === '"') return i;
  }
  return -1;
}

function closingSingle(v: string): number {
  for (let i = 1; i < v.length; i++) {
    if (v[i] === "'") {
      if (v[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

function simpleValue(v: string): boolean {
  if (v.startsWith('"')) return DOUBLE.test(v);
  if (v.startsWith("'")) return SINGLE.test(v);
  if (v.startsWith('{') || v.startsWith('[')) return flatFlow(v);
  return PLAIN.test(v) && !v.includes(': ') && !v.endsWith(':') && !v.includes('\t');
}

/** `{a: 1, b: x}` or `[1, "a"]`: one level, simple entries, no duplicate keys. */
function flatFlow(v: string): boolean {
  const close = v[0] === '{' ? '}' : ']';
  if (!v.endsWith(close)) return false;
  const inner = v.slice(1, -1).trim();
  if (inner === '') return true;
  const keys = new Set<string>();
  for (const raw of inner.split(',')) {
    const item = raw.trim();
    if (!FLOW_ITEM.test(item)) return false;
    const colon = item.indexOf(': ');
    if (v[0] === '{') {
      if (colon < 0 || item.startsWith('"') || item.startsWith("'")) return false;
      const k = item.slice(0, colon);
      if (keys.has(k)) return false;
      keys.add(k);
    } else if (colon >= 0) {
      return false;
    }
  }
  return true;
}
