// A `customTags` wrapper: every scalar tag re-emits the exact original text of a scalar node that came
// from the input. The core schema would otherwise rewrite `0755` -> `755`, `0x1F` -> `0x1f`, `+1` -> `1`,
// `.5` -> `0.5`, `1e3` -> `1e+3`, round big integers and re-fold block scalars in every changed document.
// Nodes created by update() have no range and are stringified normally. We never mutate the value of a
// parsed Scalar (a changed value always gets a new node), so "has a range" means "text still valid".
import { Scalar } from 'yaml';
import type { Document, Tags, ScalarTag, CollectionTag } from 'yaml';
import { sourceOf } from './source-registry.js';

type StringifyFn = NonNullable<ScalarTag['stringify']>;
type Ctx = Parameters<StringifyFn>[1] & { doc?: Document; indent: string; inFlow?: boolean | null; implicitKey?: boolean };

export function sourcePreservingTags(tags: Tags): Tags {
  const strTag = tags.find((t): t is ScalarTag => typeof t !== 'string' && t.tag === 'tag:yaml.org,2002:str');
  const defaultString = strTag?.stringify;
  return tags.map((tag): ScalarTag | CollectionTag => {
    if (typeof tag === 'string' || ('collection' in tag && tag.collection)) return tag as CollectionTag;
    const scalarTag = tag as ScalarTag;
    const original = scalarTag.stringify;
    return {
      ...scalarTag,
      stringify(item, ctx, onComment, onChompKeep) {
        const kept = originalText(item as Scalar, ctx as Ctx);
        if (kept !== undefined) return kept;
        // Tags without their own stringifier use yaml's string logic, as yaml itself does.
        const fn = original ?? defaultString;
        if (!fn) throw new Error(`no stringifier for tag ${scalarTag.tag}`);
        return fn(item, ctx, onComment, onChompKeep);
      },
    };
  }) as Tags;
}

const BLOCK_HEADER = /^([|>])([1-9]?)([-+]?)([1-9]?)[ \t]*$/;

/** The original text of `item` fitted to the current indentation, or undefined to stringify normally. */
function originalText(item: Scalar, ctx: Ctx): string | undefined {
  const range = item.range;
  if (!range) return undefined;
  const info = sourceOf(ctx.doc);
  if (!info) return undefined;
  const src = info.text.slice(range[0], range[1]);
  if (src === '') return undefined; // an empty value (`key:`): yaml prints that itself
  const isBlock = item.type === Scalar.BLOCK_LITERAL || item.type === Scalar.BLOCK_FOLDED;
  if (!src.includes('\n')) return isBlock ? undefined : src;
  if (ctx.inFlow || ctx.implicitKey) return undefined;
  const lines = src.replace(/[\r\n][\s]*$/, '').split(/\r?\n/);
  if (isBlock) {
    const header = BLOCK_HEADER.exec(lines[0]);
    // Keep-chomping (`|+`) trailing lines, explicit indentation and header comments: let yaml print them.
    if (!header || header[2] || header[4] || header[3] === '+') return undefined;
  }
  // Continuation lines must sit where yaml would put them, or the value (or validity) could change.
  const need = ' '.repeat(info.shift) + ctx.indent;
  const out = [lines[0]];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    // Whitespace-only lines may be content of a literal block: keep them, minus the shift.
    if (line.trim() === '') out.push(line.length >= info.shift ? line.slice(info.shift) : '');
    else if (line.startsWith(need)) out.push(line.slice(info.shift));
    else return undefined;
  }
  return out.join('\n');
}
