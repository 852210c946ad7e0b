// Where the original bytes of a parsed node can be found while a document is being stringified.
// A stringify context only knows its Document, so every document we print is registered here with the
// text its nodes' ranges point into and the column shift its output will be re-indented by.
import type { Document } from 'yaml';

export interface SourceInfo {
  /** The full input text that node ranges index into. */
  readonly text: string;
  /** Number of columns the rendered output is shifted right afterwards (a spliced item in `- ` form). */
  readonly shift: number;
}

const registry = new WeakMap<Document, SourceInfo>();

export function registerSource(doc: Document, info: SourceInfo): void {
  registry.set(doc, info);
}

export function sourceOf(doc: Document | undefined): SourceInfo | undefined {
  return doc ? registry.get(doc) : undefined;
}
