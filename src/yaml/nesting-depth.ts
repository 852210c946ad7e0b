// Refuse absurdly nested input before yaml composes it: composition is recursive, and a few thousand
// `[` (or `- - - -`) overflow the stack or exhaust memory. The CST walk here is iterative.
import type { CST } from 'yaml';

export interface TooDeep {
  depth: number;
  offset: number;
}

/** The first place where collections nest deeper than `limit`, or undefined. */
export function findExcessiveNesting(token: CST.Token, limit: number): TooDeep | undefined {
  // Two parallel stacks instead of [token, depth] pairs: this runs over every token of the input.
  const tokens: CST.Token[] = [token];
  const depths: number[] = [0];
  while (tokens.length > 0) {
    const tok = tokens.pop() as CST.Token;
    const depth = depths.pop() as number;
    if (tok.type === 'document') {
      if (tok.value) {
        tokens.push(tok.value);
        depths.push(depth);
      }
    } else if (tok.type === 'block-map' || tok.type === 'block-seq' || tok.type === 'flow-collection') {
      const childDepth = depth + 1;
      if (childDepth > limit) return { depth: childDepth, offset: tok.offset };
      for (const item of tok.items as CST.CollectionItem[]) {
        if (item.key && typeof item.key === 'object') {
          tokens.push(item.key);
          depths.push(childDepth);
        }
        if (item.value && isCollectionToken(item.value)) {
          tokens.push(item.value);
          depths.push(childDepth);
        }
      }
    }
  }
  return undefined;
}

function isCollectionToken(tok: CST.Token): boolean {
  return tok.type === 'block-map' || tok.type === 'block-seq' || tok.type === 'flow-collection';
}
