// A fast, strict reader for the block-YAML our templates render: block maps and sequences whose
// scalars are plain words, quoted strings or one-line JSON (templates emit values through `json`/`str`).
// Reading a rendered sidecar with `yaml` cost ~80% of injectPod; this is ~20x cheaper.
//
// It returns undefined for ANYTHING outside that subset (comments after values, anchors, tags,
// folded block scalars, nested multi-line flow, tabs, non-ASCII, ...) and the caller then parses with `yaml`, so
// user templates keep full YAML and errors keep yaml's messages. Within the subset the result is
// exactly `parseDocument(text, RENDER_PARSE_OPTIONS).toJS()` (test/render/fast-yaml.test.ts):
// - one-line JSON is read with JSON.parse: on ASCII text, JSON's escapes, literals and numbers mean
//   the same in a YAML flow collection or double-quoted scalar (numbers of more than 15 characters
//   are left to yaml, so no rounding question arises);
// - plain scalars are resolved by yaml's own 1.1 schema (yaml-1-1-schema.ts);
// - duplicate keys: the later value wins at the first key's position, like yaml's toJS;
// - Istio's own Go templates also write literal block scalars (rendered-yaml-block-scalar.ts) and
//   multi-line flow maps of one `key: scalar,` per line; both are read.
import type { Json, JsonObject } from '../k8s/types.js';
import { resolvePlainScalar } from './yaml-1-1-schema.js';
import { isBlockScalarHeader, readBlockScalar } from './rendered-yaml-block-scalar.js';
import type { DirectValues } from './direct-values.js';
import { BLOCK, FLOW_MAP, INLINE, keepEntry, knownEntry, NESTED, SCALAR, type Entry } from './rendered-yaml-entries.js';
import {
  fail, indentOf, isDash, jsonString, jsonValue, keyColon, MAX_KEY, OUTSIDE_SUBSET, ownString, PLAIN, quotedEnd, SINGLE_QUOTED, singleQuoted, UNSUPPORTED,
} from './rendered-yaml-tokens.js';

// Resolved plain scalars (immutable values) shared by every text: the same words come back in every
// pod's render. Bounded, as a long-lived webhook sees ever new names.
const PLAIN_CACHE_SIZE = 8192;
const plainKeys = new Map<string, Json>();
const plainValues = new Map<string, Json>();

/** `direct`: the values a direct render (direct-values.ts) wrote as tokens. */
export function parseRenderedYaml(text: string, direct?: DirectValues): JsonObject | undefined {
  if (OUTSIDE_SUBSET.test(text)) return undefined;
  const reader = new Reader(text.split('\n'), direct);
  try {
    return reader.document();
  } catch (e) {
    if (e === UNSUPPORTED) return undefined;
    throw e;
  }
}

class Reader {
  private i = 0;
  /** The indentation of line `i`, as the last skipBlank that returned true found it. */
  private indent = 0;

  constructor(private readonly lines: string[], private readonly direct?: DirectValues) {}

  document(): JsonObject {
    if (!this.skipBlank()) fail();
    if (this.indent !== 0) fail();
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
      if (at < line.length && line.charCodeAt(at) !== 35 /* # */) {
        this.indent = at;
        return true;
      }
      this.i++;
    }
    return false;
  }

  /** A block map whose keys start at column `col`; its first key is on the current line at `col`. */
  private map(col: number): JsonObject {
    const out: JsonObject = {};
    for (;;) {
      const line = this.lines[this.i]!;
      const entry = this.entry(line, col);
      const key = entry.key;
      let value: Json;
      switch (entry.kind) {
        case SCALAR:
          value = entry.value;
          this.i++;
          break;
        case INLINE:
          value = this.inline(entry.text);
          this.i++;
          break;
        case BLOCK: {
          const block = readBlockScalar(this.lines, this.i + 1, col, entry.text);
          value = block.value;
          this.i = block.next;
          break;
        }
        case FLOW_MAP:
          value = this.multiLineFlowMap(col);
          break;
        default:
          this.i++;
          value = this.nested(col, true);
      }
      if (key in out) Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
      else out[key] = value;
      if (!this.skipBlank()) return out;
      const at = this.indent;
      if (at < col) return out;
      if (at > col) fail();
    }
  }

  /** The `key: value` line `line` with its key at `at` (from the cache when seen before). */
  private entry(line: string, at: number): Entry {
    const known = knownEntry(line, at);
    if (known !== undefined) return known;
    const { key, after } = this.key(line, at);
    let rest = after;
    while (rest < line.length && line.charCodeAt(rest) === 32) rest++;
    let kind: Entry['kind'] = NESTED;
    let text = '';
    let value: Json = null;
    if (rest < line.length) {
      text = line.slice(rest).trimEnd();
      if (isBlockScalarHeader(text)) kind = BLOCK;
      else if (text === '{') kind = FLOW_MAP;
      else if (text[0] === '{' || text[0] === '[' || text[0] === '@') kind = INLINE;
      else {
        kind = SCALAR;
        value = this.inline(text);
      }
    }
    const entry: Entry = { at, key, kind, text, value };
    // A direct-value token differs in every render: such a line is never seen again.
    if (!(kind === INLINE && text[0] === '@')) keepEntry(line, entry);
    return entry;
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
      const at = this.indent;
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
    const at = this.indent;
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
      const v = this.plain(source, true);
      key = v === null ? '' : String(v);
    }
    if (colon - at > MAX_KEY || key === '<<') fail();
    if (colon + 1 < line.length && line[colon + 1] !== ' ') fail();
    return { key, after: colon + 1 };
  }

  /**
   * A flow map opened by the `{` ending the current line (the value of a key at column `col`), one
   * `key: scalar,` per deeper line, closed by a line holding only `}`: Istio's templates write the
   * pod's annotations this way. Nested collections and several entries on a line are left to yaml.
   */
  private multiLineFlowMap(col: number): JsonObject {
    const out: JsonObject = {};
    for (this.i++; this.i < this.lines.length; this.i++) {
      const line = this.lines[this.i]!;
      const at = indentOf(line);
      if (at === line.length) continue;
      if (at < col) fail();
      if (line[at] === '}' && line.trimEnd().length === at + 1) {
        this.i++;
        return out;
      }
      if (at === col) fail();
      const { key, after } = this.key(line, at);
      // A plain key ends at a flow indicator in flow context, where the block reader would go on.
      if (line.slice(at, after).includes(',')) fail();
      let text = line.slice(after).trim();
      if (text.endsWith(',')) text = text.slice(0, -1).trimEnd();
      if (text === '') fail();
      const c = text[0];
      let value: Json;
      if (c === '"') {
        if (quotedEnd(text, 0) !== text.length) fail();
        value = jsonString(text);
      } else if (c === "'") {
        if (!SINGLE_QUOTED.test(text)) fail();
        value = singleQuoted(text);
      } else {
        if (text.includes(',')) fail();
        value = this.plain(text, false);
      }
      if (key in out) Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
      else out[key] = value;
    }
    fail();
  }

  /** A value that fills the rest of its line. */
  private inline(source: string): Json {
    const text = source.trimEnd();
    const c = text[0];
    if (c === '{' || c === '[' || c === '"') return jsonValue(text);
    if (c === '@' && this.direct) return (this.direct.take(text) ?? fail()).value;
    if (c === "'") {
      if (!SINGLE_QUOTED.test(text)) fail();
      return singleQuoted(text);
    }
    return this.plain(text, false);
  }

  /** A plain scalar's value; fails outside the subset (PLAIN), which only texts not seen before need testing for. */
  private plain(source: string, atKey: boolean): Json {
    const cache = atKey ? plainKeys : plainValues;
    let v = cache.get(source);
    if (v === undefined) {
      if (!PLAIN.test(source)) fail();
      const resolved = resolvePlainScalar(source, atKey);
      if (resolved === undefined) fail();
      // A string of its own, not a slice of this render's text (which it would keep alive).
      v = typeof resolved === 'string' ? ownString(resolved) : resolved;
      if (cache.size >= PLAIN_CACHE_SIZE) cache.clear();
      cache.set(source, v);
    }
    return v;
  }
}

