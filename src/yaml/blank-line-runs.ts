// yaml remembers only "there was a blank line before this node" (spaceBefore), so a changed document
// would lose the second and further blank lines of a run (between sections, between containers).
// Before a render, a node preceded by N >= 2 blank lines gets a marker comment; after the render the
// marker line is replaced by the N - 1 blank lines yaml did not print itself.
import { isCollection, isPair, isScalar } from 'yaml';
import type { Node } from 'yaml';
import { isNewCollection } from './new-collections.js';

const MARKER = '\u0000blank-lines:';
const MARKER_LINE = /^[ \t]*#\u0000blank-lines:(\d+)$/;

/** Marks the nodes under `root` that follow a run of 2+ blank lines; returns a function that undoes it. */
export function markBlankLineRuns(root: unknown, text: string): () => void {
  const marked: Array<[Node, string | null | undefined]> = [];
  const mark = (node: unknown): void => {
    if (!(isScalar(node) || isCollection(node)) || !node.spaceBefore || !node.range) return;
    const blank = blankLinesAbove(text, node.range[0], Boolean(node.commentBefore));
    if (blank < 2) return;
    marked.push([node, node.commentBefore]);
    node.commentBefore = node.commentBefore ? `${MARKER}${blank}\n${node.commentBefore}` : `${MARKER}${blank}`;
  };
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    // Collections update() made hold no parsed nodes, so nothing with blank lines above it.
    if (isNewCollection(node)) continue;
    if (isPair(node)) {
      mark(node.key);
      stack.push(node.value);
    } else if (isCollection(node)) {
      for (const item of node.items) {
        if (!isPair(item)) mark(item);
        stack.push(item);
      }
    }
  }
  return () => {
    for (const [node, commentBefore] of marked) node.commentBefore = commentBefore;
  };
}

/** Replaces each marker line of a rendered text by the blank lines it stands for (yaml printed one). */
export function expandBlankLineMarkers(rendered: string): string {
  if (!rendered.includes(MARKER)) return rendered;
  return rendered
    .split('\n')
    .map((line) => {
      const match = MARKER_LINE.exec(line);
      return match ? '\n'.repeat(Number(match[1]) - 2) : line;
    })
    .join('\n');
}

/** Blank lines directly above the line holding `offset` (the dash line for a sequence item), or above
 *  the comment lines right above it when the node has a leading comment. */
function blankLinesAbove(text: string, offset: number, hasComment: boolean): number {
  let lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (hasComment) {
    let comments = 0;
    while (lineStart > 0) {
      const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
      if (!text.slice(prevStart, lineStart - 1).trimStart().startsWith('#')) break;
      comments++;
      lineStart = prevStart;
    }
    if (comments === 0) return 0;
  }
  let count = 0;
  while (lineStart > 0) {
    const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
    if (text.slice(prevStart, lineStart - 1).trim() !== '') break;
    count++;
    lineStart = prevStart;
  }
  return count;
}
