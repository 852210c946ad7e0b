// The differential check shared by the fast reader's tests: on a text it either declines, or returns
// exactly what `yaml` returns (and yaml accepts the text), on a first read and on a second one.
import type { ExecutionContext } from 'ava';
import { isDeepStrictEqual } from 'node:util';
import { parseDocument } from 'yaml';
import { parseRenderedYaml } from '../../src/render/parse-rendered-yaml.js';
import { RENDER_PARSE_OPTIONS } from '../../src/render/yaml-1-1-schema.js';

/** 'fast' when the fast path answered (and agreed), 'declined' when it left the text to yaml. */
export function compareWithYaml(t: ExecutionContext, text: string): 'fast' | 'declined' {
  const fast = parseRenderedYaml(text);
  if (fast === undefined) return 'declined';
  const doc = parseDocument(text, RENDER_PARSE_OPTIONS);
  t.deepEqual(doc.errors.map((e) => e.message), [], `fast path accepted text yaml rejects:\n${text}`);
  const slow = doc.toJS({ maxAliasCount: 1000 }) as unknown;
  t.true(isDeepStrictEqual(fast, slow), `fast path differs from yaml on:\n${text}\nfast: ${JSON.stringify(fast)}\nyaml: ${JSON.stringify(slow)}`);
  // Read again: now every line comes from the reader's line cache, which must mean the same.
  t.true(isDeepStrictEqual(parseRenderedYaml(text), slow), `second read (from the line cache) differs from yaml on:\n${text}`);
  return 'fast';
}
