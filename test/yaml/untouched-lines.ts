// The oracle of "untouched lines survive": for each document that injection changed, every input line
// that is missing from the output (by a line diff of the document) must hold a scalar or flow
// collection whose value changed, or a key whose entry is gone. A line that only holds unchanged values,
// a comment or whitespace must come out byte for byte. Values are matched by path; list items that are
// maps with a `name` are matched by name (injection inserts containers and volumes among them).
import { isDeepStrictEqual } from 'node:util';
import { isCollection, isMap, isPair, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import { diffLines } from '../../src/yaml/line-diff.js';

type Step = { key: string } | { index: number; name?: string; nth?: number };
const MISSING = Symbol('missing');

interface Anchor {
  start: number;
  end: number;
  /** Changed when the value at `path` differs (a value) or the entry is gone (a key). */
  explains: (out: unknown) => boolean;
}

export interface Violation {
  document: number;
  line: number;
  text: string;
}

/** `text[start, end)` extended to the end of its last line: yaml ends a document's range before a
 *  trailing "\r" (a line break to YAML), which is still part of that line's bytes. */
function wholeLines(text: string, start: number, end: number): string {
  if (end > start && text[end - 1] !== '\n') {
    const eol = text.indexOf('\n', end);
    end = eol < 0 ? text.length : eol;
  }
  return text.slice(start, end);
}

export function untouchedLineViolations(input: string, output: string): Violation[] | string {
  const strip = (s: string) => s.replace(/^\uFEFF/, '');
  const ins = parseAllDocuments(strip(input), { uniqueKeys: false });
  const outs = parseAllDocuments(strip(output), { uniqueKeys: false });
  if (!Array.isArray(ins) || !Array.isArray(outs)) return 'not a document stream';
  if (ins.length !== outs.length) return `document count ${ins.length} -> ${outs.length}`;
  const violations: Violation[] = [];
  ins.forEach((inDoc, d) => {
    const outDoc = outs[d]!;
    const inText = wholeLines(strip(input), inDoc.range[0], inDoc.range[2]);
    const outText = wholeLines(strip(output), outDoc.range[0], outDoc.range[2]);
    if (inText === outText) return;
    const outJson = outDoc.toJS({ maxAliasCount: -1 }) as unknown;
    const anchors = collectAnchors(inDoc, strip(input));
    const lineStarts = [0];
    for (let i = 0; i < inText.length; i++) if (inText[i] === '\n') lineStarts.push(i + 1);
    // A line no changed value explains must survive: the diff's removed lines are the suspects, but
    // equal lines (`image: nginx` of two containers, one of which moved) can be aligned either way, so a
    // removed line is only a violation when the output holds fewer copies of its bytes than the input
    // has lines with those bytes that must survive.
    const inLines = inText.split('\n');
    const outCount = new Map<string, number>();
    for (const l of outText.split('\n')) outCount.set(l, (outCount.get(l) ?? 0) + 1);
    const mustSurvive = new Map<string, number>();
    const unexplained = inLines.map((text, line) => {
      const from = inDoc.range[0] + lineStarts[line]!;
      const to = from + text.length;
      const free = !anchors.some((a) => a.start <= to && a.end > from && a.explains(outJson));
      if (free) mustSurvive.set(text, (mustSurvive.get(text) ?? 0) + 1);
      return free;
    });
    // The input's last line, when it has no line break: something written after it gives it one, a CRLF in a
    // CRLF file (its bytes are then the line's and "\r").
    const breaks = output.split('\n').length - 1;
    const crlfFile = (output.split('\r\n').length - 1) * 2 > breaks;
    const unterminated = crlfFile && d === ins.length - 1 && !strip(input).endsWith('\n') ? inLines.length - 1 : -1;
    let lineNo = 0;
    for (const op of diffLines(inLines, outText.split('\n'))) {
      if (op.kind === '+') continue;
      const line = lineNo++;
      if (op.kind === ' ' || !unexplained[line]) continue;
      if ((outCount.get(op.line) ?? 0) >= (mustSurvive.get(op.line) ?? 0)) continue;
      if (line === unterminated && (outCount.get(`${op.line}\r`) ?? 0) > 0) continue;
      violations.push({ document: d, line: line + 1, text: op.line });
    }
  });
  return violations;
}

function collectAnchors(doc: Document, text: string): Anchor[] {
  const anchors: Anchor[] = [];
  const inJson = doc.toJS({ maxAliasCount: -1 }) as unknown;
  const walk = (node: unknown, path: Step[]) => {
    if (isScalar(node) || (isCollection(node) && node.flow)) {
      const range = (node as Node).range;
      if (range) {
        const before = valueAt(inJson, path, false);
        anchors.push({ start: range[0], end: Math.max(range[1], range[0] + 1), explains: (out) => !isDeepStrictEqual(valueAt(out, path, true), before) });
      }
      return;
    }
    if (isMap(node)) {
      let previousEnd: number | undefined;
      for (const pair of node.items as Pair[]) {
        const from = previousEnd;
        previousEnd = (pair.value as Node | null)?.range?.[1] ?? (pair.key as Node | null)?.range?.[1] ?? previousEnd;
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined) continue;
        const step: Step = { key };
        const keyRange = (pair.key as Node).range;
        const valueRange = (pair.value as Node | null)?.range;
        if (keyRange) {
          // The key line changes when its entry is gone, or when the new value is written on it (a
          // scalar or an empty collection where a block collection was).
          const before = valueAt(inJson, [...path, step], false);
          const rewritten = (out: unknown) => {
            const now = valueAt(out, [...path, step], true);
            return now === MISSING || (!isDeepStrictEqual(now, before) && !isFilledCollection(now));
          };
          anchors.push({ start: keyRange[0], end: keyRange[1], explains: rewritten });
          // Every line of an entry that is gone, or whose value is now written on the key's line (a block
          // list emptied to `[]`): its comments and blank lines too.
          if (valueRange) anchors.push({ start: keyRange[0], end: valueRange[1], explains: rewritten });
          // An entry that is gone takes the comment lines just above it along (fuzz seed 25).
          const above = commentLinesFrom(text, from, keyRange[0]);
          if (above !== undefined) anchors.push({ start: above, end: keyRange[0], explains: (out) => valueAt(out, [...path, step], true) === MISSING });
        }
        walk(pair.value, [...path, step]);
      }
    } else if (isSeq(node)) {
      // The n-th item of a name is matched with the n-th of that name in the output: a repeated name
      // (two volumes named alike) is merged into one by injection's merge by key, and the lines of the
      // one that went are explained.
      const seen = new Map<string, number>();
      let previousEnd: number | undefined;
      node.items.forEach((item, index) => {
        const value = valueAt(inJson, [...path, { index }], false);
        const name = value !== null && typeof value === 'object' && typeof (value as { name?: unknown }).name === 'string' ? (value as { name: string }).name : undefined;
        const nth = name === undefined ? 0 : (seen.get(name) ?? 0);
        if (name !== undefined) seen.set(name, nth + 1);
        const step: Step = name === undefined ? { index } : { index, name, nth };
        const range = (item as Node | null)?.range;
        // An item that is gone takes the comment lines just above it (between the previous item and it) along.
        const above = range ? commentLinesFrom(text, previousEnd, range[0]) : undefined;
        if (range && name !== undefined) anchors.push({ start: above ?? range[0], end: range[1], explains: (out) => valueAt(out, [...path, step], true) === MISSING });
        if (range) previousEnd = range[1];
        walk(item, [...path, step]);
      });
    } else if (isPair(node)) {
      walk(node.value, path);
    }
  };
  walk(doc.contents, []);
  return anchors;
}

/** Where the lines between the previous sibling (ending at `previousEnd`) and the node at `start` begin, if any.
 *  A block node's range ends after its line break, a flow or scalar node's before it. */
function commentLinesFrom(text: string, previousEnd: number | undefined, start: number): number | undefined {
  if (previousEnd === undefined) return undefined;
  const from = text[previousEnd - 1] === '\n' ? previousEnd : text.indexOf('\n', previousEnd) + 1;
  return from > 0 && from < start ? from : undefined;
}

function isFilledCollection(v: unknown): boolean {
  return v !== null && typeof v === 'object' && Object.keys(v).length > 0;
}

/** The value at `path`; with `byName`, list items with a name are found by it (else by index). */
function valueAt(root: unknown, path: readonly Step[], byName: boolean): unknown {
  let at: unknown = root;
  for (const step of path) {
    if ('key' in step) {
      if (at === null || typeof at !== 'object' || Array.isArray(at) || !Object.prototype.hasOwnProperty.call(at, step.key)) return MISSING;
      at = (at as Record<string, unknown>)[step.key];
    } else {
      if (!Array.isArray(at)) return MISSING;
      if (byName && step.name !== undefined) {
        const found = at.filter((x) => x !== null && typeof x === 'object' && (x as { name?: unknown }).name === step.name)[step.nth ?? 0];
        if (found === undefined) return MISSING;
        at = found;
      } else {
        if (step.index >= at.length) return MISSING;
        at = at[step.index];
      }
    }
  }
  return at;
}
