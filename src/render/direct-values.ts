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
    // Usually the value is already what its JSON text reads as: it is placed as it is (everything after
    // the render copies on write, so sharing it is safe); otherwise a normalised copy is placed.
    const v = value === undefined ? null : value;
    const copy = usableAsIs(v, 0) ? (v as Json) : directCopy(v, 0);
    if (copy === NOT_DIRECT) return JSON.stringify(value === undefined ? null : value);
    this.values.push(copy);
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

function directCopy(value: unknown, depth: number): Json | typeof NOT_DIRECT {
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
        const out: Json[] = new Array(value.length);
        for (let i = 0; i < value.length; i++) {
          const item = value[i];
          if (item === undefined || typeof item === 'function' || typeof item === 'symbol') {
            out[i] = null;
            continue;
          }
          const copy = directCopy(item, depth + 1);
          if (copy === NOT_DIRECT) return NOT_DIRECT;
          out[i] = copy;
        }
        return out;
      }
      const proto = Object.getPrototypeOf(value);
      if ((proto !== Object.prototype && proto !== null) || typeof (value as { toJSON?: unknown }).toJSON === 'function') return NOT_DIRECT;
      const out: JsonObject = {};
      for (const key of Object.keys(value)) {
        if (key === '__proto__' || !isPrintableAsciiJson(key)) return NOT_DIRECT;
        const item = (value as Record<string, unknown>)[key];
        if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
        const copy = directCopy(item, depth + 1);
        if (copy === NOT_DIRECT) return NOT_DIRECT;
        out[key] = copy;
      }
      return out;
    }
    default:
      // undefined inside objects is handled by the caller; bigint and the rest are not JSON.
      return NOT_DIRECT;
  }
}

/** True when `value` is JSON data that reads back from its JSON text as itself (nothing to drop or normalise). */
function usableAsIs(value: unknown, depth: number): boolean {
  if (depth > 64) return false;
  switch (typeof value) {
    case 'string':
      return isPrintableAsciiJson(value);
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0) && JSON.stringify(value).length <= 15;
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!usableAsIs(value[i], depth + 1)) return false;
        return true;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype || typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
      for (const key of Object.keys(value)) {
        if (key === '__proto__' || !isPrintableAsciiJson(key)) return false;
        if (!usableAsIs((value as Record<string, unknown>)[key], depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/** JSON text of the string would be printable ASCII (control characters are escaped, others are not). */
function isPrintableAsciiJson(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7e) return false;
  return true;
}
