// A fast, strict reader for the block-YAML our templates render: block maps and sequences whose
// scalars are plain words, quoted strings or one-line JSON (templates emit values through `json`/`str`).
// Reading a rendered sidecar with `yaml` cost ~80% of injectPod; this is ~20x cheaper.
//
// It returns undefined for ANYTHING outside that subset (comments after values, anchors, tags,
// block scalars, multi-line flow, tabs, non-ASCII, ...) and the caller then parses with `yaml`, so
// user templates keep full YAML and errors keep yaml's messages. Within the subset the result is
// exactly `parseDocument(text, RENDER_PARSE_OPTIONS).toJS()` (test/render/fast-yaml.test.ts):
// - one-line JSON is read with JSON.parse: on ASCII text, JSON's escapes, literals and numbers mean
//   the same in a YAML flow collection or double-quoted scalar (numbers of more than 15 characters
//   are left to yaml, so no rounding question arises);
// - plain scalars are resolved by yaml's own 1.1 schema (yaml-1-1-schema.ts);
// - duplicate keys: the later value wins at the first key's position, like yaml's toJS.
import type { Json, JsonObject } from '../k8s/types.js';
import { resolvePlainScalar } from './yaml-1-1-schema.js';

/** Thrown inside the reader to leave the subset; never escapes this module. */
const UNSUPPORTED = Symbol('unsupported');

// Only printable ASCII and \n: no tabs, \r, or characters YAML 1.1 might treat as line breaks.
const OUTSIDE_SUBSET = /[^\n\x20-\x7e]/;
// A plain scalar in block context that yaml reads as one token: no indicator first, no `: `, ` #`,
// flow indicators or quotes inside.
const PLAIN = /^(?:[A-Za-z0-9_./~$(=+]|-(?=[A-Za-z0-9.]))(?:[A-Za-z0-9_./~$()=+%@,\- ]|:(?=[^ ]))*$/;
// Tokens of a JSON text: strings (skipped) and numbers (checked).
const JSON_TOKENS = /"(?:[^"\\]|\\.)*"|-?[0-9][0-9.eE+-]*/g;
const SINGLE_QUOTED = /^'(?:[^']|'')*'$/;
// yaml rejects implicit block keys longer than 1024 characters; stay well below.
const MAX_KEY = 1000;

export function parseRenderedYaml(text: string): JsonObject | undefined {
  if (OUTSIDE_SUBSET.test(text)) return undefined;
  const reader = new Reader(text.split('\n'));
  try {
    return reader.document();
  } catch (e) {
    if (e === UNSUPPORTED) return undefined;
    throw e;
  }
}

function fail(): never {
  throw UNSUPPORTED;
}

class Reader {
  private i = 0;
  private readonly plainCache = new Map<string, Json>();

  constructor(private readonly lines: string[]) {}

  document(): JsonObject {
    if (!this.skipBlank()) fail();
    if (indentOf(this.lines[this.i]!) !== 0) fail();
    const value = this.map(0);
    if (this.skipBlank()) fail();
    return value;
  }

  /** Moves to the next line with content; false at the end. Comment-only lines carry no content. */
  private skipBlank(): boolean {
    const lines = this.lines;
    while (this.i < lines.length) {
      const line = lines[this.i]!;
      const at = indentOf(line);
      if (at < line.length && line[at] !== '#') return true;
      this.i++;
    }
    return false;
  }

  /** A block map whose keys start at column `col`; its first key is on the current line at `col`. */
  private map(col: number): JsonObject {
    const out: JsonObject = {};
    for (;;) {
      const line = this.lines[this.i]!;
      const { key, after } = this.key(line, col);
      let value: Json;
      let rest = after;
      while (rest < line.length && line.charCodeAt(rest) === 32) rest++;
      if (rest < line.length) {
        value = this.inline(line.slice(rest));
        this.i++;
      } else {
        this.i++;
        value = this.nested(col, true);
      }
      if (key in out) Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
      else out[key] = value;
      if (!this.skipBlank()) return out;
      const at = indentOf(this.lines[this.i]!);
      if (at < col) return out;
      if (at > col) fail();
    }
  }

  /** A block sequence whose dashes are at column `col`; the current line is its first entry. */
  private seq(col: number): Json[] {
    const out: Json[] = [];
    for (;;) {
      const line = this.lines[this.i]!;
      let value: Json;
      if (line.length === col + 1) {
        this.i++;
        value = this.nested(col, false);
      } else {
        if (line.charCodeAt(col + 1) !== 32) fail();
        let at = col + 2;
        while (at < line.length && line.charCodeAt(at) === 32) at++;
        if (line[at] === '-' && (at + 1 === line.length || line[at + 1] === ' ')) fail();
        if (this.startsKey(line, at)) {
          value = this.map(at);
        } else {
          value = this.inline(line.slice(at));
          this.i++;
        }
      }
      out.push(value);
      if (!this.skipBlank()) return out;
      const next = this.lines[this.i]!;
      const at = indentOf(next);
      if (at > col) fail();
      if (at < col || !isDash(next, col)) return out;
    }
  }

  /**
   * The value of a key or dash with nothing after it on its line: a deeper block, a sequence at the
   * key's own column (only for map keys), or null.
   */
  private nested(col: number, ofKey: boolean): Json {
    if (!this.skipBlank()) return null;
    const line = this.lines[this.i]!;
    const at = indentOf(line);
    if (at > col) return isDash(line, at) ? this.seq(at) : this.map(at);
    if (at === col && ofKey && isDash(line, at)) return this.seq(at);
    return null;
  }

  private startsKey(line: string, at: number): boolean {
    const c = line[at];
    if (c === '{' || c === '[') return false;
    if (c === '"' || c === "'") {
      const end = quotedEnd(line, at);
      return end !== -1 && line[end] === ':';
    }
    return keyColon(line, at) !== -1;
  }

  /** The key starting at `at`, and the index just after its `:`. */
  private key(line: string, at: number): { key: string; after: number } {
    // `---` / `...` at column 0 end the document for yaml, whatever follows.
    if (at === 0 && (line.startsWith('---') || line.startsWith('...'))) fail();
    const c = line[at];
    let key: string;
    let colon: number;
    if (c === '"' || c === "'") {
      colon = quotedEnd(line, at);
      if (colon === -1 || line[colon] !== ':') fail();
      key = c === '"' ? jsonString(line.slice(at, colon)) : singleQuoted(line.slice(at, colon));
    } else {
      colon = keyColon(line, at);
      if (colon === -1) fail();
      const source = line.slice(at, colon).trimEnd();
      if (!PLAIN.test(source)) fail();
      const v = this.plain(source, true);
      key = v === null ? '' : String(v);
    }
    if (colon - at > MAX_KEY || key === '<<') fail();
    if (colon + 1 < line.length && line[colon + 1] !== ' ') fail();
    return { key, after: colon + 1 };
  }

  /** A value that fills the rest of its line. */
  private inline(source: string): Json {
    const text = source.trimEnd();
    const c = text[0];
    if (c === '{' || c === '[' || c === '"') return jsonValue(text);
    if (c === "'") {
      if (!SINGLE_QUOTED.test(text)) fail();
      return singleQuoted(text);
    }
    if (!PLAIN.test(text)) fail();
    return this.plain(text, false);
  }

  private plain(source: string, atKey: boolean): Json {
    const cacheKey = atKey ? `k${source}` : `v${source}`;
    let v = this.plainCache.get(cacheKey);
    if (v === undefined) {
      const resolved = resolvePlainScalar(source, atKey);
      if (resolved === undefined) fail();
      v = resolved;
      this.plainCache.set(cacheKey, v);
    }
    return v;
  }
}

function indentOf(line: string): number {
  let n = 0;
  while (n < line.length && line.charCodeAt(n) === 32) n++;
  return n;
}

function isDash(line: string, at: number): boolean {
  return line[at] === '-' && (at + 1 === line.length || line[at + 1] === ' ');
}

/** Index of the `:` ending a plain key that starts at `at` (followed by a space or the line end), or -1. */
function keyColon(line: string, at: number): number {
  let colon = line.indexOf(':', at);
  while (colon !== -1) {
    if (colon + 1 === line.length || line[colon + 1] === ' ') return colon;
    colon = line.indexOf(':', colon + 1);
  }
  return -1;
}

/** Index just after the quoted scalar starting at `at`, or -1 when it does not end on this line. */
function quotedEnd(line: string, at: number): number {
  const q = line[at];
  for (let j = at + 1; j < line.length; j++) {
    const c = line[j];
    if (q === '"' && c === '\\') j++;
    else if (c === q) {
      if (q === "'" && line[j + 1] === "'") j++;
      else return j + 1;
    }
  }
  return -1;
}

function singleQuoted(text: string): string {
  return text.slice(1, -1).replaceAll("''", "'");
}

function jsonString(text: string): string {
  const v = jsonValue(text);
  if (typeof v !== 'string') fail();
  return v;
}

function jsonValue(text: string): Json {
  let v: Json;
  try {
    v = JSON.parse(text) as Json;
  } catch {
    fail();
  }
  JSON_TOKENS.lastIndex = 0;
  for (let m = JSON_TOKENS.exec(text); m !== null; m = JSON_TOKENS.exec(text)) {
    if (m[0][0] !== '"' && m[0].length > 15) fail();
  }
  return v;
}
