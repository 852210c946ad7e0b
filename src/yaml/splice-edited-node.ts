// A changed document is written as its original text with only the edited entries replaced: every
// entry of an edited block collection that update() kept as it was goes out as its original bytes
// (its indentation, trailing spaces, flow spacing, comments and blank lines before it); an entry edited
// in place is spliced the same way one level down; only new or replaced entries are printed, at the
// column of their siblings. So the diff of an injected document holds only the lines injection adds or
// rewrites. Where the text does not have the expected shape (props before a key, a dash not where the
// sequence's column says), the entry, or the whole node, is printed instead (callers fall back).
import { isCollection, isMap, isScalar, isSeq, YAMLMap, YAMLSeq } from 'yaml';
import type { Node, Pair } from 'yaml';
import { originalEntries, replacedNode, wasEdited, type OriginalEntry } from './edit-history.js';
import { columnOf } from './detect-layout.js';
import { renderNode } from './render-node.js';
import type { LayoutStyle } from './yaml-options.js';

export interface SpliceTarget {
  /** The full input text the parsed nodes' ranges point into. */
  text: string;
  crlf: boolean;
  /** How new entries lay out their own nested collections. */
  layout: LayoutStyle;
}

class CannotSplice extends Error {}

/** The new text of the node's bytes `[node.range[0], end)`, or undefined when it cannot be spliced. */
export function spliceEditedNode(node: unknown, target: SpliceTarget): { text: string; end: number } | undefined {
  if (!isEditedBlock(node)) return undefined;
  try {
    const splicer = new Splicer(target);
    return { text: splicer.collection(node), end: splicer.blockEnd(node) };
  } catch (error) {
    if (error instanceof CannotSplice) return undefined;
    throw error;
  }
}

type Block = (YAMLMap | YAMLSeq) & { range: [number, number, number] };

function isEditedBlock(node: unknown): node is Block {
  return isCollection(node) && !node.flow && node.range !== undefined && node.range !== null && wasEdited(node);
}

/** Where an original entry's bytes are: `lead` (after the previous entry: comments and blank lines
 *  before it), `head` (its key or dash), `end` (after the line break ending its content). */
interface Span {
  lead: number;
  head: number;
  end: number;
}

class Splicer {
  private readonly text: string;
  private readonly lineBreak: string;

  constructor(private readonly target: SpliceTarget) {
    this.text = target.text;
    this.lineBreak = target.crlf ? '\r\n' : '\n';
  }

  /** The new text of `[c.range[0], blockEnd(c))`. */
  collection(c: Block): string {
    const entries = originalEntries(c)!;
    if (c.items.length === 0 || entries.length === 0) throw new CannotSplice();
    const start = c.range[0];
    const end = this.blockEnd(c);
    const col = columnOf(this.text, start);
    const spans = this.spans(c, entries, col);
    const tail = this.text.slice(spans[spans.length - 1]!.end, end);
    if (tail.trim() !== '' && !/^\s*#/.test(tail.trim())) throw new CannotSplice();
    const byIdentity = new Map<unknown, number>();
    entries.forEach((e, k) => byIdentity.set('pair' in e ? e.pair : e.item, k));

    const used = new Set<number>();
    let out = '';
    c.items.forEach((item, i) => {
      let k = byIdentity.get(item) ?? (isSeq(c) ? byIdentity.get(replacedNode(item)) : undefined);
      if (k !== undefined && used.has(k)) k = undefined;
      if (k !== undefined) used.add(k);
      let piece: string;
      if (k === undefined) {
        piece = (i === 0 ? '' : ' '.repeat(col)) + this.render(c, item, false);
      } else {
        const span = spans[k]!;
        const prefix = i === 0 ? '' : k === 0 ? ' '.repeat(col) : this.text.slice(span.lead, span.head);
        piece = prefix + this.entry(c, entries[k]!, item, span);
      }
      if (out !== '' && !out.endsWith('\n')) out += this.lineBreak;
      out += piece;
    });
    out += tail;
    // The node ended without a line break (end of input): so does its new text, unless its last line is
    // an original CRLF line in an LF file (taking its LF would leave a lone CR, and its CR is its bytes).
    if (!this.text.slice(start, end).endsWith('\n') && (this.target.crlf || !out.endsWith('\r\n'))) out = out.replace(/\r?\n$/, '');
    return out;
  }

  /** The text of one original entry from its head to its end, with what changed in it replaced. */
  private entry(c: Block, original: OriginalEntry, item: unknown, span: Span): string {
    const current = 'pair' in original ? (item as Pair).value : item;
    const before = 'pair' in original ? original.value : original.item;
    if (current === before) {
      if (!wasEdited(current)) return this.text.slice(span.head, span.end);
      if (isEditedBlock(current)) {
        try {
          return this.text.slice(span.head, current.range[0]) + this.collection(current) + this.text.slice(this.blockEnd(current), span.end);
        } catch (error) {
          if (!(error instanceof CannotSplice)) throw error;
        }
      }
    }
    // Replaced, or an edited flow collection: print this entry alone (its comments before stay in the prefix).
    return this.render(c, item, true);
  }

  private render(c: Block, item: unknown, hasPrefix: boolean): string {
    const holder = isMap(c) ? new YAMLMap() : new YAMLSeq();
    holder.items.push(item as Pair & Node);
    // The comment lines and blank lines before an original entry are in the text before it.
    const first = isMap(c) ? ((item as Pair).key as Node | null) : (item as Node | null);
    const saved = first && hasPrefix ? { commentBefore: first.commentBefore, spaceBefore: first.spaceBefore } : undefined;
    if (first && saved) {
      first.commentBefore = undefined;
      first.spaceBefore = undefined;
    }
    try {
      return renderNode(holder, { text: this.text, column: columnOf(this.text, c.range[0]), trailing: this.lineBreak, crlf: this.target.crlf, layout: this.target.layout });
    } finally {
      if (first && saved) {
        first.commentBefore = saved.commentBefore;
        first.spaceBefore = saved.spaceBefore;
      }
    }
  }

  private spans(c: Block, entries: readonly OriginalEntry[], col: number): Span[] {
    const spans: Span[] = [];
    let lead = c.range[0];
    entries.forEach((e, k) => {
      const head = 'pair' in e ? this.keyHead(e.pair, k === 0 ? c.range[0] : undefined) : this.dashHead(e.item, col, k === 0 ? c.range[0] : undefined);
      if (head < lead) throw new CannotSplice();
      const content = 'pair' in e ? (e.value as Node | null) ?? (e.pair.key as Node) : (e.item as Node | null);
      const end = this.endOf(content, head);
      spans.push({ lead, head, end });
      lead = end;
    });
    return spans;
  }

  /** The start of a map entry: its key, alone on its line but for indentation (or first in the map). */
  private keyHead(pair: Pair, collectionStart: number | undefined): number {
    const key = pair.key as Node | null;
    const range = isScalar(key) ? key.range : undefined;
    if (!range) throw new CannotSplice();
    const at = range[0];
    // An explicit key (`? key`) starts at its `?`.
    if (collectionStart !== undefined) {
      if (at !== collectionStart && !/^\?[ \t]+$/.test(this.text.slice(collectionStart, at))) throw new CannotSplice();
      return collectionStart;
    }
    const lineStart = this.text.lastIndexOf('\n', at - 1) + 1;
    const before = this.text.slice(lineStart, at);
    if (before.trim() === '') return at;
    if (/^[ \t]*\?[ \t]+$/.test(before)) return lineStart + before.indexOf('?');
    throw new CannotSplice();
  }

  /** The `-` of a sequence item, at the sequence's column. */
  private dashHead(item: unknown, col: number, collectionStart: number | undefined): number {
    const range = (item as Node | null)?.range;
    if (!range) throw new CannotSplice();
    const at = collectionStart ?? this.text.lastIndexOf('\n', range[0] - 1) + 1 + col;
    if (this.text[at] !== '-' || at >= range[0] || (collectionStart === undefined && this.text.slice(at - col, at).trim() !== '')) throw new CannotSplice();
    return at;
  }

  /** Where a block collection's bytes end: after a line break (or at the end of the input). Anything
   *  else means yaml's ranges do not cover the text (seen with an explicit `? key` before a sequence):
   *  then the bytes cannot be trusted to tile the node, and it is printed instead. */
  blockEnd(node: Node): number {
    const end = node.range?.[1];
    if (end === undefined) throw new CannotSplice();
    if (end >= this.text.length || this.text[end - 1] === '\n') return end;
    // yaml ends a map whose last value is empty with a comment (`key: #`) inside the next line's indentation.
    const lineStart = this.text.lastIndexOf('\n', end - 1) + 1;
    if (lineStart > (node.range?.[0] ?? 0) && /^[ \t]*$/.test(this.text.slice(lineStart, end))) return lineStart;
    // A last entry without a value (`key:`) ends the range at its colon: the rest of the line is blank.
    const nl = this.text.indexOf('\n', end);
    const rest = this.text.slice(end, nl < 0 ? this.text.length : nl).trim();
    if (rest !== '' && !rest.startsWith('#')) throw new CannotSplice();
    return nl < 0 ? this.text.length : nl + 1;
  }

  /** After the line break that ends a node's content (its trailing comment included). */
  private endOf(node: Node | null, head: number): number {
    const range = node?.range;
    // A block collection's range ends after its last line break; a scalar's before its trailing comment.
    if (isCollection(node) && !node.flow) return this.blockEnd(node);
    const p = range ? range[1] : head;
    if (p > 0 && this.text[p - 1] === '\n') return p;
    const nl = this.text.indexOf('\n', p);
    return nl < 0 ? this.text.length : nl + 1;
  }
}
