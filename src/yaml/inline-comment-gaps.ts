// yaml prints `value # comment` with exactly one space; the input may have aligned comments with several.
// Before a render, the original gap is smuggled into each inline comment with a marker that our
// `commentString` option turns back into those spaces, so unchanged lines of a changed document stay equal.
import { isCollection, isPair, isScalar } from 'yaml';
import { isNewCollection } from './new-collections.js';
import type { Node, Scalar } from 'yaml';

const MARK = '\u0000gap:';
const GAP = /^\u0000gap:([ \t]*)\u0000/;

// A value that replaced an original scalar keeps that scalar's comment, and its gap with it.
const replacedScalar = new WeakMap<Node, Scalar>();

export function inheritCommentGap(replacement: Node, original: unknown): void {
  if (isScalar(original) && original.comment && original.range) replacedScalar.set(replacement, original);
}

/** Marks inline comments of original scalars under `root`; returns a function that undoes it. */
export function markCommentGaps(root: unknown, text: string): () => void {
  const marked: Array<[Scalar, string]> = [];
  const mark = (node: Scalar): void => {
    const range = node.range ?? replacedScalar.get(node)?.range;
    if (!node.comment || !range) return;
    const after = text.slice(range[1], range[2]);
    const gap = /^([ \t]+)#/.exec(after);
    if (!gap || gap[1] === ' ') return;
    marked.push([node, node.comment]);
    node.comment = `${MARK}${gap[1].slice(1)}\u0000${node.comment}`;
  };
  // An iterative walk: cheaper than visit() for the thousands of items of a large ResourceList.
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    // Collections update() made hold only new scalars, none with an original comment.
    if (isNewCollection(node)) continue;
    if (isScalar(node)) mark(node);
    else if (isPair(node)) stack.push(node.key, node.value);
    else if (isCollection(node)) for (const item of node.items) stack.push(item);
  }
  return () => {
    for (const [node, comment] of marked) node.comment = comment;
  };
}

/** The `commentString` stringify option: yaml's own `#` prefixing, plus the smuggled gap. */
export function commentString(comment: string): string {
  const gap = GAP.exec(comment);
  const body = gap ? comment.slice(gap[0].length) : comment;
  const hashed = body.replace(/^(?!$)(?: $)?/gm, '#');
  return gap ? gap[1] + hashed : hashed;
}
