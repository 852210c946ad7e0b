// Refuse absurdly nested input before yaml composes it: composition is recursive, and a few thousand
// `[` (or `- - - -`) overflow the stack or exhaust memory. The CST walk here is iterative.
import type { CST } from 'yaml';

export interface TooDeep {
  depth: number;
  offset: number;
}

/** The first place where collections nest deeper than `limit`, or undefined. */
export function findExcessiveNesting(token: CST.Token, limit: number): TooDeep | undefined {
  const stack: Array<[CST.Token, number]> = [[token, 0]];
  while (stack.length > 0) {
    const [tok, depth] = stack.pop() as [CST.Token, number];
    let childDepth = depth;
    switch (tok.type) {
      case 'document':
        if (tok.value) stack.push([tok.value, depth]);
        continue;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection':
        childDepth = depth + 1;
        if (childDepth > limit) return { depth: childDepth, offset: tok.offset };
        for (const item of tok.items as CST.CollectionItem[]) {
          if (item.key) stack.push([item.key, childDepth]);
          if (item.value) stack.push([item.value, childDepth]);
        }
        continue;
      default:
        continue;
    }
  }
  return undefined;
}
