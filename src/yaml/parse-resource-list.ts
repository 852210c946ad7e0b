// A KRM ResourceList (kpt, kustomize): items are handles; output is the original text with only the
// changed items' byte ranges replaced, so untouched items, orchestrator annotations, comments before
// `- ` and item order stay exactly as the orchestrator sent them.
import { isMap, isScalar, isSeq, Pair, Scalar, YAMLMap } from 'yaml';
import type { Document, Node, YAMLSeq } from 'yaml';
import type { Json } from '../k8s/types.js';
import type { ResourceListHandle, YamlDocHandle } from './types.js';
import { YamlInputError } from './types.js';
import { parseDocuments } from './parse-documents.js';
import type { DocumentBounds, ParsedText } from './parse-documents.js';
import { AnchorIndex } from './anchor-index.js';
import { NodeHandle } from './doc-handle.js';
import { keepOriginalWhitespace } from './keep-original-whitespace.js';
import { spliceEditedNode } from './splice-edited-node.js';
import { renderNode, trailingWhitespace } from './render-node.js';
import { columnOf, detectLayout } from './detect-layout.js';
import { jsonToNode } from './json-to-node.js';
import { JsonConverter, YamlStructureError, aliasBudgetFor } from './node-to-json.js';
import { DEFAULT_LAYOUT } from './yaml-options.js';
import { splitByteOrderMark } from './byte-order-mark.js';

interface ItemPart {
  handle: NodeHandle;
  start: number;
  end: number;
}

export function parseResourceList(input: string, file = '<stdin>', bounds?: DocumentBounds): ResourceListHandle {
  const { bom, body: text } = splitByteOrderMark(input);
  const parsed = parseDocuments(text, file);
  // A trailing `---` opens an empty document; only documents with content count.
  const docs = parsed.docs.filter((d) => !isEmptyDocument(d));
  if (docs.length !== 1) {
    const line = docs[1] ? parsed.lineOf(docs[1].range[0]) : undefined;
    throw new YamlInputError(`expected one ResourceList document, found ${docs.length} documents`, file, line);
  }
  const doc = docs[0];
  const root = doc.contents;
  const rootLine = parsed.lineOf((root as Node).range?.[0] ?? 0);
  if (!isMap(root)) throw new YamlInputError('expected a ResourceList (a mapping with kind: ResourceList)', file, rootLine);
  const kindNode = root.get('kind', true);
  const kind: unknown = isScalar(kindNode) ? kindNode.value : undefined;
  if (kind !== 'ResourceList') {
    const found = kind === undefined ? 'no kind' : `kind ${JSON.stringify(kind)}`;
    throw new YamlInputError(`expected kind: ResourceList, found ${found}`, file, rootLine);
  }

  const anchors = new AnchorIndex(root, text.includes('&'));
  const parseBudget = aliasBudgetFor(text.length);
  const itemsNode = root.get('items', true);
  const items: ItemPart[] = [];
  if (itemsNode !== undefined && !(isScalar(itemsNode) && itemsNode.value === null)) {
    if (!isSeq(itemsNode)) {
      const at = (itemsNode as Node).range?.[0];
      throw new YamlInputError('ResourceList `items` must be a list', file, at === undefined ? rootLine : parsed.lineOf(at));
    }
    const seq = itemsNode as YAMLSeq;
    if (bounds && seq.items.length > bounds.maxDocuments) {
      throw new YamlInputError(`more than ${bounds.maxDocuments} items (raise the bound with INJECT_ISTIO_SIDECAR_MAX_DOCUMENTS)`, file, parsed.lineOf((seq as Node).range?.[0] ?? 0));
    }
    seq.items.forEach((node, index) => {
      bounds?.checkMemory?.();
      const range = (node as Node | null)?.range;
      const line = range ? parsed.lineOf(range[0]) : rootLine;
      if (bounds && range && range[2] - range[0] > bounds.maxDocumentBytes) {
        throw new YamlInputError(`ResourceList item ${index} is larger than ${bounds.maxDocumentBytes} bytes (raise the bound with INJECT_ISTIO_SIDECAR_MAX_DOCUMENT_BYTES)`, file, line);
      }
      if (!isMap(node) || !range) {
        throw new YamlInputError(`ResourceList item ${index} is not a mapping (a KRM object)`, file, line);
      }
      const handle = new NodeHandle(
        { get: () => seq.items[index], set: (next) => (seq.items[index] = next) },
        line,
        index,
        { file, anchors, sourceLength: range[2] - range[0], lineOf: parsed.lineOf, parseBudget },
      );
      void handle.value;
      items.push({ handle, start: range[0], end: range[2] });
    });
  }
  const functionConfigNode = root.get('functionConfig', true);
  let functionConfig: Json | undefined;
  try {
    if (functionConfigNode !== undefined) {
      const converter = new JsonConverter(anchors, parseBudget);
      functionConfig = converter.toJson(functionConfigNode);
      // Read leniently, a list used as a key would become its JSON text and silently match no field.
      const bad = converter.nonScalarKey;
      if (bad !== undefined) {
        const at = bad.offset ?? (functionConfigNode as Node).range?.[0] ?? 0;
        throw new YamlInputError(`functionConfig: a mapping key must be a string, number or boolean, not ${bad.what}`, file, parsed.lineOf(at));
      }
    }
  } catch (error) {
    if (!(error instanceof YamlStructureError)) throw error;
    const at = error.offset ?? (functionConfigNode as Node).range?.[0] ?? 0;
    throw new YamlInputError(`functionConfig: ${error.message}`, file, parsed.lineOf(at));
  }
  return new ResourceList(parsed, root, items, functionConfig, bom);
}

function isEmptyDocument(doc: Document.Parsed): boolean {
  const contents = doc.contents;
  if (contents === null) return true;
  return isScalar(contents) && contents.value === null && contents.range[0] === contents.range[1];
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

class ResourceList implements ResourceListHandle {
  readonly items: YamlDocHandle[];
  private results: Json[] | undefined;

  constructor(
    private readonly parsed: ParsedText,
    private readonly root: YAMLMap,
    private readonly parts: ItemPart[],
    readonly functionConfig: Json | undefined,
    private readonly bom: string,
  ) {
    this.items = parts.map((p) => p.handle);
  }

  setResults(results: Json[]): void {
    this.results = results;
  }

  toString(): string {
    const { text } = this.parsed;
    const edits: Edit[] = [];
    for (const part of this.parts) {
      if (!part.handle.changed) continue;
      const node = part.handle.node as { range?: [number, number, number] };
      const spliced = part.handle.spliceable && node.range?.[0] === part.start
        ? spliceEditedNode(node, { text, crlf: this.parsed.crlf, layout: detectLayout(node, text) })
        : undefined;
      if (spliced !== undefined) {
        edits.push({ start: part.start, end: spliced.end, text: spliced.text });
        continue;
      }
      const original = text.slice(part.start, part.end);
      edits.push({
        start: part.start,
        end: part.end,
        text: keepOriginalWhitespace(
          original,
          renderNode(part.handle.node, {
            text,
            column: columnOf(text, part.start),
            trailing: trailingWhitespace(original),
            crlf: this.parsed.crlf,
            layout: detectLayout(part.handle.node, text),
          }),
        ),
      });
    }
    const resultsEdit = this.resultsEdit();
    if (resultsEdit) edits.push(resultsEdit);
    edits.sort((a, b) => a.start - b.start);
    let out = '';
    let at = 0;
    for (const edit of edits) {
      out += text.slice(at, edit.start) + edit.text;
      at = edit.end;
    }
    return this.bom + out + text.slice(at);
  }

  /** `results:` replaces an existing top-level `results` entry or is appended after the last entry. */
  private resultsEdit(): Edit | undefined {
    if (this.results === undefined) return undefined;
    const { text, crlf } = this.parsed;
    const existing = (this.root.items as Pair[]).find((p) => isScalar(p.key) && p.key.value === 'results');
    if (!existing && this.results.length === 0) return undefined;
    const rootRange = this.root.range as [number, number, number];
    const rendered = (trailing: string): string => {
      const map = new YAMLMap();
      map.items.push(new Pair(new Scalar('results'), jsonToNode(this.results as Json[])));
      return renderNode(map, {
        text,
        column: 0,
        trailing,
        crlf,
        layout: { ...DEFAULT_LAYOUT, indentSeq: detectLayout(this.root, text).indentSeq },
      });
    };
    const lineBreak = crlf ? '\r\n' : '\n';
    if (this.root.flow) {
      // JSON (or flow YAML) input: add `"results": [...]` inside the braces, keeping it JSON-compatible.
      const inner = JSON.stringify({ results: this.results }).slice(1, -1);
      const existingValue = (existing?.value as Node | null | undefined)?.range;
      if (existingValue) return { start: existingValue[0], end: existingValue[1], text: JSON.stringify(this.results) };
      const close = text.lastIndexOf('}', rootRange[1]);
      const hasItems = this.root.items.length > 0;
      return { start: close, end: close, text: `${hasItems ? ',' : ''}${inner}` };
    }
    if (existing) {
      const from = (existing.key as Node).range?.[0] as number;
      const valueRange = (existing.value as Node | null)?.range;
      const to = valueRange ? valueRange[2] : text.indexOf('\n', from) + 1 || text.length;
      return { start: from, end: to, text: rendered(trailingWhitespace(text.slice(from, to))) };
    }
    const end = rootRange[2];
    const needsBreak = end > 0 && text[end - 1] !== '\n';
    return { start: end, end, text: (needsBreak ? lineBreak : '') + rendered(lineBreak) };
  }
}
