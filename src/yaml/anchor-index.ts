// Which node each alias points to. yaml's own Alias.resolve() walks the whole document per alias;
// one pass in document order gives every alias its anchor (the latest one defined before it).
import { isAlias, isCollection, isPair, isScalar } from 'yaml';
import type { Alias, Node } from 'yaml';

export class AnchorIndex {
  private readonly byAlias = new Map<Alias, Node>();
  private readonly byName = new Map<string, Node>();
  /** Aliases met before any anchor of their name: YAML (and Go's parsers) refuse them. */
  private readonly early = new Set<Alias>();
  /** True when the indexed tree contains at least one alias. */
  hasAliases = false;

  /** Index `root`; `mayHaveAnchors` lets callers skip the walk when the text has no `&` at all. */
  constructor(root: unknown, mayHaveAnchors = true) {
    if (mayHaveAnchors) this.walk(root);
  }

  resolve(alias: Alias): Node | undefined {
    if (this.early.has(alias)) return undefined;
    // An alias not in the indexed tree (one that injection wrote) refers to the anchor of its name.
    return this.byAlias.get(alias) ?? this.byName.get(alias.source);
  }

  private walk(root: unknown): void {
    const stack: unknown[] = [root];
    while (stack.length > 0) {
      const node = stack.pop();
      if (isAlias(node)) {
        this.hasAliases = true;
        const target = this.byName.get(node.source);
        if (target) this.byAlias.set(node, target);
        else this.early.add(node);
        continue;
      }
      if (isScalar(node) || isCollection(node)) {
        // The anchor is defined before its content, so an alias inside it refers to it (a cycle we reject later).
        if (node.anchor) this.byName.set(node.anchor, node);
      }
      if (isCollection(node)) {
        for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
      } else if (isPair(node)) {
        stack.push(node.value, node.key);
      }
    }
  }
}
