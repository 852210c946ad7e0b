// The fast reader's memory of `key: value` lines (parse-rendered-yaml.ts): what such a line means, by
// its text. Most lines of a render come back in every pod's render (Istio's sidecar template writes
// ~250), so reading one is a lookup. Only scalar values are kept (a collection could be changed by
// whoever gets it); bounded like the reader's other caches, as a long-lived webhook sees ever new
// names; every kept string is a copy, never a slice that would keep a whole render alive.
import type { Json } from '../k8s/types.js';
import { ownString } from './rendered-yaml-tokens.js';

export const NESTED = 0;
export const BLOCK = 1;
export const FLOW_MAP = 2;
export const SCALAR = 3;
export const INLINE = 4;

export interface Entry {
  /** The column the key starts at (lines are only ever read at one column; checked anyway). */
  at: number;
  key: string;
  kind: typeof NESTED | typeof BLOCK | typeof FLOW_MAP | typeof SCALAR | typeof INLINE;
  /** BLOCK: the block scalar header; INLINE: the value's text (a JSON collection, read anew each time). */
  text: string;
  /** SCALAR: the value. */
  value: Json;
}

const ENTRY_CACHE_SIZE = 8192;
const entries = new Map<string, Entry>();

/** The entry of `line` read with its key at column `at`, when seen before. */
export function knownEntry(line: string, at: number): Entry | undefined {
  const known = entries.get(line);
  return known !== undefined && known.at === at ? known : undefined;
}

/** Remembers what `line` means (a collection value is not kept: its entry is INLINE, read each time). */
export function keepEntry(line: string, entry: Entry): void {
  if (entries.size >= ENTRY_CACHE_SIZE) entries.clear();
  const { at, key, kind, text, value } = entry;
  entries.set(ownString(line), { at, key: ownString(key), kind, text: ownString(text), value: typeof value === 'string' ? ownString(value) : value });
}
