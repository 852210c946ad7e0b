// Which style a NEW string scalar gets. Kubernetes tooling still reads YAML 1.1 (go-yaml v2 behind
// sigs.k8s.io/yaml in kubectl), so a string that either YAML 1.1 or 1.2 would type as bool, null, number,
// timestamp or merge key must be double-quoted, or an annotation "yes" silently becomes a boolean.
import { Scalar } from 'yaml';

const BOOL_WORDS = /^(?:y|yes|n|no|true|false|on|off)$/i;
const NULL_WORDS = /^(?:~|null|)$/i;
const INTEGER = /^[-+]?(?:0b[01_]+|0o[0-7_]+|0x[0-9a-f_]+|[0-9][0-9_]*(?::[0-5]?[0-9])*)$/i;
const FLOAT = /^[-+]?(?:\.[0-9_]*|[0-9][0-9_]*(?::[0-5]?[0-9])*\.[0-9_]*|[0-9][0-9_]*)(?:e[-+]?[0-9]+)?$/i;
const SPECIAL_FLOAT = /^[-+]?\.(?:inf|nan)$/i;
const TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:$|[Tt\s])/;
const OTHER_1_1 = /^(?:<<|=)$/;
// Control characters and a BOM are only representable (and only visible in a diff) when double-quoted.
const NEEDS_ESCAPES = /[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\u2028\u2029]/;

/** True when a YAML 1.1 or 1.2 reader would resolve this plain text to something other than a string. */
export function isAmbiguousString(value: string): boolean {
  return (
    BOOL_WORDS.test(value) ||
    NULL_WORDS.test(value) ||
    INTEGER.test(value) ||
    FLOAT.test(value) ||
    SPECIAL_FLOAT.test(value) ||
    TIMESTAMP.test(value) ||
    OTHER_1_1.test(value)
  );
}

/** Scalar type for a new string: quoted when ambiguous, a literal block when multi-line, else plain
 *  (yaml itself still quotes plain text that cannot be written plain, such as `- x` or `a: b`). */
export function newStringType(value: string): Scalar.Type {
  if (isAmbiguousString(value) || NEEDS_ESCAPES.test(value)) return Scalar.QUOTE_DOUBLE;
  if (value.includes('\n')) return Scalar.BLOCK_LITERAL;
  return Scalar.PLAIN;
}
