// The shortest edit script between two lists of lines (Myers' O(ND) algorithm): injection changes few
// lines of a document, so D stays small. Used to keep original lines when printing a changed node, and
// by `--diff`.

export type LineOp = { kind: ' ' | '-' | '+'; line: string };

/** `key` maps a line to what is compared (default: the line itself); ' ' ops carry the line of `a`. */
export function diffLines(a: readonly string[], b: readonly string[], key?: (line: string) => string): LineOp[] {
  const ka = key ? a.map(key) : a;
  const kb = key ? b.map(key) : b;
  return myers(a, b, ka, kb);
}

/** The shortest edit script from a to b (Myers 1986, with a trace for the path back). */
function myers(a: readonly string[], b: readonly string[], ka: readonly string[], kb: readonly string[]): LineOp[] {
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
      while (x < n && y < m && ka[x] === kb[y]) {
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
  const ops: LineOp[] = [];
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

