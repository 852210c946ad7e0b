// The fast path of parseStream: documents are split at their `---` lines, and only the documents
// `wants` asks for (or whose lines simple-lines.ts cannot vouch for) are parsed, each on its own (YAML
// documents share nothing, not even anchors); every other document is written back as its original bytes. Returns
// undefined when the scanner is not sure (directives, `...`, CRLF, BOM, tabs) or a chosen document
// does not parse as exactly one document on its own: the caller then uses parseStream. The same for
// an input near its bounds (document count or size): parseStream then refuses it with its own errors.
import type { YamlDocHandle, YamlStream } from './types.js';
import { parseStream } from './parse-stream.js';
import type { DocumentBounds } from './parse-documents.js';
import { readItemHead, type ItemHead } from './item-head.js';
import { linesAreSimple } from './simple-lines.js';
import { lineEndAt, scannerMayRead } from './scan-guards.js';

interface Slice {
  start: number;
  end: number;
  line: number;
  /** Where the document's own lines begin (after its `---` line), or -1 when that line holds content. */
  contentStart: number;
  stream?: YamlStream;
}

const SEPARATOR = /^---(?=[ \n]|$)/gm;

/** A stream of which only some documents were parsed: `documentCount` counts all of them. */
export interface SelectiveStream extends YamlStream {
  readonly documentCount: number;
}

export function parseStreamSelective(
  text: string,
  file: string,
  wants: (head: ItemHead | undefined) => boolean,
  bounds?: DocumentBounds,
): SelectiveStream | undefined {
  if (!scannerMayRead(text)) return undefined;
  const starts: number[] = [];
  for (const m of text.matchAll(SEPARATOR)) starts.push(m.index!);
  // Comments before the first `---` belong to the first document, as in yaml (no empty document of its own).
  if (starts.length === 0 || starts[0] !== 0) {
    if (starts.length > 0 && onlyComments(text, 0, starts[0]!)) starts[0] = 0;
    else starts.unshift(0);
  }
  const slices: Slice[] = [];
  let line = 1;
  let counted = 0;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const end = i + 1 < starts.length ? starts[i + 1]! : text.length;
    line += countLines(text, counted, start);
    counted = start;
    slices.push({ start, end, line, contentStart: contentStartOf(text, start, end) });
  }
  // A slice holds its document and more (separator, comments): past a bound, parseStream decides.
  if (bounds && (slices.length > bounds.maxDocuments || slices.some((s) => s.end - s.start > bounds.maxDocumentBytes))) return undefined;
  const docs: YamlDocHandle[] = [];
  for (let index = 0; index < slices.length; index++) {
    bounds?.checkMemory?.();
    const slice = slices[index]!;
    const head = slice.contentStart < 0 ? undefined : readItemHead(text, slice.contentStart, slice.end, 0);
    if (!wants(head) && linesAreSimple(text, slice.contentStart, slice.end, 0)) continue;
    let stream: YamlStream;
    try {
      stream = parseStream(text.slice(slice.start, slice.end), file, undefined, slice.line);
    } catch {
      return undefined;
    }
    if (stream.docs.length !== 1) return undefined;
    slice.stream = stream;
    docs.push(withIndex(stream.docs[0]!, index));
  }
  return {
    docs,
    documentCount: slices.length,
    toString: () => slices.map((s) => (s.stream && s.stream.docs[0]!.changed ? s.stream.toString() : text.slice(s.start, s.end))).join(''),
  };
}

/** The handle with the document's index in the whole stream. */
function withIndex(handle: YamlDocHandle, index: number): YamlDocHandle {
  return {
    get value() {
      return handle.value;
    },
    line: handle.line,
    index,
    update: (next) => handle.update(next),
    get changed() {
      return handle.changed;
    },
    lineAt: (path) => handle.lineAt?.(path),
  };
}

function onlyComments(text: string, start: number, end: number): boolean {
  for (const raw of text.slice(start, end).split('\n')) {
    const line = raw.trim();
    if (line !== '' && !line.startsWith('#')) return false;
  }
  return true;
}

/** The first line of the document proper: after a `---` line that holds at most a comment. */
function contentStartOf(text: string, start: number, end: number): number {
  if (!text.startsWith('---', start)) return start;
  const after = lineEndAt(text, start);
  const rest = text.slice(start + 3, Math.min(after, end)).trim();
  return rest === '' || rest.startsWith('#') ? after : -1;
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
