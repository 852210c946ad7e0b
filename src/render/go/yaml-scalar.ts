// How go-yaml v2 writes one string scalar: the style it picks (plain, single-quoted, double-quoted,
// literal block) and how it writes each, folding long lines at spaces past column 80 (libyaml's
// analyze_scalar / select_scalar_style / write_* rules).

const BEST_WIDTH = 80;

/** Output with the column and "at indentation" state libyaml's emitter keeps. */
export class Writer {
  private parts: string[] = [];
  column = 0;
  /** Nothing but indentation written on this line yet (libyaml's `indention`). */
  atLineStart = true;
  /** The last thing written was a line break. */
  afterBreak = true;
  write(s: string): void {
    this.parts.push(s);
    this.column += [...s].length;
    this.atLineStart = false;
    this.afterBreak = false;
  }
  newline(): void {
    this.parts.push('\n');
    this.column = 0;
    this.atLineStart = true;
    this.afterBreak = true;
  }
  /** libyaml's write_indent: a new line unless still at the indentation, then spaces up to `indent`. */
  indent(indent: number): void {
    if (!this.atLineStart || this.column > indent) this.newline();
    if (this.column < indent) {
      this.parts.push(' '.repeat(indent - this.column));
      this.column = indent;
    }
    this.atLineStart = true;
    this.afterBreak = false;
  }
  text(): string {
    return this.parts.join('');
  }
}

// ---- what a plain scalar would read back as ---------------------------------------------------------

const NON_STRING_WORDS = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE',
  'off', 'Off', 'OFF', '', '~', 'null', 'Null', 'NULL', '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF',
  '-.inf', '-.Inf', '-.INF',
]);
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const GO_INT_BASE0 = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const GO_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$|^[-+]?0[xX]/;

/** go-yaml v2's resolve(): does this plain text read back as a string? */
export function readsAsString(s: string): boolean {
  if (NON_STRING_WORDS.has(s)) return false;
  const c = s[0]!;
  if (c === '.') return !GO_FLOAT.test(s);
  if (!/[-+0-9]/.test(c)) return true;
  if (isTimestamp(s)) return false;
  const plain = s.replace(/_/g, '');
  if (GO_INT_BASE0.test(plain) || YAML_FLOAT.test(plain)) return false;
  if (/^-?0b[01]+$/.test(plain)) return false;
  return true;
}

function isTimestamp(s: string): boolean {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(?:Z|[-+]\d{2}:\d{2}))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?))?$/.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return false;
  const h = Number(m[4] ?? m[7] ?? 0);
  const min = Number(m[5] ?? m[8] ?? 0);
  const sec = Number(m[6] ?? m[9] ?? 0);
  return h < 24 && min < 60 && sec < 60;
}

// ---- libyaml's scalar analysis ----------------------------------------------------------------------

const isBreakChar = (c: string) => c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlankz = (c: string | undefined) => c === undefined || c === ' ' || c === '\t' || isBreakChar(c) || c === '\0';

function isPrintable(c: string): boolean {
  const v = c.codePointAt(0)!;
  return v === 0x0a || (v >= 0x20 && v <= 0x7e) || (v >= 0xa0 && v <= 0xd7ff) || (v >= 0xe000 && v <= 0xfffd && v !== 0xfeff);
}

interface Analysis {
  blockPlain: boolean;
  single: boolean;
  block: boolean;
}

function analyze(chars: string[]): Analysis {
  if (chars.length === 0) return { blockPlain: true, single: true, block: false };
  const text = chars.join('');
  let flowInd = false;
  let blockInd = false;
  if (text.startsWith('---') || text.startsWith('...')) flowInd = blockInd = true;
  let leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
  let breakSpace = false, spaceBreak = false, special = false, lineBreaks = false;
  let prevSpace = false, prevBreak = false, precededByWs = true;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const followedByWs = isBlankz(chars[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) flowInd = blockInd = true;
      else if (c === '?' || c === ':') {
        flowInd = true;
        if (followedByWs) blockInd = true;
      } else if (c === '-' && followedByWs) flowInd = blockInd = true;
    } else if (',?[]{}'.includes(c)) flowInd = true;
    else if (c === ':') {
      flowInd = true;
      if (followedByWs) blockInd = true;
    } else if (c === '#' && precededByWs) flowInd = blockInd = true;
    if (!isPrintable(c)) special = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreakChar(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevBreak = true;
      prevSpace = false;
    } else prevSpace = prevBreak = false;
    precededByWs = isBlankz(c);
  }
  let blockPlain = true, single = true, block = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlain = false;
  if (trailingSpace) block = false;
  if (breakSpace) blockPlain = single = false;
  if (spaceBreak || special) blockPlain = single = block = false;
  if (lineBreaks) blockPlain = false;
  if (blockInd) blockPlain = false;
  void flowInd; // only matters inside flow collections, which yaml.v2's Marshal never writes
  return { blockPlain, single, block };
}

// ---- writing ------------------------------------------------------------------------------------------

/** Writes a string at block context; `indent` is the scalar's indentation (its block's + 2); keys never fold. */
export function writeString(w: Writer, s: string, indent: number, key: boolean): void {
  const chars = [...s];
  const a = analyze(chars);
  let style: 'plain' | 'single' | 'double' | 'literal' = s.includes('\n') ? 'literal' : readsAsString(s) && !BASE60_FLOAT.test(s) ? 'plain' : 'double';
  if (style === 'plain' && (!a.blockPlain || (chars.length === 0 && key))) style = 'single';
  if (style === 'single' && !a.single) style = 'double';
  if (style === 'literal' && (!a.block || key)) style = 'double';
  const breaks = !key;
  if (style === 'plain') writeFolded(w, chars, indent, breaks, '', '');
  else if (style === 'single') writeFolded(w, chars, indent, breaks, "'", "'");
  else if (style === 'double') writeDouble(w, chars, indent, breaks);
  else writeLiteral(w, chars, indent);
}

function writeFolded(w: Writer, chars: string[], indent: number, allowBreaks: boolean, open: string, close: string): void {
  w.write(open);
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === ' ') {
      const edge = open !== '' && (i === 0 || i === chars.length - 1);
      if (allowBreaks && !spaces && w.column > BEST_WIDTH && !edge && chars[i + 1] !== ' ') w.indent(indent);
      else w.write(c);
      spaces = true;
    } else {
      w.write(c === "'" && open === "'" ? "''" : c);
      spaces = false;
    }
  }
  w.write(close);
}

const ESCAPES: Record<string, string> = {
  '\0': '0', '\x07': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\x0b': 'v', '\f': 'f', '\r': 'r', '\x1b': 'e', '"': '"', '\\': '\\',
  '\u0085': 'N', '\u00a0': '_', '\u2028': 'L', '\u2029': 'P',
};

function writeDouble(w: Writer, chars: string[], indent: number, allowBreaks: boolean): void {
  w.write('"');
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (!isPrintable(c) || c === '\ufeff' || isBreakChar(c) || c === '"' || c === '\\') {
      const short = ESCAPES[c];
      const v = c.codePointAt(0)!;
      const hex = v.toString(16).toUpperCase();
      w.write('\\' + (short ?? (v <= 0xff ? 'x' + hex.padStart(2, '0') : v <= 0xffff ? 'u' + hex.padStart(4, '0') : 'U' + hex.padStart(8, '0'))));
      spaces = false;
    } else if (c === ' ') {
      if (allowBreaks && !spaces && w.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1) {
        w.indent(indent);
        if (chars[i + 1] === ' ') w.write('\\');
      } else w.write(c);
      spaces = true;
    } else {
      w.write(c);
      spaces = false;
    }
  }
  w.write('"');
}

function writeLiteral(w: Writer, chars: string[], indent: number): void {
  let header = '|';
  if (chars[0] === ' ' || isBreakChar(chars[0]!)) header += '2';
  const last = chars.length - 1;
  if (!isBreakChar(chars[last]!)) header += '-';
  else if (last === 0 || isBreakChar(chars[last - 1]!)) header += '+';
  w.write(header);
  w.newline();
  let breaks = true;
  for (const c of chars) {
    if (isBreakChar(c)) {
      w.newline();
      breaks = true;
    } else {
      if (breaks) w.indent(indent);
      w.write(c);
      breaks = false;
    }
  }
}
