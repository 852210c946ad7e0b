// The one test every room needs on plain JSON: is this value a map (not null, not a list)?
import type { JsonObject } from './types.js';

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
