// Fallback for update() when editing through anchors would leak: changing a node that an alias elsewhere
// points to changes that alias's value too. Replacing every alias in the tree by a copy of its target
// makes each place independent; the reconcile that follows then only edits what `next` asks for.
import { isAlias, isCollection, isPair, isScalar, visit } from 'yaml';
import type { Node } from 'yaml';
import type { AnchorIndex } from './anchor-index.js';

export function inlineAliases(root: unknown, anchors: AnchorIndex): unknown {
  if (isAlias(root)) root = copyOf(root, anchors);
  if (!isCollection(root) && !isPair(root)) return root;
  // A copy can itself contain aliases; visit() walks into the node it replaced them with.
  visit(root as Node, {
    Alias(_key, alias) {
      return copyOf(alias, anchors);
    },
  });
  return root;
}

function copyOf(alias: import('yaml').Alias, anchors: AnchorIndex): Node {
  const target = anchors.resolve(alias);
  if (!target) throw new Error(`alias *${alias.source} has no anchor`);
  const copy = target.clone() as Node;
  // The copy is not the anchor: two `&name` would make later aliases ambiguous.
  if (isScalar(copy) || isCollection(copy)) delete copy.anchor;
  visit(copy, {
    Node(_key, node) {
      if ((isScalar(node) || isCollection(node)) && node.anchor) delete node.anchor;
    },
  });
  if (alias.comment && !isCollection(copy)) copy.comment = alias.comment;
  return copy;
}
