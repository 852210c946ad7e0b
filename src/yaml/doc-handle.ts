// One editable document or ResourceList item: a JSON view plus update() that edits the YAML tree in place.
import { isCollection, isScalar } from 'yaml';
import type { Node } from 'yaml';
import type { Json } from '../k8s/types.js';
import type { YamlDocHandle } from './types.js';
import { YamlInputError } from './types.js';
import type { AnchorIndex } from './anchor-index.js';
import { JsonConverter, YamlStructureError, aliasBudgetFor } from './node-to-json.js';
import type { JsonBudget } from './node-to-json.js';
import { Reconciler } from './reconcile.js';
import { jsonEqual } from './json-equal.js';
import { inlineAliases } from './inline-aliases.js';
import { describeDocument } from './describe-document.js';
import { offsetOfPath } from './line-of-path.js';

/** Where the handle's node lives in its parent (document contents or an item of `items`). */
export interface NodeSlot {
  get(): unknown;
  set(node: unknown): void;
}

export interface HandleSource {
  file: string;
  anchors: AnchorIndex;
  /** Length of the bytes this handle covers: scales the alias-expansion budget of later conversions. */
  sourceLength: number;
  /** Shared by every handle of one input for its first conversion, so many small documents that each
   *  expand aliases a little cannot add up to an explosion. */
  parseBudget: JsonBudget;
  lineOf(offset: number): number;
}

export class NodeHandle implements YamlDocHandle {
  private view: Json | undefined;
  private viewReady = false;
  private keyProblem: { what: string; line: number } | undefined;
  private dirty = false;
  private aliasesInlined = false;

  constructor(
    private readonly slot: NodeSlot,
    readonly line: number,
    readonly index: number,
    private readonly source: HandleSource,
  ) {}

  get value(): Json {
    if (!this.viewReady) {
      const node = this.slot.get();
      const converter = this.converter(this.dirty ? undefined : this.source.parseBudget);
      this.view = this.located(() => converter.toJson(node));
      const bad = converter.nonScalarKey;
      this.keyProblem = bad && { what: bad.what, line: bad.offset === undefined ? this.line : this.source.lineOf(bad.offset) };
      this.viewReady = true;
    }
    return this.view as Json;
  }

  get changed(): boolean {
    return this.dirty;
  }

  get nonScalarKey(): { what: string; line: number } | undefined {
    void this.value;
    return this.keyProblem;
  }

  /** False once aliases were inlined: their copies carry the anchor's ranges, so the document's text
   *  cannot be spliced entry by entry (splice-edited-node.ts) and is printed instead. */
  get spliceable(): boolean {
    return !this.aliasesInlined;
  }

  lineAt(path: readonly (string | number)[]): number | undefined {
    const offset = offsetOfPath(this.slot.get(), path);
    return offset === undefined ? undefined : this.source.lineOf(offset);
  }

  /** The node as it is now (after updates). */
  get node(): unknown {
    return this.slot.get();
  }

  update(next: Json): boolean {
    return this.located(() => this.apply(next));
  }

  private apply(next: Json): boolean {
    const reconciler = new Reconciler(this.converter());
    const before = this.slot.get();
    let result = reconciler.reconcile(before, next);
    if (!result.changed) return false;
    this.place(before, result.node);
    // Editing inside an anchored node also edits every alias of it; if that leaked, give each alias its
    // own copy and reconcile again, so the result is exactly `next`.
    if (this.source.anchors.hasAliases && !jsonEqual(this.toJson(this.slot.get()), next)) {
      this.aliasesInlined = true;
      const inlined = inlineAliases(this.slot.get(), this.source.anchors);
      result = reconciler.reconcile(inlined, next);
      this.place(before, result.node);
    }
    this.dirty = true;
    this.viewReady = false;
    this.view = undefined;
    return true;
  }

  private place(before: unknown, node: unknown): void {
    if (node !== before && (isScalar(node) || isCollection(node)) && !(node as Node).range) {
      // The leading comment of the replaced node stays in the text before the spliced range.
      (node as Node).commentBefore = undefined;
      (node as Node).spaceBefore = undefined;
    }
    this.slot.set(node);
  }

  private converter(budget?: JsonBudget): JsonConverter {
    return new JsonConverter(this.source.anchors, budget ?? aliasBudgetFor(this.source.sourceLength));
  }

  private toJson(node: unknown): Json {
    return this.located(() => this.converter().toJson(node));
  }

  /** Structural problems (alias bombs, cycles) become located input errors. */
  private located<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      if (error instanceof YamlStructureError) {
        const line = error.offset === undefined ? this.line : this.source.lineOf(error.offset);
        throw new YamlInputError(error.message, this.source.file, line, describeDocument(this.slot.get()));
      }
      throw error;
    }
  }
}
