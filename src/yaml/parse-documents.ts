// Text -> yaml Documents, refusing malformed or absurdly nested input with a one-line located error.
import { Composer, LineCounter, Parser, visit } from 'yaml';
import type { Document } from 'yaml';
import { YamlInputError } from './types.js';
import { findExcessiveNesting } from './nesting-depth.js';
import { MAX_NESTING_DEPTH, PARSE_OPTIONS } from './yaml-options.js';
import { describeAt } from './describe-document.js';
import { withPlainEnv } from './plain-env.js';

export interface ParsedText {
  readonly text: string;
  readonly file: string;
  readonly docs: Document.Parsed[];
  /** 1-based line of a character offset. */
  lineOf(offset: number): number;
  /** True when the input's line breaks are CRLF: rendered text follows suit. */
  readonly crlf: boolean;
}

/** Bounds on one text: how many documents it may hold and how large one may be (bytes of text). */
export interface DocumentBounds {
  maxDocuments: number;
  maxDocumentBytes: number;
  /** Called once per document while parsing; throws to stop a run that would exhaust memory. */
  checkMemory?: () => void;
}

/** `firstLine`: the input's first line is this line of its file (a slice of a larger input). */
export function parseDocuments(text: string, file: string, bounds?: DocumentBounds, firstLine = 1): ParsedText {
  return withPlainEnv(() => parseWithoutEnvLookups(text, file, bounds, firstLine - 1));
}

// A carriage return that is not half of a CRLF: YAML 1.2 calls it a line break, and so does the Go YAML
// Kubernetes reads manifests with, but `yaml` reads it as text at the end of a file, so the same bytes
// would mean two things (and a value could change once anything is written after it).
const LONE_CR = /\r(?!\n)/;

function parseWithoutEnvLookups(text: string, file: string, bounds: DocumentBounds | undefined, lineShift: number): ParsedText {
  const cr = LONE_CR.exec(text);
  if (cr) {
    let line = 1;
    for (let i = text.indexOf('\n'); i >= 0 && i < cr.index; i = text.indexOf('\n', i + 1)) line++;
    throw new YamlInputError('a carriage return (\\r) not followed by a line feed: YAML readers disagree on what it means, so it is refused; end lines with \\n or \\r\\n', file, line + lineShift);
  }
  const lines = new LineCounter();
  const lineOf = (offset: number): number => lines.linePos(offset).line + lineShift;
  const parser = new Parser(lines.addNewLine);
  const composer = new Composer(PARSE_OPTIONS);
  const docs: Document.Parsed[] = [];
  let docTokens = 0;
  for (const token of parser.parse(text)) {
    if (token.type === 'document') {
      docTokens++;
      bounds?.checkMemory?.();
      // Refused before composing: every composed document costs memory even when it is empty.
      if (bounds && docTokens > bounds.maxDocuments) {
        throw new YamlInputError(`more than ${bounds.maxDocuments} documents (raise the bound with --max-documents)`, file, lineOf(token.offset));
      }
      const tooDeep = findExcessiveNesting(token, MAX_NESTING_DEPTH);
      if (tooDeep) {
        throw new YamlInputError(`document ${docTokens} is nested more than ${MAX_NESTING_DEPTH} levels deep`, file, lineOf(tooDeep.offset));
      }
    }
    for (const doc of composer.next(token)) docs.push(doc);
  }
  for (const doc of composer.end(false, text.length)) docs.push(doc);

  for (let i = 0; i < docs.length; i++) {
    const [from, , to] = docs[i].range;
    if (bounds && to - from > bounds.maxDocumentBytes) {
      throw new YamlInputError(`document ${i + 1} is larger than ${bounds.maxDocumentBytes} bytes (raise the bound with --max-document-bytes)`, file, lineOf(from));
    }
    const error = docs[i].errors[0];
    if (!error) continue;
    const what = describeAt(docs[i].contents, error.pos[0]);
    const label = what ?? (docs.length > 1 ? `document ${i + 1}` : undefined);
    throw new YamlInputError(`malformed YAML: ${error.message}`, file, lineOf(error.pos[0]), label);
  }
  const stray = strayText(text, docs) ?? uncoveredLine(text, docs);
  if (stray !== undefined) {
    throw new YamlInputError('malformed YAML: this line belongs to no node (check its indentation)', file, lineOf(stray));
  }
  return { text, file, docs, lineOf, crlf: mostlyCrlf(text) };
}

/**
 * New lines follow the file's usual line break: CRLF when most of its breaks are CRLF. A stray CRLF line in
 * an LF file (or the reverse) does not decide, even when it comes first: otherwise a last line without a
 * break would get the stray kind when something is added after it.
 */
function mostlyCrlf(text: string): boolean {
  let breaks = 0;
  let crlf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    breaks++;
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
  }
  return crlf * 2 > breaks;
}

/**
 * The offset of text outside every document's range that is not whitespace, a comment, a directive or a
 * document marker. yaml's composer drops some malformed input silently (a block sequence after an explicit
 * `? key` at the same column ends the document early); printing it back would then produce invalid YAML.
 */
function strayText(text: string, docs: readonly Document.Parsed[]): number | undefined {
  let at = 0;
  const gaps: [number, number][] = [];
  for (const doc of docs) {
    gaps.push([at, doc.range[0]]);
    at = Math.max(at, doc.range[2]);
  }
  gaps.push([at, text.length]);
  for (const [from, to] of gaps) {
    if (to <= from) continue;
    const gap = text.slice(from, to);
    const re = /^[ \t]*(?:#.*|---.*|\.\.\.[ \t]*|%.*)?\r?$/;
    let offset = from;
    for (const line of gap.split('\n')) {
      if (!re.test(line)) return offset + (line.length - line.trimStart().length);
      offset += line.length + 1;
    }
  }
  return undefined;
}

/**
 * Inside a document, yaml can also drop lines without an error: after an explicit key (`? a`), a block
 * sequence at the key's column is left out of every node. Only documents with an explicit key are
 * checked (the one trigger known): every line with content must hold part of a scalar or an alias.
 */
function uncoveredLine(text: string, docs: readonly Document.Parsed[]): number | undefined {
  for (const doc of docs) {
    const [from, , to] = doc.range;
    const body = text.slice(from, to);
    if (!/^[ \t-]*\?[ \t]/m.test(body)) continue;
    const covered: [number, number][] = [];
    visit(doc, {
      Scalar(_k, n) {
        if (n.range) covered.push([n.range[0], Math.max(n.range[1], n.range[0] + 1)]);
      },
      Alias(_k, n) {
        if (n.range) covered.push([n.range[0], Math.max(n.range[1], n.range[0] + 1)]);
      },
    });
    let offset = from;
    for (const line of body.split('\n')) {
      const content = line.replace(/(^|\s)#.*$/, '').trim();
      const lineEnd = offset + line.length;
      if (content !== '' && !/^(?:---|\.\.\.|(?:[-?:\s[\]{},]|&\S+|!\S*)+)$/.test(content) && !covered.some(([a, b]) => a < lineEnd && b > offset)) {
        return offset + (line.length - line.trimStart().length);
      }
      offset = lineEnd + 1;
    }
  }
  return undefined;
}
