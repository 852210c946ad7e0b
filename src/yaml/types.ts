// Public contracts of the format-preserving YAML layer. `yaml/` knows YAML and "a ResourceList has items";
// it never knows Istio or Kubernetes semantics beyond naming a document by kind/namespace/name in errors.
import type { Json } from '../k8s/types.js';

/** Bad input: one line naming the file, the document (kind/namespace/name when known) and the line. */
export class YamlInputError extends Error {
  readonly file: string;
  readonly line?: number;
  readonly doc?: string;
  /** The problem alone, without the location prefix (the faces may want to lay it out themselves). */
  readonly reason: string;
  constructor(reason: string, file: string, line?: number, doc?: string) {
    const where = line === undefined ? file : `${file}:${line}`;
    super(`${where}: ${doc ? `${doc}: ` : ''}${oneLine(reason)}`);
    this.name = 'YamlInputError';
    this.file = file;
    this.line = line;
    this.doc = doc;
    this.reason = oneLine(reason);
  }
}

// yaml's own messages may carry a code frame on later lines; a user error is one line.
function oneLine(text: string): string {
  return text.split('\n', 1)[0].trim();
}

export interface YamlDocHandle {
  /** Plain JSON view of the document (or of one ResourceList item). Scalars typed as YAML 1.2 core would;
   *  integers beyond 2^53 become (lossy) numbers, but an unchanged value never rewrites their node.
   *  Merge keys are applied and aliases expanded. The object is cached until the next changing update():
   *  edit it (or a copy) and pass it to update(). */
  readonly value: Json;
  /** 1-based line where this document/item starts in its source, and its index in the stream/items. */
  readonly line: number;
  readonly index: number;
  /** Replace the content with `next`, touching only nodes whose values differ: equal scalars keep their
   *  node and bytes, maps keep key order (new keys appended in `next` order, `undefined` = absent), lists
   *  match items by `name` (maps) or by value and follow `next` order. Returns true if anything changed. */
  update(next: Json): boolean;
  /** True once any update() changed this document. */
  readonly changed: boolean;
  /** 1-based line of the deepest existing node on a JSON path (for located errors), if known. */
  lineAt?(path: readonly (string | number)[]): number | undefined;
  /** The first mapping key of the document that is a list, a map or null (JSON has none; Kubernetes refuses such a
   *  manifest), with its line; read after `value`. */
  readonly nonScalarKey?: { what: string; line: number };
  /** Parsed on first read (a workload of a selective parse), not before. */
  readonly deferred?: boolean;
  /** The run is done with it: keep only its new text (selective parses; others keep everything). */
  release?(): void;
}

export interface YamlStream {
  docs: YamlDocHandle[];
  toString(): string;
}

export interface ResourceListHandle {
  /** One handle per item, in order (duplicates kept). */
  items: YamlDocHandle[];
  functionConfig: Json | undefined;
  /** Writes/replaces the top-level `results` field. An empty list on input without `results` writes nothing. */
  setResults(results: Json[]): void;
  toString(): string;
}
