// Read the indentation habits of a piece of input so a re-rendered document looks like its neighbours
// (and its own untouched lines do not all move).
import { isMap, isPair, isSeq, isCollection, isScalar } from 'yaml';
import type { Node, Pair } from 'yaml';
import { DEFAULT_LAYOUT } from './yaml-options.js';
import { isNewCollection, newCollectionSize } from './new-collections.js';
import type { LayoutStyle } from './yaml-options.js';

const MAX_NODES_INSPECTED = 5000;

export function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

export function detectLayout(root: unknown, text: string): LayoutStyle {
  let indent: number | undefined;
  let indentSeq: boolean | undefined;
  let padding: boolean | undefined;
  const stack: unknown[] = [root];
  let inspected = 0;
  while (stack.length > 0 && inspected++ < MAX_NODES_INSPECTED) {
    const node = stack.pop();
    if (isNewCollection(node)) {
      // Made by update(): no ranges, so nothing to learn; count its nodes as if walked (same budget use)
      // without building a pending collection's items.
      inspected += newCollectionSize(node) - 1;
      continue;
    }
    if (!isCollection(node)) continue;
    if (node.flow) {
      if (padding === undefined && node.items.length > 0 && node.range) padding = text[node.range[0] + 1] === ' ';
      continue;
    }
    if (isMap(node)) {
      for (const pair of node.items as Pair[]) {
        const keyStart = (pair.key as Node | null)?.range?.[0];
        const value = pair.value as Node | null;
        if (keyStart !== undefined && value?.range && isCollection(value) && !value.flow && value.items.length > 0) {
          const delta = columnOf(text, firstItemStart(value) ?? value.range[0]) - columnOf(text, keyStart);
          if (isMap(value) && indent === undefined && delta > 0 && text[value.range[0]] !== '{') indent = delta;
          // Only a sequence written in block style in the input tells (a filled `[]` has no dash).
          if (isSeq(value) && indentSeq === undefined && text[value.range[0]] === '-') {
            indentSeq = columnOf(text, value.range[0]) > columnOf(text, keyStart);
          }
        }
      }
    }
    if (indent !== undefined && indentSeq !== undefined && padding !== undefined) break;
    for (let i = node.items.length - 1; i >= 0; i--) {
      const item = node.items[i];
      if (isPair(item)) stack.push(item.value);
      else stack.push(item);
    }
  }
  return {
    indent: indent ?? DEFAULT_LAYOUT.indent,
    indentSeq: indentSeq ?? DEFAULT_LAYOUT.indentSeq,
    flowCollectionPadding: padding ?? DEFAULT_LAYOUT.flowCollectionPadding,
  };
}

function firstItemStart(collection: Node): number | undefined {
  if (!isMap(collection)) return undefined;
  const first = collection.items[0] as Pair | undefined;
  const key = first?.key;
  return isScalar(key) || isCollection(key) ? key.range?.[0] : undefined;
}
