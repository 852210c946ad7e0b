// apiVersion, kind and metadata.name of one block mapping, read from its lines without parsing, so a
// face can decide whether the object needs parsing at all. Anything unusual (flow style, quotes with
// escapes, anchors, tags, duplicate keys) gives `undefined`: "not sure", and the caller parses.

export interface ItemHead {
  apiVersion?: string;
  kind?: string;
  name?: string;
}

const SIMPLE_KEY = /^([A-Za-z][A-Za-z0-9_.\/-]*)[ ]*:(?:[ ]+|$)/;
const PLAIN_VALUE = /^[A-Za-z0-9][A-Za-z0-9._\/-]*$/;

/**
 * `text[start, end)` holds the mapping; its keys sit at column `indent`, except that the first line may
 * start after a `- ` (its content begins at `start`, which is at column `indent`).
 */
export function readItemHead(text: string, start: number, end: number, indent: number): ItemHead | undefined {
  const head: ItemHead = {};
  let pos = start;
  let first = true;
  let inMetadata = false;
  let metadataIndent = -1;
  while (pos < end) {
    let lineEnd = text.indexOf('\n', pos);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    let col = 0;
    let at = pos;
    if (first) {
      col = indent;
    } else {
      while (at < lineEnd && text.charCodeAt(at) === 32) at++;
      col = at - pos;
    }
    first = false;
    const line = text.slice(at, lineEnd);
    pos = lineEnd + 1;
    if (line === '' || line.startsWith('#')) continue;
    if (col < indent) return undefined;
    if (col === indent) {
      inMetadata = false;
      const m = SIMPLE_KEY.exec(line);
      if (!m) return undefined;
      const key = m[1]!;
      const value = valueOf(line.slice(m[0].length));
      if (key === 'apiVersion' || key === 'kind') {
        if (head[key] !== undefined || value === undefined || value === '') return undefined;
        head[key] = value;
      } else if (key === 'metadata') {
        if (value !== '') return undefined; // flow style or something else: not sure
        inMetadata = true;
        metadataIndent = -1;
      }
      continue;
    }
    if (!inMetadata) continue;
    if (metadataIndent < 0) metadataIndent = col;
    if (col !== metadataIndent) continue;
    const m = SIMPLE_KEY.exec(line);
    if (!m) return undefined;
    if (m[1] === 'name') {
      const value = valueOf(line.slice(m[0].length));
      if (head.name !== undefined || value === undefined || value === '') return undefined;
      head.name = value;
    }
  }
  return head;
}

/** A plain or simply quoted scalar, '' for nothing (a nested block follows), undefined when unsure. */
function valueOf(rest: string): string | undefined {
  const hash = rest.indexOf(' #');
  const raw = (hash >= 0 ? rest.slice(0, hash) : rest).trimEnd();
  if (raw === '' || raw.startsWith('#')) return '';
  if (PLAIN_VALUE.test(raw)) return raw;
  const q = raw[0];
  if ((q === '"' || q === "'") && raw.length >= 2 && raw.endsWith(q)) {
    const inner = raw.slice(1, -1);
    if (PLAIN_VALUE.test(inner)) return inner;
  }
  return undefined;
}
