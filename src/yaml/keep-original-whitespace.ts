// yaml's printer normalises insignificant whitespace when it prints a changed node: `key: ` loses its
// trailing blank, `["a",  "b"]` becomes `["a", "b"]`, `key:  value` becomes `key: value`. Those lines
// were not changed by the edit, so the original bytes go back: the printed lines are aligned with the
// original ones by their whitespace-normalised form, and every aligned line is taken from the original.
// This is what makes an injection followed by an uninjection give back the file byte for byte.
import { diffLines } from './line-diff.js';

export function keepOriginalWhitespace(original: string, printed: string): string {
  if (original === printed) return printed;
  const a = original.split('\n');
  const b = printed.split('\n');
  // Cheap exit (the common case): every original line was printed verbatim, so there is nothing to restore.
  const printedLines = new Set(b);
  if (a.every((line) => printedLines.has(line))) return printed;
  return diffLines(a, b, normalise)
    .filter((op) => op.kind !== '-')
    .map((op) => op.line)
    .join('\n');
}

const OPEN = '[{';
const CLOSE = ']}';

/**
 * The line with its insignificant whitespace removed: trailing blanks, blanks after `: ` beyond one, and
 * blanks next to `[ ] { } ,` inside a flow collection. Quoted text is left alone (its blanks are content),
 * and so are plain scalars outside flow collections (`a, b` there is one scalar).
 */
export function normalise(line: string): string {
  const s = line.replace(/[ \t\r]+$/, '');
  let out = '';
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote !== undefined) {
      out += c;
      if (quote === '"' && c === '\\' && i + 1 < s.length) out += s[++i];
      else if (c === quote) {
        if (quote === "'" && s[i + 1] === "'") out += s[++i];
        else quote = undefined;
      }
      continue;
    }
    if (c === ' ' || c === '\t') {
      let j = i;
      while (j + 1 < s.length && (s[j + 1] === ' ' || s[j + 1] === '\t')) j++;
      const prev = out[out.length - 1];
      const next = s[j + 1];
      const atStart = out.trim() === '' ; // indentation is structure: keep it
      if (atStart) out += s.slice(i, j + 1);
      else if (depth > 0 && ((prev !== undefined && (OPEN.includes(prev) || prev === ',')) || (next !== undefined && (CLOSE.includes(next) || next === ',')))) {
        // insignificant inside a flow collection
      } else if (prev === ':') out += ' ';
      else out += s.slice(i, j + 1);
      i = j;
      continue;
    }
    if ((c === '"' || c === "'") && (out === '' || /[\s\[{,:-]$/.test(out))) quote = c;
    else if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c) && depth > 0) depth--;
    else if (c === '#' && (out === '' || /\s$/.test(out))) return out + s.slice(i); // a comment: verbatim
    out += c;
  }
  return out;
}
