// Literal block scalars (`key: |` and `key: |-`) for the fast reader of rendered template YAML: Istio's
// own Go templates write PROXY_CONFIG and ISTIO_META_POD_PORTS this way. Only the forms whose meaning
// is plain are read; the rest (folded `>`, keep `|+`, indentation indicators, header comments, lines of
// spaces deeper than the content, a scalar that runs to the end of the text) throw UNSUPPORTED.
import { fail, indentOf } from './rendered-yaml-tokens.js';

/** The header of a literal block scalar the reader takes, as the value text after a key. */
export function isBlockScalarHeader(text: string): boolean {
  return text === '|' || text === '|-';
}

/**
 * Reads the block scalar whose content starts on `lines[start]`, as the value of a key at column
 * `col` with header `header` (`|` clips to one final line break, `|-` strips them all). Returns the
 * text and the index of the first line after the scalar.
 */
export function readBlockScalar(lines: readonly string[], start: number, col: number, header: string): { value: string; next: number } {
  const body: string[] = [];
  let indent = -1;
  let leadingSpaces = 0;
  let j = start;
  for (; j < lines.length; j++) {
    const line = lines[j]!;
    const at = indentOf(line);
    if (at === line.length) {
      // A line of spaces is an empty line unless it reaches past the content's indentation (then
      // its extra spaces are content, or before the first line an error): left to yaml.
      if (indent === -1) leadingSpaces = Math.max(leadingSpaces, at);
      else if (at > indent) fail();
      body.push('');
      continue;
    }
    if (indent === -1) {
      if (at <= col) break;
      indent = at;
      if (leadingSpaces > indent) fail();
    } else if (at < indent) break;
    body.push(line.slice(indent));
  }
  // At the end of the text the final line break may be missing, which changes the value: left to yaml.
  if (j === lines.length) fail();
  let end = body.length;
  while (end > 0 && body[end - 1] === '') end--;
  if (end === 0) return { value: '', next: j };
  const text = body.slice(0, end).join('\n');
  return { value: header === '|' ? `${text}\n` : text, next: j };
}
