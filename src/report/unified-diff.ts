// A unified diff (`diff -u` / `git diff` format) of two texts, for `inject --diff`. Myers' O(ND)
// algorithm: injection changes few lines of large files, so D stays small.

type Op = { kind: ' ' | '-' | '+'; line: string };

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

/** The shortest edit script from a to b (Myers 1986, with a trace for the path back). */
export function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] is the frontier before step d, windowed to the diagonals step d can read (-d-1 .. d+1).
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  // Walk back from (n, m) through the saved frontiers.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const w = trace[d]!;
    const at = (k: number) => w[k + d + 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ kind: ' ', line: a[--x]! }), y--;
    if (x === prevX) ops.push({ kind: '+', line: b[--y]! });
    else ops.push({ kind: '-', line: a[--x]! });
  }
  while (x > 0 && y > 0) ops.push({ kind: ' ', line: a[--x]! }), y--;
  return ops.reverse();
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
