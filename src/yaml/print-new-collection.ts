// Prints a new collection (new-collections.ts) the way yaml's stringifier would, without it: yaml's
// generic path was ~25% of a large KRM run (per scalar it looks up the tag, copies the context and
// runs a dozen regexes).
//
// Covered: block collections in block context holding plain strings that yaml prints as they are,
// double-quoted strings without escapes, safe integers, booleans, null and empty `{}`/`[]`, laid out
// like yaml (indent step, indentSeq, `- ` items, compact maps in sequences); any other string goes
// through yaml's own string stringifier in the context yaml would give it. Anything else (comments,
// flow style, parsed nodes, long keys, floats, `<<`, keep-chomped blocks) declines and yaml prints the
// collection as before. test/yaml/new-collections.test.ts compares with yaml's output.
import { Scalar, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node, ScalarTag, YAMLMap, YAMLSeq } from 'yaml';
import type { Json, JsonObject } from '../k8s/types.js';
import { newStringType } from './string-style.js';
import { newScalar } from './json-to-node.js';
import { definedKeys, isEmptyJson, isNewCollection, pendingJson, type NewMap, type NewSeq, type StringifyContext } from './new-collections.js';

const DECLINE = Symbol('decline');

function decline(): never {
  throw DECLINE;
}

export function printDirectly(node: NewMap | NewSeq, ctx: StringifyContext): string | undefined {
  const o = ctx.options;
  // Block context only (inFlow null: no collectionStyle forcing either way).
  if (ctx.inFlow !== null && ctx.inFlow !== undefined) return undefined;
  // A trailing comment is printed by the collection itself (before/props by its parent).
  if (ctx.implicitKey || ctx.allNullValues || node.flow || node.comment) return undefined;
  if (pendingJson(node) === undefined && node.items.length === 0) return undefined;
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
    if (!isNewCollection(node)) return decline();
    const json = pendingJson(node);
    if (json !== undefined) return Array.isArray(json) ? this.jsonSeq(json, indent) : this.jsonMap(json, indent);
    return isMap(node) ? this.map(node, indent) : this.seq(node as NewSeq, indent);
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

  // The same layout, read from a pending collection's JSON (what its nodes would be: json-to-node.ts).
  private jsonMap(json: JsonObject, indent: string): string {
    let out = '';
    for (const key of definedKeys(json)) {
      const keyText = this.text(key, undefined);
      if (keyText.length > 1024) decline();
      const value = json[key]!;
      let line: string;
      if (value === null || typeof value !== 'object') {
        line = `${keyText}: ${this.text(value, { indent: indent + this.step, indentAtStart: keyText.length + 2 })}`;
      } else if (isEmptyJson(value)) {
        line = `${keyText}: ${Array.isArray(value) ? '[]' : '{}'}`;
      } else {
        let valueIndent = indent + this.step;
        if (Array.isArray(value) && !this.indentSeq && this.step.length >= 2) valueIndent = valueIndent.substring(2);
        line = `${keyText}:\n${valueIndent}${Array.isArray(value) ? this.jsonSeq(value, valueIndent) : this.jsonMap(value, valueIndent)}`;
      }
      out += out === '' ? line : `\n${indent}${line}`;
    }
    return out;
  }

  private jsonSeq(json: Json[], indent: string): string {
    const itemIndent = indent + '  ';
    let out = '';
    for (let i = 0; i < json.length; i++) {
      const value = json[i] ?? null;
      let item: string;
      if (value === null || typeof value !== 'object') item = this.text(value, { indent: itemIndent });
      else if (isEmptyJson(value)) item = Array.isArray(value) ? '[]' : '{}';
      else item = Array.isArray(value) ? this.jsonSeq(value, itemIndent) : this.jsonMap(value, itemIndent);
      out += i === 0 ? `- ${item}` : `\n${indent}- ${item}`;
    }
    return out;
  }

  /** A JSON scalar as the node newScalar() makes for it would print. */
  private text(value: Json, at: { indent: string; indentAtStart?: number } | undefined): string {
    // "<<" gets an explicit tag (json-to-node.ts): printed with it, by yaml.
    if (value === '<<') return decline();
    return this.scalarText(value, typeof value === 'string' ? newStringType(value) : undefined, at, () => newScalar(value as string));
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
    return this.scalarText(node.value as Json, node.type, at, () => node);
  }

  private scalarText(v: Json, type: Scalar.Type | undefined, at: { indent: string; indentAtStart?: number } | undefined, node: () => Scalar): string {
    if (typeof v === 'string') {
      if (type === Scalar.PLAIN) {
        if (PLAIN_AS_IS.test(v) && !PLAIN_TROUBLE.test(v) && !v.startsWith('---') && !v.startsWith('...') && !this.typedByTest.some((t) => t.test!.test(v))) return v;
      } else if (type === Scalar.QUOTE_DOUBLE) {
        // Without escapes yaml's double-quoted form is the JSON string itself.
        const json = JSON.stringify(v);
        if (!json.includes('\\')) return json;
      }
      return this.byYaml(node(), at);
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
