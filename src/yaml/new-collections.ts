// Maps and sequences made by update() for new values (json-to-node.ts). They print themselves directly
// when the whole subtree is simple, instead of through yaml's generic stringifier, which was ~25% of a
// large KRM run: per scalar it looks up the tag, copies the context and runs a dozen regexes.
//
// The direct printer covers block collections of new scalars in block context: plain strings that yaml
// prints as they are, double-quoted strings without escapes, safe integers, booleans and null, with
// `{}`/`[]` for empty collections. It reproduces yaml's layout (indent step, indentSeq, `- ` items,
// compact maps in sequences). Anything else (comments, flow style, original nodes, long keys, block or
// escaped strings, floats, ...) declines and the subtree goes through yaml as before. Equality with
// yaml's own output is tested in test/yaml/new-collections.test.ts.
import { Scalar, YAMLMap, YAMLSeq, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node, ScalarTag } from 'yaml';

type StringifyContext = NonNullable<Parameters<YAMLMap['toString']>[0]>;

export class NewMap extends YAMLMap {
  override toString(ctx?: StringifyContext, onComment?: () => void, onChompKeep?: () => void): string {
    const direct = ctx ? printDirectly(this, ctx) : undefined;
    return direct ?? super.toString(ctx, onComment, onChompKeep);
  }
}

export class NewSeq extends YAMLSeq {
  override toString(ctx?: StringifyContext, onComment?: () => void, onChompKeep?: () => void): string {
    const direct = ctx ? printDirectly(this, ctx) : undefined;
    return direct ?? super.toString(ctx, onComment, onChompKeep);
  }
}

const DECLINE = Symbol('decline');

function decline(): never {
  throw DECLINE;
}

function printDirectly(node: NewMap | NewSeq, ctx: StringifyContext): string | undefined {
  const o = ctx.options;
  // Block context only (inFlow null: no collectionStyle forcing either way).
  if (ctx.inFlow !== null && ctx.inFlow !== undefined) return undefined;
  if (ctx.implicitKey || ctx.allNullValues || node.flow || node.items.length === 0) return undefined;
  // With folding on, yaml may break long lines; with other literals for true/false/null, print them.
  if (o.lineWidth !== 0 || o.trueStr !== 'true' || o.falseStr !== 'false' || o.nullStr !== 'null') return undefined;
  const printer = new Printer(ctx);
  try {
    return printer.collection(node, ctx.indent);
  } catch (e) {
    if (e === DECLINE) return undefined;
    throw e;
  }
}

// A string yaml prints plain and unchanged in block context (stringifyString's plainString): no
// indicator first, no `: `, ` #`, trailing space or `:`, no line break, no document marker.
const PLAIN_AS_IS = /^(?:[A-Za-z0-9_/$(=+~]|[.-](?=[A-Za-z0-9_/$]))[A-Za-z0-9_./$()=+~@%,:\- ]*$/;
const PLAIN_TROUBLE = /: |[: ]$/;

class Printer {
  private readonly step: string;
  private readonly indentSeq: boolean;
  private readonly typedByTest: { test?: RegExp }[];
  /** yaml's string tag (our source-preserving wrapper), for strings printed the long way. */
  private readonly strTag: ScalarTag | undefined;

  constructor(private readonly ctx: StringifyContext) {
    this.step = ctx.indentStep;
    this.indentSeq = ctx.options.indentSeq;
    const schema = ctx.doc.schema;
    // Plain text that one of these tags would read back as non-string is quoted by yaml.
    const typed = (t: { default?: boolean | 'key'; tag: string; test?: RegExp }): boolean => Boolean(t.default) && t.tag !== 'tag:yaml.org,2002:str' && t.test !== undefined;
    this.typedByTest = [...schema.tags.filter(typed), ...(schema.compat ?? []).filter(typed)];
    const forStrings = schema.tags.filter((t) => (t as ScalarTag).identify?.('x'));
    this.strTag = forStrings.length === 1 && !schema.compat ? (forStrings[0] as ScalarTag) : undefined;
  }

  collection(node: unknown, indent: string): string {
    if (node instanceof NewMap) return this.map(node, indent);
    if (node instanceof NewSeq) return this.seq(node, indent);
    return decline();
  }

  private map(map: NewMap, indent: string): string {
    let out = '';
    for (let i = 0; i < map.items.length; i++) {
      const line = this.pair(map.items[i], indent);
      out += i === 0 ? line : `\n${indent}${line}`;
    }
    return out;
  }

  private seq(seq: NewSeq, indent: string): string {
    const itemIndent = indent + '  ';
    let out = '';
    for (let i = 0; i < seq.items.length; i++) {
      const item = this.value(seq.items[i], itemIndent);
      out += i === 0 ? `- ${item}` : `\n${indent}- ${item}`;
    }
    return out;
  }

  /** `key: value` as stringifyPair writes it; `indent` is the map's own indentation. */
  private pair(pair: unknown, indent: string): string {
    if (!isPair(pair)) decline();
    const key = pair.key;
    if (!isScalar(key) || typeof key.value !== 'string') decline();
    const keyText = this.scalar(key);
    // Longer keys become explicit (`? key`).
    if (keyText.length > 1024) decline();
    const value = pair.value;
    if (isScalar(value)) {
      const at = { indent: indent + this.step, indentAtStart: keyText.length + 2 };
      return `${keyText}: ${this.scalar(value, at)}`;
    }
    if (!isMap(value) && !isSeq(value)) decline();
    plainNode(value);
    if (value.items.length === 0) return `${keyText}: ${emptyCollection(value)}`;
    if (value.flow) decline();
    let valueIndent = indent + this.step;
    // indentSeq false: the `- ` of a sequence under a key counts as indentation.
    if (isSeq(value) && !this.indentSeq && this.step.length >= 2) valueIndent = valueIndent.substring(2);
    return `${keyText}:\n${valueIndent}${this.collection(value, valueIndent)}`;
  }

  /** A sequence item (after `- `); `indent` is where its further lines start. */
  private value(item: unknown, indent: string): string {
    if (isScalar(item)) return this.scalar(item, { indent });
    if (!isMap(item) && !isSeq(item)) decline();
    plainNode(item);
    if (item.items.length === 0) return emptyCollection(item);
    if (item.flow) decline();
    return this.collection(item, indent);
  }

  /**
   * A scalar as yaml prints it. `at`: where a value scalar stands (its context's indentation); keys
   * (no `at`) must take the direct route.
   */
  private scalar(node: Scalar, at?: { indent: string; indentAtStart?: number }): string {
    plainNode(node);
    // A parsed scalar keeps its source text (source-preserving-tags.ts): not ours to print.
    if (node.range || node.format !== undefined) decline();
    const v = node.value;
    if (typeof v === 'string') {
      if (node.type === Scalar.PLAIN) {
        if (PLAIN_AS_IS.test(v) && !PLAIN_TROUBLE.test(v) && !v.startsWith('---') && !v.startsWith('...') && !this.typedByTest.some((t) => t.test!.test(v))) return v;
      } else if (node.type === Scalar.QUOTE_DOUBLE) {
        // Without escapes yaml's double-quoted form is the JSON string itself.
        const json = JSON.stringify(v);
        if (!json.includes('\\')) return json;
      }
      return this.byYaml(node, at);
    }
    if (typeof v === 'number') return Number.isSafeInteger(v) && !Object.is(v, -0) ? String(v) : decline();
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (v === null) return 'null';
    return decline();
  }

  /** Any other string: yaml's own string stringifier, in the context stringifyPair/-Collection would pass. */
  private byYaml(node: Scalar, at: { indent: string; indentAtStart?: number } | undefined): string {
    if (!at || !this.strTag?.stringify) return decline();
    let chompKeep = false;
    const ctx = { ...this.ctx, ...at, type: null, allNullValues: false, implicitKey: false };
    const text = this.strTag.stringify(node, ctx as never, undefined, () => (chompKeep = true));
    // `|+` changes how the following lines are laid out: leave the whole collection to yaml.
    if (chompKeep || text === '' || text[0] === '\n') decline();
    return text;
  }
}

/** yaml writes an empty collection of unset style in flow form. */
function emptyCollection(node: YAMLMap | YAMLSeq): string {
  if (node.flow !== undefined) decline();
  return isMap(node) ? '{}' : '[]';
}

/** No comments, blank lines, anchors or tags: those print around the node. */
function plainNode(node: Node): void {
  const n = node as Node & { anchor?: string; tag?: string };
  if (n.comment || n.commentBefore || n.spaceBefore || n.anchor || n.tag) decline();
}
