// Go's encoding/json for template values: Marshal/MarshalIndent/Encoder-without-HTML-escaping of GoValues
// (Sprig's toJson family, Istio's JSON helpers) and Unmarshal into `any` (Sprig's fromJson).
// The bytes must be Go's: map keys sorted, struct fields in declaration order under their json names,
// floats in encoding/json's own format, `<`, `>`, `&`, U+2028/U+2029 escaped, Go's error texts.
import { GoComplex, GoEnum, GoFunc, GoInt, GoMap, GoPtr, GoSlice, GoStruct, fromJSON, type GoValue } from './value.js';
import { decodeError } from './json-errors.js';

export interface MarshalOptions {
  /** Escape `<`, `>`, `&` as \u003c ... (json.Marshal does; an Encoder with SetEscapeHTML(false) does not). */
  escapeHTML?: boolean;
  /** MarshalIndent's indent string (prefix is always ""); undefined for compact output. */
  indent?: string;
}

/** A value encoding/json refuses (a func, NaN, an infinity): Go's message. */
export class JSONMarshalError extends Error {}

/** json.Marshal (escapeHTML defaults to true, as in Go). */
export function marshalJSON(v: GoValue, opts: MarshalOptions = {}): string {
  const out: string[] = [];
  encode(v, out, opts.escapeHTML ?? true, opts.indent, 0);
  return out.join('');
}

function newline(out: string[], indent: string, depth: number): void {
  out.push('\n' + indent.repeat(depth));
}

function encode(v: GoValue, out: string[], html: boolean, indent: string | undefined, depth: number): void {
  if (v === undefined || v === null) return void out.push('null');
  switch (typeof v) {
    case 'string':
      return void out.push(quoteJSON(v, html));
    case 'boolean':
      return void out.push(v ? 'true' : 'false');
    case 'number':
      return void out.push(formatJSONFloat(v));
  }
  if (v instanceof GoInt) return void out.push(v.decimal());
  if (v instanceof GoEnum) {
    const name = v.def.names.get(v.v);
    return void out.push(name === undefined ? String(v.v) : quoteJSON(name, html));
  }
  if (v instanceof GoPtr) return v.isNil ? void out.push('null') : encode(v.target, out, html, indent, depth);
  if (v instanceof GoMap) {
    if (v.isNil) return void out.push('null');
    const keys = v.keys();
    return encodeObject(
      keys.map((k) => [k, v.get(k)]),
      out,
      html,
      indent,
      depth,
    );
  }
  if (v instanceof GoSlice) {
    if (v.isNil && !v.array) return void out.push('null');
    if (v.elem.kind === 'int' && v.elem.name === 'uint8' && !v.array) {
      const bytes = Uint8Array.from(v.items(), (b) => (b instanceof GoInt ? b.v : 0));
      return void out.push('"' + Buffer.from(bytes).toString('base64') + '"');
    }
    const n = v.length;
    if (n === 0) return void out.push('[]');
    out.push('[');
    for (let i = 0; i < n; i++) {
      if (i > 0) out.push(',');
      if (indent !== undefined) newline(out, indent, depth + 1);
      encode(v.at(i), out, html, indent, depth + 1);
    }
    if (indent !== undefined) newline(out, indent, depth);
    return void out.push(']');
  }
  if (v instanceof GoStruct) {
    const custom = v.def.methods?.get('MarshalJSON');
    if (custom) return void out.push(compactJSON(String(custom.call(v, [])), html));
    const fields: Array<[string, GoValue]> = [];
    for (const [name, f] of v.def.fields) {
      if (!/^\p{Lu}/u.test(name) || f.json === '-') continue; // unexported fields are not encoded
      fields.push([f.json ?? name, v.field(name)]);
    }
    return encodeObject(fields, out, html, indent, depth);
  }
  if (v instanceof GoFunc) throw new JSONMarshalError('json: unsupported type: func()');
  if (v instanceof GoComplex) throw new JSONMarshalError('json: unsupported type: complex128');
  throw new JSONMarshalError('json: unsupported value');
}

function encodeObject(entries: Array<[string, GoValue]>, out: string[], html: boolean, indent: string | undefined, depth: number): void {
  if (entries.length === 0) return void out.push('{}');
  out.push('{');
  entries.forEach(([k, val], i) => {
    if (i > 0) out.push(',');
    if (indent !== undefined) newline(out, indent, depth + 1);
    out.push(quoteJSON(k, html), indent !== undefined ? ': ' : ':');
    encode(val, out, html, indent, depth + 1);
  });
  if (indent !== undefined) newline(out, indent, depth);
  out.push('}');
}

/** encoding/json's float64 format: shortest digits, exponent below 1e-6 and from 1e21 on, `-0` kept. */
export function formatJSONFloat(f: number): string {
  if (!Number.isFinite(f)) throw new JSONMarshalError(`json: unsupported value: ${Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf'}`);
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  // JavaScript switches to exponents at the same thresholds and also writes `1e-7`, `1e+21`.
  return String(f);
}

const SIMPLE = /^[^"\\\u0000-\u001f<>&\u2028\u2029\ud800-\udfff]*$/;
const HEX = '0123456789abcdef';

/** A JSON string literal as encoding/json writes it. */
export function quoteJSON(s: string, html = true): string {
  if (SIMPLE.test(s)) return '"' + s + '"';
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c < 0x20) {
      if (c === 0x0a) out += '\\n';
      else if (c === 0x0d) out += '\\r';
      else if (c === 0x09) out += '\\t';
      else out += '\\u00' + HEX[c >> 4] + HEX[c & 15];
    } else if (html && (c === 0x3c || c === 0x3e || c === 0x26)) out += '\\u00' + HEX[c >> 4] + HEX[c & 15];
    else if (c === 0x2028 || c === 0x2029) out += '\\u202' + (c & 15);
    else if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += s[i] + s[i + 1];
        i++;
      } else out += '\ufffd'; // a lone surrogate is invalid UTF-8 to Go
    } else out += s[i];
  }
  return out + '"';
}

/** Re-emits the output of a MarshalJSON method compactly (as Go's encoder does), escaping HTML if asked. */
function compactJSON(text: string, html: boolean): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') {
        out += ch + text[++i];
        continue;
      }
      if (ch === '"') inString = false;
      out += html && (ch === '<' || ch === '>' || ch === '&') ? quoteJSON(ch, true).slice(1, -1) : ch;
    } else if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch !== ' ' && ch !== '\t' && ch !== '\n' && ch !== '\r') out += ch;
  }
  return out;
}

/** json.Unmarshal into `any`: objects map[string]any, arrays []any, numbers float64. Throws Go's message. */
export function decodeJSON(text: string): GoValue {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new JSONDecodeError(decodeError(text));
  }
  if (/\d[eE]\+?\d{3}/.test(text)) checkFinite(raw);
  return fromJSON(raw);
}

/** A syntax error (or a number out of float64 range) in decoded JSON, with Go's message. */
export class JSONDecodeError extends Error {}

function checkFinite(raw: unknown): void {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) throw new JSONDecodeError('json: cannot unmarshal number into Go value of type float64');
  } else if (Array.isArray(raw)) raw.forEach(checkFinite);
  else if (raw !== null && typeof raw === 'object') Object.values(raw).forEach(checkFinite);
}
