// A multi-document stream (`---` separated manifests): unchanged documents are written back as their
// exact original bytes; a changed document keeps its separator, leading comments and trailing text and
// only its content is re-rendered.
import type { Document } from 'yaml';
import type { YamlDocHandle, YamlStream } from './types.js';
import { parseDocuments } from './parse-documents.js';
import type { DocumentBounds, ParsedText } from './parse-documents.js';
import { AnchorIndex } from './anchor-index.js';
import { NodeHandle } from './doc-handle.js';
import { aliasBudgetFor } from './node-to-json.js';
import { keepOriginalWhitespace } from './keep-original-whitespace.js';
import { spliceEditedNode } from './splice-edited-node.js';
import { renderNode, trailingWhitespace } from './render-node.js';
import { columnOf, detectLayout } from './detect-layout.js';
import { DEFAULT_LAYOUT } from './yaml-options.js';
import { splitByteOrderMark } from './byte-order-mark.js';

interface StreamPart {
  doc: Document.Parsed;
  handle: NodeHandle;
  /** Bytes of the input that belong to this document (including comments and `---` before it). */
  start: number;
  end: number;
  /** Range of the original content node, when the document had content. */
  contentStart?: number;
  contentEnd?: number;
}

/** `firstLine`: the input's first line is this line of its file (a slice of a larger input). */
export function parseStream(input: string, file: string, bounds?: DocumentBounds, firstLine = 1): YamlStream {
  const { bom, body: text } = splitByteOrderMark(input);
  const parsed = parseDocuments(text, file, bounds, firstLine);
  const mayHaveAnchors = text.includes('&');
  const parseBudget = aliasBudgetFor(text.length);
  const parts: StreamPart[] = [];
  let start = 0;
  parsed.docs.forEach((doc, index) => {
    const isLast = index === parsed.docs.length - 1;
    const end = isLast ? text.length : doc.range[2];
    const range = (doc.contents as { range?: [number, number, number] } | null)?.range;
    const firstLine = parsed.lineOf(range ? range[0] : doc.range[0]);
    const handle = new NodeHandle(
      { get: () => doc.contents, set: (node) => (doc.contents = node as Document.Parsed['contents']) },
      firstLine,
      index,
      { file, anchors: new AnchorIndex(doc.contents, mayHaveAnchors), sourceLength: end - start, lineOf: parsed.lineOf, parseBudget },
    );
    // Convert now: a bad document (alias bomb, alias cycle) is an input error at parse time.
    void handle.value;
    // An empty document (`---` alone, or only comments) has an empty null scalar, or nothing, as content.
    const hasContent = range !== undefined && range[1] > range[0];
    parts.push({ doc, handle, start, end, contentStart: hasContent ? range[0] : undefined, contentEnd: hasContent ? range[2] : undefined });
    start = end;
  });
  return new Stream(parsed, parts, bom);
}

class Stream implements YamlStream {
  readonly docs: YamlDocHandle[];
  constructor(private readonly parsed: ParsedText, private readonly parts: StreamPart[], private readonly bom: string) {
    this.docs = parts.map((p) => p.handle);
  }

  toString(): string {
    const { text } = this.parsed;
    if (this.parts.length === 0) return this.bom + text;
    let out = this.bom;
    for (const part of this.parts) {
      if (!part.handle.changed) {
        out += text.slice(part.start, part.end);
      } else if (part.contentStart !== undefined && part.contentEnd !== undefined) {
        const original = text.slice(part.contentStart, part.contentEnd);
        out += text.slice(part.start, part.contentStart);
        const node = part.handle.node as { range?: [number, number, number] };
        const spliced = part.handle.spliceable && node.range?.[0] === part.contentStart
          ? spliceEditedNode(node, { text, crlf: this.parsed.crlf, layout: detectLayout(part.doc.contents, text) })
          : undefined;
        if (spliced !== undefined) {
          out += spliced.text + text.slice(spliced.end, part.end);
          continue;
        }
        const rendered = renderNode(part.handle.node, {
          text,
          column: columnOf(text, part.contentStart),
          trailing: trailingWhitespace(original),
          crlf: this.parsed.crlf,
          layout: detectLayout(part.doc.contents, text),
        });
        out += keepOriginalWhitespace(original, rendered);
        out += text.slice(part.contentEnd, part.end);
      } else {
        out += this.renderIntoEmptyDocument(part);
      }
    }
    return out;
  }

  /** A document that had no content (only `---` or comments) and got some: add it after what is there. */
  private renderIntoEmptyDocument(part: StreamPart): string {
    const { text, crlf } = this.parsed;
    const lineBreak = crlf ? '\r\n' : '\n';
    const existing = text.slice(part.start, part.end);
    const separator = existing === '' || existing.endsWith('\n') ? '' : lineBreak;
    const rendered = renderNode(part.handle.node, { text, column: 0, trailing: lineBreak, crlf, layout: DEFAULT_LAYOUT });
    return existing + separator + rendered;
  }
}
