// Values our built-in templates hand to `json()` reach the partial pod without a text round trip:
// in place of the JSON text the template writes a token, and the reader of the rendered YAML puts the
// value back where the token stands. The value is the one the JSON text would have been read as
// (undefined properties dropped, non-finite numbers null, -0 as 0); any value whose text the fast
// reader would not take as it is (a number of more than 15 characters, a non-ASCII string, an object
// with toJSON or a `__proto__` key) is written as JSON text as before. A token the reader does not
// consume whole, as a value, means the render is done again the ordinary way (render-template.ts).
import type { Json, JsonObject } from '../k8s/types.js';

const NOT_DIRECT = Symbol('not-direct');
// A token no rendered text can contain by chance: '@' cannot start a YAML plain scalar, the nonce is
// new in every process, and input data reaches our templates' output only quoted (json/str), never as
// a bare value, so the nonce need not be secret.
const PREFIX = `@@direct-${Math.random().toString(36).slice(2, 10)}${Date.now().toString(36)}:`;
const SUFFIX = '@@';

export class DirectValues {
  private readonly values: Json[] = [];
  private readonly used: boolean[] = [];
  private taken = 0;

  /** The `json` helper of a direct render: a token, or JSON text for a value that cannot go direct. */
  readonly json = (value: unknown): string => {
    const direct = directValue(value === undefined ? null : value, 0);
    if (direct === NOT_DIRECT) return JSON.stringify(value === undefined ? null : value);
    this.values.push(direct);
    return `${PREFIX}${this.values.length - 1}${SUFFIX}`;
  };

  /** The value a token stands for, when `text` is exactly a token of this render (each is taken once). */
  take(text: string): { value: Json } | undefined {
    if (!text.startsWith(PREFIX) || !text.endsWith(SUFFIX)) return undefined;
    const index = Number(text.slice(PREFIX.length, -SUFFIX.length));
    if (!Number.isInteger(index) || index < 0 || index >= this.values.length || this.used[index]) return undefined;
    this.used[index] = true;
    this.taken++;
    return { value: this.values[index]! };
  }

  /** True when every token written was read back as a value (none ended up inside a string). */
  get allTaken(): boolean {
    return this.taken === this.values.length;
  }
}

/**
 * What the JSON text of `value` would be read as: `value` itself when it already is that (the usual
 * case: everything after the render copies on write, so sharing it is safe), otherwise a copy made from
 * the first difference on; NOT_DIRECT when the fast reader would not take the text as it is.
 */
function directValue(value: unknown, depth: number): Json | typeof NOT_DIRECT {
  if (depth > 64) return NOT_DIRECT;
  switch (typeof value) {
    case 'string':
      return isPrintableAsciiJson(value) ? value : NOT_DIRECT;
    case 'boolean':
      return value;
    case 'number': {
      if (!Number.isFinite(value)) return null;
      // The fast reader leaves numbers of more than 15 characters to yaml.
      return JSON.stringify(value).length > 15 ? NOT_DIRECT : value === 0 ? 0 : value;
    }
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        let out: Json[] | undefined;
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          const next = item === undefined || typeof item === 'function' || typeof item === 'symbol' ? null : directValue(item, depth + 1);
          if (next === NOT_DIRECT) return NOT_DIRECT;
          if (out === undefined) {
            if (Object.is(next, item)) continue;
            out = value.slice(0, i) as Json[];
          }
          out.push(next);
        }
        return out ?? (value as Json[]);
      }
      const proto = Object.getPrototypeOf(value);
      if ((proto !== Object.prototype && proto !== null) || typeof (value as { toJSON?: unknown }).toJSON === 'function') return NOT_DIRECT;
      // An object without a prototype is always copied into an ordinary one.
      let out: JsonObject | undefined = proto === null ? {} : undefined;
      const keys = Object.keys(value);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i]!;
        if (key === '__proto__' || !isPrintableAsciiJson(key)) return NOT_DIRECT;
        const item = (value as Record<string, unknown>)[key];
        const dropped = item === undefined || typeof item === 'function' || typeof item === 'symbol';
        const next = dropped ? undefined : directValue(item, depth + 1);
        if (next === NOT_DIRECT) return NOT_DIRECT;
        if (out === undefined) {
          if (!dropped && Object.is(next, item)) continue;
          out = {};
          for (let j = 0; j < i; j++) out[keys[j]!] = (value as JsonObject)[keys[j]!]!;
        }
        if (next !== undefined) out[key] = next;
      }
      return out ?? (value as JsonObject);
    }
    default:
      // undefined inside objects is handled by the caller; bigint and the rest are not JSON.
      return NOT_DIRECT;
  }
}

/** JSON text of the string would be printable ASCII (control characters are escaped, others are not). */
function isPrintableAsciiJson(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7e) return false;
  return true;
}
