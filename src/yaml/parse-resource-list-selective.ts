// The fast path of parseResourceList: items are split by lines (scan-resource-list.ts), and only the
// items `wants` asks for (or whose lines simple-lines.ts cannot vouch for) are parsed, each on its own;
// every other item is written back as its original bytes. Returns undefined when the scanner is not sure of the layout or an item
// does not parse on its own (an alias to another item's anchor, say): the caller then uses
// parseResourceList, so what comes out never depends on the fast path. The same for an input near its
// bounds (item count or size): parseResourceList then refuses it with its own errors.
import { isMap, isSeq, Pair, Scalar, YAMLMap } from 'yaml';
import type { Node, YAMLSeq } from 'yaml';
import type { Json } from '../k8s/types.js';
import type { ResourceListHandle, YamlDocHandle } from './types.js';
import { parseDocuments, type DocumentBounds } from './parse-documents.js';
import { keepOriginalWhitespace } from './keep-original-whitespace.js';
import { spliceEditedNode } from './splice-edited-node.js';
import { parseResourceList } from './parse-resource-list.js';
import { scanResourceList, type ScannedItem } from './scan-resource-list.js';
import { readItemHead, type ItemHead } from './item-head.js';
import { linesAreSimple } from './simple-lines.js';
import { AnchorIndex } from './anchor-index.js';
import { NodeHandle } from './doc-handle.js';
import { renderNode, trailingWhitespace } from './render-node.js';
import { columnOf, detectLayout } from './detect-layout.js';
import { jsonToNode } from './json-to-node.js';
import { aliasBudgetFor, type JsonBudget } from './node-to-json.js';
import { DEFAULT_LAYOUT } from './yaml-options.js';

export type { ItemHead } from './item-head.js';
import { FastPathUnsure, type ParseWhen } from './fast-path-unsure.js';

export function parseResourceListSelective(
  text: string,
  file: string,
  wantsFor: (functionConfig: Json | undefined) => (head: ItemHead | undefined) => ParseWhen | boolean,
  bounds?: DocumentBounds,
): (Omit<ResourceListHandle, 'items'> & { items: ItemPart[] }) | undefined {
  const scan = scanResourceList(text);
  if (!scan) return undefined;
  // An item's lines hold its node and more (`- `, trailing comments): past a bound, parseResourceList decides.
  if (bounds && (scan.items.length > bounds.maxDocuments || scan.items.some((i) => i.end - i.lineStart > bounds.maxDocumentBytes))) return undefined;
  let skeleton: ResourceListHandle;
  try {
    // Everything but the items: kind, functionConfig, ... (small), through the full parser.
    skeleton = parseResourceList(text.slice(0, scan.regionStart) + text.slice(scan.regionEnd), file);
  } catch {
    return undefined;
  }
  let wants: (head: ItemHead | undefined) => ParseWhen | boolean;
  try {
    wants = wantsFor(skeleton.functionConfig);
  } catch {
    return undefined;
  }
  const parseBudget = aliasBudgetFor(text.length);
  const items: ItemPart[] = [];
  for (const item of scan.items) {
    bounds?.checkMemory?.();
    const head = readItemHead(text, item.contentStart, item.end, scan.seqIndent + 2);
    const want = wants(head);
    const when: ParseWhen = want === true ? 'first' : want === false ? 'never' : want;
    // An item the run does not read is copied as bytes, once its lines show it is well-formed YAML.
    if (when === 'never' && linesAreSimple(text, item.contentStart, item.end, scan.seqIndent + 2)) continue;
    const part = new ItemPart(text, item, file, parseBudget, when === 'later' && head !== undefined);
    if (!part.deferred && !part.parse()) return undefined;
    items.push(part);
  }
  return new SelectiveResourceList(text, items, skeleton.functionConfig, scan.seqIndent > 0);
}

interface ParsedItem {
  handle: NodeHandle;
  /** The item's own text (its `- ` line to its end); `offset` is where that sits in the input. */
  slice: string;
  range: [number, number, number];
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * One item read in full: parsed now or on first use (`deferred`), and released once the run is done
 * with it, keeping only its new text if it changed. So a list of many workloads holds one parsed
 * item at a time, not all of them.
 */
export class ItemPart implements YamlDocHandle {
  private parsed: ParsedItem | undefined;
  private edit: Edit | undefined;
  private released = false;

  constructor(
    private readonly text: string,
    private readonly item: ScannedItem,
    private readonly file: string,
    private readonly parseBudget: JsonBudget,
    /** Parsed on first use: the run reads it only when it reaches it (workloads, not namespaces). */
    readonly deferred: boolean,
  ) {}

  /** Parses the item on its own; false when it does not (the caller falls back to the full parser). */
  parse(): boolean {
    const { item, file } = this;
    const slice = this.text.slice(item.lineStart, item.end);
    let parsed;
    try {
      parsed = parseDocuments(slice, file);
    } catch {
      return false;
    }
    const seq = parsed.docs.length === 1 ? parsed.docs[0]!.contents : undefined;
    // Not a mapping: parseResourceList names the item in its error.
    if (!isSeq(seq) || seq.items.length !== 1 || !isMap(seq.items[0]) || !(seq.items[0] as Node | null)?.range) return false;
    const node = seq.items[0] as Node;
    const range = node.range as [number, number, number];
    const firstLine = item.line;
    const lineOf = (offset: number) => parsed.lineOf(offset) + firstLine - 1;
    const handle = new NodeHandle(
      { get: () => (seq as YAMLSeq).items[0], set: (next) => ((seq as YAMLSeq).items[0] = next) },
      lineOf(range[0]),
      item.index,
      { file, anchors: new AnchorIndex(seq, slice.includes('&')), sourceLength: range[2] - range[0], lineOf, parseBudget: this.parseBudget },
    );
    try {
      void handle.value;
    } catch {
      return false;
    }
    this.parsed = { handle, slice, range };
    return true;
  }

  private handle(): NodeHandle {
    if (this.released) throw new Error(`item ${this.item.index} was read after its release`);
    if (this.parsed === undefined && !this.parse()) throw new FastPathUnsure(this.file);
    return this.parsed!.handle;
  }

  get value(): Json {
    return this.handle().value;
  }
  get line(): number {
    return this.handle().line;
  }
  get index(): number {
    return this.item.index;
  }
  get changed(): boolean {
    return this.edit !== undefined || (this.parsed?.handle.changed ?? false);
  }
  get nonScalarKey(): { what: string; line: number } | undefined {
    return this.handle().nonScalarKey;
  }
  update(next: Json): boolean {
    return this.handle().update(next);
  }
  lineAt(path: readonly (string | number)[]): number | undefined {
    return this.handle().lineAt(path);
  }

  /** The run is done with this item: keep its new text (if any) and let the parsed item go. */
  release(): void {
    if (this.released) return;
    this.edit = this.currentEdit();
    this.parsed = undefined;
    this.released = true;
  }

  /** The replacement of this item's bytes in the input, if it changed. */
  currentEdit(): Edit | undefined {
    if (this.released) return this.edit;
    const part = this.parsed;
    if (part === undefined || !part.handle.changed) return undefined;
    const offset = this.item.lineStart;
    const [start, , end] = part.range;
    const node = part.handle.node as { range?: [number, number, number] };
    const spliced = part.handle.spliceable && node.range?.[0] === start
      ? spliceEditedNode(node, { text: part.slice, crlf: false, layout: detectLayout(node, part.slice) })
      : undefined;
    if (spliced !== undefined) return { start: offset + start, end: offset + spliced.end, text: spliced.text };
    const original = part.slice.slice(start, end);
    return {
      start: offset + start,
      end: offset + end,
      text: keepOriginalWhitespace(
        original,
        renderNode(part.handle.node, {
          text: part.slice,
          column: columnOf(part.slice, start),
          trailing: trailingWhitespace(original),
          crlf: false,
          layout: detectLayout(part.handle.node, part.slice),
        }),
      ),
    };
  }
}

class SelectiveResourceList implements ResourceListHandle {
  readonly items: ItemPart[];
  private results: Json[] | undefined;

  constructor(
    private readonly text: string,
    private readonly parts: ItemPart[],
    readonly functionConfig: Json | undefined,
    private readonly indentSeq: boolean,
  ) {
    this.items = parts;
  }

  setResults(results: Json[]): void {
    this.results = results;
  }

  toString(): string {
    const { text } = this;
    const edits: Edit[] = [];
    for (const part of this.parts) {
      const edit = part.currentEdit();
      if (edit !== undefined) edits.push(edit);
    }
    const results = this.resultsEdit();
    if (results) edits.push(results);
    let out = '';
    let at = 0;
    for (const edit of edits) {
      out += text.slice(at, edit.start) + edit.text;
      at = edit.end;
    }
    return out + text.slice(at);
  }

  /** `results:` appended after the root mapping's last line, as parseResourceList writes it (the scanner
   *  refused inputs that already had results). */
  private resultsEdit(): Edit | undefined {
    if (this.results === undefined || this.results.length === 0) return undefined;
    const { text } = this;
    let last = text.length;
    while (last > 0 && (text[last - 1] === ' ' || text[last - 1] === '\n')) last--;
    const end = last === 0 ? 0 : text.indexOf('\n', last) + 1 || text.length;
    const map = new YAMLMap();
    map.items.push(new Pair(new Scalar('results'), jsonToNode(this.results)));
    const rendered = renderNode(map, { text, column: 0, trailing: '\n', crlf: false, layout: { ...DEFAULT_LAYOUT, indentSeq: this.indentSeq } });
    const needsBreak = end > 0 && text[end - 1] !== '\n';
    return { start: end, end, text: (needsBreak ? '\n' : '') + rendered };
  }
}
