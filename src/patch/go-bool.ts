// Go's strconv.ParseBool, which Istio uses for every boolean annotation.

const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** true/false for the spellings Go accepts, undefined for anything else (including surrounding spaces). */
export function parseGoBool(s: string | undefined): boolean | undefined {
  if (s === undefined) return undefined;
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  return undefined;
}
