// What makes the line scanners give up on a whole input: anything whose structure lines alone cannot
// show (directives, document end markers, CRLF, a BOM, tabs as indentation). The full parser takes over.
const UNSURE_LINE = /^(?:%|\.\.\.|\t)/m;

export function scannerMayRead(text: string): boolean {
  return !text.startsWith('\uFEFF') && !text.includes('\r') && !UNSURE_LINE.test(text);
}

/** Leading spaces of the line at `pos`. */
export function indentAt(text: string, pos: number): number {
  let i = pos;
  while (text.charCodeAt(i) === 32) i++;
  return i - pos;
}

/** True when the line at `pos` (after `indent` spaces) is blank or a comment. */
export function isBlankOrComment(text: string, pos: number, indent: number): boolean {
  const c = text.charCodeAt(pos + indent);
  return Number.isNaN(c) || c === 10 || c === 35; // end, '\n', '#'
}

export function lineEndAt(text: string, pos: number): number {
  const end = text.indexOf('\n', pos);
  return end < 0 ? text.length : end + 1;
}
