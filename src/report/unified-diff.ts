// A unified diff (`diff -u` / `git diff` format) of two texts, for `inject --diff`.

import { diffLines, type LineOp as Op } from '../yaml/line-diff.js';

export function unifiedDiff(oldText: string, newText: string, oldName: string, newName: string, context = 3): string {
  if (oldText === newText) return '';
  const a = splitLines(oldText);
  const b = splitLines(newText);
  // A last line without its newline differs from the same text with one (git shows both).
  const mark = (s: { lines: string[]; finalNewline: boolean }) => (s.finalNewline ? s.lines : s.lines.map((l, i) => (i === s.lines.length - 1 ? `${l}\0` : l)));
  const ops = diffLines(mark(a), mark(b)).map((op) => (op.line.endsWith('\0') ? { kind: op.kind, line: op.line.slice(0, -1) } : op));
  // Which ops hold the last line of each side, for git's "No newline at end of file" marker.
  const noEol = new Set<number>();
  let ai = 0;
  let bi = 0;
  ops.forEach((op, i) => {
    if (op.kind !== '+' && ++ai === a.lines.length && !a.finalNewline) noEol.add(i);
    if (op.kind !== '-' && ++bi === b.lines.length && !b.finalNewline) noEol.add(i);
  });
  let out = `--- ${oldName}\n+++ ${newName}\n`;
  for (const h of toHunks(ops, context)) {
    out += `@@ -${range(h.oldStart, h.oldCount)} +${range(h.newStart, h.newCount)} @@\n`;
    for (let i = h.first; i <= h.last; i++) {
      out += `${ops[i]!.kind}${ops[i]!.line}\n`;
      if (noEol.has(i)) out += '\\ No newline at end of file\n';
    }
  }
  return out;
}

function splitLines(text: string): { lines: string[]; finalNewline: boolean } {
  const finalNewline = text.endsWith('\n');
  const body = finalNewline ? text.slice(0, -1) : text;
  return { lines: body === '' && finalNewline ? [''] : text === '' ? [] : body.split('\n'), finalNewline: finalNewline || text === '' };
}

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${count === 0 ? start - 1 : start},${count}`;
}

interface Hunk {
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
  first: number;
  last: number;
}

function toHunks(ops: readonly Op[], context: number): Hunk[] {
  const hunks: Hunk[] = [];
  const changed = ops.map((o, i) => (o.kind === ' ' ? -1 : i)).filter((i) => i >= 0);
  let i = 0;
  while (i < changed.length) {
    const start = Math.max(0, changed[i]! - context);
    let end = Math.min(ops.length - 1, changed[i]! + context);
    while (i + 1 < changed.length && changed[i + 1]! - context <= end + 1) {
      i++;
      end = Math.min(ops.length - 1, changed[i]! + context);
    }
    i++;
    let oldLine = 1;
    let newLine = 1;
    for (let j = 0; j < start; j++) {
      if (ops[j]!.kind !== '+') oldLine++;
      if (ops[j]!.kind !== '-') newLine++;
    }
    const slice = ops.slice(start, end + 1);
    hunks.push({
      oldStart: oldLine,
      newStart: newLine,
      oldCount: slice.filter((o) => o.kind !== '+').length,
      newCount: slice.filter((o) => o.kind !== '-').length,
      first: start,
      last: end,
    });
  }
  return hunks;
}
