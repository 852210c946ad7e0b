// The one set of yaml options every document is parsed and printed with.
import type { DocumentOptions, ParseOptions, SchemaOptions, ToStringOptions } from 'yaml';
import { sourcePreservingTags } from './source-preserving-tags.js';
import { commentString } from './inline-comment-gaps.js';
import { binaryAsText } from './binary-as-text.js';

/** Nesting deeper than this is refused before composing: yaml composes recursively and would overflow
 *  the stack (or exhaust memory) on a few thousand `[`; real manifests stay far below 100 levels. */
export const MAX_NESTING_DEPTH = 256;

export const PARSE_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  schema: 'core',
  // Keeps integers beyond 2^53 exact inside the AST; the JSON view converts them.
  intAsBigInt: true,
  // Kubernetes YAML is read by YAML 1.1 tools that honour `<<`; expose the merged value.
  merge: true,
  uniqueKeys: true,
  prettyErrors: false,
  customTags: (tags) => sourcePreservingTags([...tags, binaryAsText]),
};

/** How a rendered document is laid out; detected from the input so changed documents keep its look. */
export interface LayoutStyle {
  indent: number;
  indentSeq: boolean;
  flowCollectionPadding: boolean;
}

export const DEFAULT_LAYOUT: LayoutStyle = { indent: 2, indentSeq: false, flowCollectionPadding: false };

export function toStringOptions(layout: LayoutStyle): ToStringOptions {
  return {
    indent: layout.indent,
    indentSeq: layout.indentSeq,
    flowCollectionPadding: layout.flowCollectionPadding,
    // Never fold: a long annotation value must stay on its line.
    lineWidth: 0,
    minContentWidth: 0,
    // A spliced item may alias an anchor defined in an earlier item that is not part of this render.
    verifyAliasOrder: false,
    commentString,
  };
}
