// The tokens of the fast reader of rendered template YAML (parse-rendered-yaml.ts): what a line's
// indentation, keys and one-line scalars are, within the subset the reader accepts. Anything outside
// it throws UNSUPPORTED, and the caller leaves the whole text to `yaml`.
import type { Json } from '../k8s/types.js';

/** Thrown inside the reader to leave the subset; never escapes parseRenderedYaml. */
export const UNSUPPORTED = Symbol('unsupported');

// Only printable ASCII and \n: no tabs, \r, or characters YAML 1.1 might treat as line breaks.
export const OUTSIDE_SUBSET = /[^\n\x20-\x7e]/;
// A plain scalar in block context that yaml reads as one token: no indicator first, no `: `, ` #`,
// flow indicators or quotes inside.
export const PLAIN = /^(?:[A-Za-z0-9_./~$(=+]|-(?=[A-Za-z0-9.-]))(?:[A-Za-z0-9_./~$()=+%@,\- ]|:(?=[^ ]))*$/;
// Tokens of a JSON text: strings (skipped) and numbers (checked).
const JSON_TOKENS = /"(?:[^"\\]|\\.)*"|-?[0-9][0-9.eE+-]*/g;
export const SINGLE_QUOTED = /^'(?:[^']|'')*'$/;
// yaml rejects implicit block keys longer than 1024 characters; stay well below.
export const MAX_KEY = 1000;


// Bounded: a long-lived webhook sees ever new names.
const QUOTED_CACHE_SIZE = 8192;
const quotedStrings = new Map<string, string>();

/** A copy of `s` that does not keep a larger string (the render it was sliced from) alive in a cache. */
export function ownString(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

export function fail(): never {
  throw UNSUPPORTED;
}

export function indentOf(line: string): number {
  let n = 0;
  while (n < line.length && line.charCodeAt(n) === 32) n++;
  return n;
}

export function isDash(line: string, at: number): boolean {
  return line[at] === '-' && (at + 1 === line.length || line[at + 1] === ' ');
}

/** Index of the `:` ending a plain key that starts at `at` (followed by a space or the line end), or -1. */
export function keyColon(line: string, at: number): number {
  let colon = line.indexOf(':', at);
  while (colon !== -1) {
    if (colon + 1 === line.length || line[colon + 1] === ' ') return colon;
    colon = line.indexOf(':', colon + 1);
  }
  return -1;
}

/** Index just after the quoted scalar starting at `at`, or -1 when it does not end on this line. */
export function quotedEnd(line: string, at: number): number {
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

export function singleQuoted(text: string): string {
  return text.slice(1, -1).replaceAll("''", "'");
}

export function jsonString(text: string): string {
  const v = jsonValue(text);
  if (typeof v !== 'string') fail();
  return v;
}

export function jsonValue(text: string): Json {
  // A quoted string without escapes (the common value) needs no number scan, and the same ones come
  // back in every pod's render: one string per text is kept (JSON.parse's own copy, not a slice of
  // the rendered text, which would keep that text alive and is slower to print).
  const last = text.length - 1;
  if (last > 0 && text.charCodeAt(0) === 34 && text.indexOf('"', 1) === last && !text.includes('\\')) {
    let s = quotedStrings.get(text);
    if (s === undefined) {
      s = JSON.parse(text) as string;
      if (quotedStrings.size >= QUOTED_CACHE_SIZE) quotedStrings.clear();
      quotedStrings.set(text, s);
    }
    return s;
  }
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
