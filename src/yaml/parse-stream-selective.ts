// The fast path of parseStream: documents are split at their `---` lines, and only the documents
// `wants` asks for (or whose lines simple-lines.ts cannot vouch for) are parsed, each on its own (YAML
// documents share nothing, not even anchors); every other document is written back as its original bytes. Returns
// undefined when the scanner is not sure (directives, `...`, CRLF, BOM, tabs) or a chosen document
// does not parse as exactly one document on its own: the caller then uses parseStream. The same for
// an input near its bounds (document count or size): parseStream then refuses it with its own errors.
import type { Json } from '../k8s/types.js';
import type { YamlDocHandle, YamlStream } from './types.js';
import { FastPathUnsure, type ParseWhen } from './fast-path-unsure.js';
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
  part?: StreamPart;
}

const SEPARATOR = /^---(?=[ \n]|$)/gm;

/** A stream of which only some documents were parsed: `documentCount` counts all of them. */
export interface SelectiveStream extends YamlStream {
  readonly documentCount: number;
}

export function parseStreamSelective(
  text: string,
  file: string,
  wants: (head: ItemHead | undefined) => ParseWhen | boolean,
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
  const docs: StreamPart[] = [];
  for (let index = 0; index < slices.length; index++) {
    bounds?.checkMemory?.();
    const slice = slices[index]!;
    const head = slice.contentStart < 0 ? undefined : readItemHead(text, slice.contentStart, slice.end, 0);
    const want = wants(head);
    const when: ParseWhen = want === true ? 'first' : want === false ? 'never' : want;
    if (when === 'never' && linesAreSimple(text, slice.contentStart, slice.end, 0)) continue;
    const part = new StreamPart(text, slice, index, file, when === 'later' && head !== undefined);
    if (!part.deferred && !part.parse()) return undefined;
    slice.part = part;
    docs.push(part);
  }
  return {
    docs,
    documentCount: slices.length,
    toString: () => slices.map((s) => s.part?.newText() ?? text.slice(s.start, s.end)).join(''),
  };
}

/**
 * One document read in full: parsed now or on first use (`deferred`), and released once the run is
 * done with it, keeping only its new text if it changed (see ItemPart for ResourceList items).
 */
export class StreamPart implements YamlDocHandle {
  private stream: YamlStream | undefined;
  private released = false;
  private text: string | undefined;
  private releasedLine: number | undefined;

  constructor(
    private readonly source: string,
    private readonly slice: Slice,
    readonly index: number,
    private readonly file: string,
    readonly deferred: boolean,
  ) {}

  /** Parses the document on its own; false when it is not exactly one document that parses. */
  parse(): boolean {
    const { slice } = this;
    let stream: YamlStream;
    try {
      stream = parseStream(this.source.slice(slice.start, slice.end), this.file, undefined, slice.line);
    } catch {
      return false;
    }
    if (stream.docs.length !== 1) return false;
    this.stream = stream;
    return true;
  }

  private handle(): YamlDocHandle {
    if (this.released) throw new Error(`document ${this.index} was read after its release`);
    if (this.stream === undefined && !this.parse()) throw new FastPathUnsure(this.file);
    return this.stream!.docs[0]!;
  }

  get value(): Json {
    return this.handle().value;
  }
  get line(): number {
    return this.released ? this.releasedLine! : this.handle().line;
  }
  get changed(): boolean {
    return this.text !== undefined || (this.stream?.docs[0]!.changed ?? false);
  }
  get nonScalarKey(): { what: string; line: number } | undefined {
    return this.handle().nonScalarKey;
  }
  update(next: Json): boolean {
    return this.handle().update(next);
  }
  lineAt(path: readonly (string | number)[]): number | undefined {
    return this.handle().lineAt?.(path);
  }

  /** The run is done with this document: keep its line and new text (if any), let the parse go. */
  release(): void {
    if (this.released) return;
    this.releasedLine = this.line;
    this.text = this.newText();
    this.stream = undefined;
    this.released = true;
  }

  /** The document's new text, if it changed. */
  newText(): string | undefined {
    if (this.released) return this.text;
    return this.stream?.docs[0]!.changed ? this.stream.toString() : undefined;
  }
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
