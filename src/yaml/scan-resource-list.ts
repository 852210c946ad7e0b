// Splits a block-style ResourceList into its items by lines alone: where each item's bytes start and
// end, as yaml's own parser would place them. Returns undefined whenever the layout is not the plain
// one kpt and kustomize write (then the caller parses the whole input).
import { indentAt, isBlankOrComment, lineEndAt, scannerMayRead } from './scan-guards.js';

export interface ScannedItem {
  index: number;
  /** Start of the `- ` line, where the item's content begins (after `- `), its end, and its 1-based line. */
  lineStart: number;
  contentStart: number;
  end: number;
  line: number;
}

export interface ScannedResourceList {
  /** Column of the items' dashes. */
  seqIndent: number;
  items: ScannedItem[];
  /** The bytes of the `items` value: from the line after `items:` to the next top-level key (or the end). */
  regionStart: number;
  regionEnd: number;
}

const TOP_KEY = /[A-Za-z][A-Za-z0-9_]*[ ]*:/y;
const ITEMS_KEY = /^items:[ ]*(?:#.*)?$/;

export function scanResourceList(text: string): ScannedResourceList | undefined {
  if (!scannerMayRead(text) || /^---/m.test(text)) return undefined;
  const items: ScannedItem[] = [];
  let seqIndent = -1;
  let regionStart = -1;
  let regionEnd = -1;
  let inItems = false;
  let current: ScannedItem | undefined;
  // After a comment at or left of the dashes, indented comments belong to what follows, not to the item.
  let detached = false;
  let line = 0;
  for (let pos = 0; pos < text.length; ) {
    line++;
    const next = lineEndAt(text, pos);
    const indent = indentAt(text, pos);
    const blank = isBlankOrComment(text, pos, indent);
    if (inItems) {
      if (blank) {
        const comment = text.charCodeAt(pos + indent) === 35;
        if (comment && indent <= seqIndent) detached = true;
        else if (comment && current && !detached) current.end = next;
        pos = next;
        continue;
      }
      if (indent > seqIndent && seqIndent >= 0) {
        if (!current) return undefined;
        current.end = next;
        detached = false;
        pos = next;
        continue;
      }
      const dash = text.charCodeAt(pos + indent) === 45 && text.charCodeAt(pos + indent + 1) === 32; // '- '
      if (dash && (seqIndent < 0 || indent === seqIndent)) {
        seqIndent = indent;
        current = { index: items.length, lineStart: pos, contentStart: pos + indent + 2, end: next, line };
        detached = false;
        items.push(current);
        pos = next;
        continue;
      }
      if (indent !== 0) return undefined;
      inItems = false;
      regionEnd = pos;
    }
    if (blank || indent > 0) {
      pos = next;
      continue;
    }
    TOP_KEY.lastIndex = pos;
    if (!TOP_KEY.test(text)) return undefined;
    if (text.startsWith('results', pos) && /^results[ ]*:/.test(text.slice(pos, pos + 12))) return undefined;
    if (text.startsWith('items', pos)) {
      if (regionStart >= 0 || !ITEMS_KEY.test(text.slice(pos, next).replace(/\n$/, ''))) return undefined;
      inItems = true;
      regionStart = next;
    }
    pos = next;
  }
  if (regionStart < 0 || items.length === 0 || hasTrailingComment(text)) return undefined;
  if (inItems) {
    regionEnd = text.length;
    // The last item of the list owns everything up to the end, comments included (as in yaml's ranges).
    items[items.length - 1]!.end = text.length;
  }
  return { seqIndent, items, regionStart, regionEnd };
}

/** Comments after the last content line: yaml gives them to the root or to the last item depending on
 *  what precedes them, which decides where `results:` goes; leave such inputs to the full parser. */
function hasTrailingComment(text: string): boolean {
  let end = text.length;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 2) + 1;
    const line = text.slice(start, end).trim();
    if (line.startsWith('#')) return true;
    if (line !== '') return false;
    end = start;
  }
  return false;
}
