// Print one node (a changed document's content or one ResourceList item) so it can be spliced back
// exactly where the original node's bytes were: same column, same line endings, and without what lies
// outside the node's range (its leading comment, anchor, tag), which the surrounding text still holds.
import { Document, Scalar, isCollection, isMap, isScalar, visit } from 'yaml';
import type { Node, Pair } from 'yaml';
import { registerSource } from './source-registry.js';
import { markCommentGaps } from './inline-comment-gaps.js';
import { expandBlankLineMarkers, markBlankLineRuns } from './blank-line-runs.js';
import { toStringOptions, PARSE_OPTIONS } from './yaml-options.js';
import type { LayoutStyle } from './yaml-options.js';

export interface RenderTarget {
  /** The full input text (node ranges point into it). */
  text: string;
  /** Column where the rendered text starts; following lines are indented by as much. */
  column: number;
  /** The whitespace (line breaks, indentation) the replaced bytes ended with; it is kept as it was. */
  trailing: string;
  crlf: boolean;
  layout: LayoutStyle;
}

/** The trailing whitespace of a byte range that is about to be replaced. */
export function trailingWhitespace(text: string): string {
  let i = text.length;
  while (i > 0 && ' \t\r\n'.includes(text[i - 1])) i--;
  return text.slice(i);
}

export function renderNode(node: unknown, target: RenderTarget): string {
  // JSON input stays JSON: new strings and keys inside flow collections are written as JSON strings.
  const flow = isCollection(node) && node.flow;
  if (flow) quoteNewStrings(node as Node);
  const doc = new Document(null, PARSE_OPTIONS);
  registerSource(doc, { text: target.text, shift: target.column });
  const tail = originalTrailingComments(node, target.text);
  const restoreProps = detachOutsideProps(node, target.text);
  const range = (node as Node | null)?.range;
  const mayHaveComments = !range || target.text.slice(range[0], range[2]).includes('#');
  const restoreGaps = mayHaveComments ? markCommentGaps(node, target.text) : () => {};
  const restoreBlankLines = markBlankLineRuns(node, target.text);
  let out: string;
  try {
    doc.contents = node as Node;
    // `directives: false`: this fresh document has no directives to print, and yaml would otherwise walk
    // the whole tree looking for tags that need a %TAG line (~5% of a large run).
    out = doc.toString({ ...toStringOptions(target.layout), doubleQuotedAsJSON: flow, directives: false });
  } finally {
    restoreBlankLines();
    restoreGaps();
    restoreProps();
  }
  out = expandBlankLineMarkers(out);
  if (target.column > 0) {
    const pad = ' '.repeat(target.column);
    out = out
      .split('\n')
      .map((line, i) => (i === 0 || line === '' ? line : pad + line))
      .join('\n');
  }
  if (tail !== undefined) {
    // The comment lines after a block collection's last entry go back verbatim (blank lines, columns).
    return (target.crlf ? out.replace(/\r?\n/g, '\r\n') : out) + tail;
  }
  out = out.replace(/\n$/, '');
  return (target.crlf ? out.replace(/\r?\n/g, '\r\n') : out) + target.trailing;
}

const COMMENT_LINES = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]*$/;

/** The original text of the comment lines that end a block collection's range, if that is what is there. */
function originalTrailingComments(node: unknown, text: string): string | undefined {
  if (!isCollection(node) || node.flow || !node.range || !node.comment) return undefined;
  const [, valueEnd, nodeEnd] = node.range;
  if (valueEnd >= nodeEnd || text[valueEnd - 1] !== '\n') return undefined;
  const tail = text.slice(valueEnd, nodeEnd);
  return COMMENT_LINES.test(tail) && tail.includes('#') ? tail : undefined;
}

/** Temporarily remove the parts of a node that are printed before its range. */
function detachOutsideProps(node: unknown, text: string): () => void {
  if (!(isScalar(node) || isCollection(node))) return () => {};
  const n = node as Node & { anchor?: string; tag?: string };
  // Only original nodes have bytes before their range; a new node must print its own props.
  if (!n.range) return () => {};
  const saved = { commentBefore: n.commentBefore, spaceBefore: n.spaceBefore, anchor: n.anchor, tag: n.tag, comment: n.comment };
  // Trailing comment lines are copied from the input instead (see originalTrailingComments).
  if (isCollection(n) && !n.flow && originalTrailingComments(n, text) !== undefined) n.comment = undefined;
  n.commentBefore = undefined;
  n.spaceBefore = undefined;
  n.anchor = undefined;
  n.tag = undefined;
  // A comment above the first key of a block map belongs to that key but sits before the map's range.
  const firstKey = isMap(n) && !n.flow ? (n.items[0] as Pair | undefined)?.key : undefined;
  const keyNode = isScalar(firstKey) || isCollection(firstKey) ? (firstKey as Node) : undefined;
  const keyAtStart = keyNode?.range && keyNode.range[0] === n.range[0] ? keyNode : undefined;
  const savedKey = { commentBefore: keyAtStart?.commentBefore, spaceBefore: keyAtStart?.spaceBefore };
  if (keyAtStart) {
    keyAtStart.commentBefore = undefined;
    keyAtStart.spaceBefore = undefined;
  }
  return () => {
    n.commentBefore = saved.commentBefore;
    n.comment = saved.comment;
    n.spaceBefore = saved.spaceBefore;
    n.anchor = saved.anchor;
    n.tag = saved.tag;
    if (keyAtStart) {
      keyAtStart.commentBefore = savedKey.commentBefore;
      keyAtStart.spaceBefore = savedKey.spaceBefore;
    }
  };
}

function quoteNewStrings(root: Node): void {
  visit(root, {
    Scalar(_key, node) {
      if (!node.range && typeof node.value === 'string') node.type = Scalar.QUOTE_DOUBLE;
    },
  });
}
