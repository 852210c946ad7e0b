// Go's text/template parse tree. `toString()` prints a node as Go's Node.String does: error messages
// quote nodes in that form (`executing "inject" at <index .l 9>`).
import type { FuncDef, FuncMap } from './func-def.js';
import type { FieldDef, MethodDef, StructDef } from './go-types.js';
import { goQuote } from './go-strings.js';

/**
 * What a name of a field chain resolved to on a struct type: remembered on the node, per position in
 * the chain, by the executor (exec-field.ts), as the same chain meets the same types on every run.
 */
export interface FieldLookup {
  readonly def: StructDef;
  readonly method: MethodDef | undefined;
  readonly field: FieldDef | undefined;
}

export type Node =
  | TextNode
  | ActionNode
  | PipeNode
  | CommandNode
  | IdentifierNode
  | VariableNode
  | DotNode
  | NilNode
  | FieldNode
  | ChainNode
  | BoolNode
  | NumberNode
  | StringNode
  | EndNode
  | ElseNode
  | BranchNode
  | TemplateNode
  | BreakNode
  | ContinueNode
  | ListNode;

export class ListNode {
  readonly kind = 'list';
  readonly nodes: Node[] = [];
  constructor(readonly pos: number) {}
  toString(): string {
    return this.nodes.map(String).join('');
  }
}

export class TextNode {
  readonly kind = 'text';
  constructor(
    readonly pos: number,
    readonly text: string,
  ) {}
  toString(): string {
    return this.text;
  }
}

export class ActionNode {
  readonly kind = 'action';
  constructor(
    readonly pos: number,
    readonly line: number,
    readonly pipe: PipeNode,
  ) {}
  toString(): string {
    return `{{${this.pipe}}}`;
  }
}

export class PipeNode {
  readonly kind = 'pipe';
  isAssign = false;
  readonly decl: VariableNode[] = [];
  readonly cmds: CommandNode[] = [];
  constructor(
    readonly pos: number,
    readonly line: number,
  ) {}
  toString(): string {
    let s = '';
    if (this.decl.length > 0) s = this.decl.map(String).join(', ') + ' := ';
    return s + this.cmds.map(String).join(' | ');
  }
}

export class CommandNode {
  readonly kind = 'command';
  readonly args: Node[] = [];
  private str: string | undefined;
  constructor(readonly pos: number) {}
  toString(): string {
    if (this.str === undefined) this.str = this.args.map((a) => (a.kind === 'pipe' ? `(${a})` : String(a))).join(' ');
    return this.str;
  }
}

export class IdentifierNode {
  readonly kind = 'identifier';
  /** The executor's memo of the function this name means in the map `funcs` (the template's). */
  funcs: FuncMap | undefined = undefined;
  fn: FuncDef | undefined = undefined;
  builtin = false;
  constructor(
    readonly pos: number,
    readonly ident: string,
  ) {}
  toString(): string {
    return this.ident;
  }
}

export class VariableNode {
  readonly kind = 'variable';
  readonly ident: string[];
  /** The field names after the variable (`$x.a.b` -> [a, b]). */
  readonly fields: string[];
  readonly fieldLookups: Array<FieldLookup | undefined> = [];
  constructor(
    readonly pos: number,
    ident: string,
  ) {
    this.ident = ident.split('.');
    this.fields = this.ident.slice(1);
  }
  toString(): string {
    return this.ident.join('.');
  }
}

export class DotNode {
  readonly kind = 'dot';
  constructor(readonly pos: number) {}
  toString(): string {
    return '.';
  }
}

export class NilNode {
  readonly kind = 'nil';
  constructor(readonly pos: number) {}
  toString(): string {
    return 'nil';
  }
}

export class FieldNode {
  readonly kind = 'field';
  readonly ident: string[];
  readonly fieldLookups: Array<FieldLookup | undefined> = [];
  constructor(
    readonly pos: number,
    ident: string,
  ) {
    this.ident = ident.slice(1).split('.');
  }
  toString(): string {
    return '.' + this.ident.join('.');
  }
}

export class ChainNode {
  readonly kind = 'chain';
  readonly field: string[] = [];
  readonly fieldLookups: Array<FieldLookup | undefined> = [];
  constructor(
    readonly pos: number,
    readonly node: Node,
  ) {}
  add(field: string): void {
    this.field.push(...field.slice(1).split('.'));
  }
  toString(): string {
    const head = this.node.kind === 'pipe' ? `(${this.node})` : String(this.node);
    return head + this.field.map((f) => '.' + f).join('');
  }
}

export class BoolNode {
  readonly kind = 'bool';
  constructor(
    readonly pos: number,
    readonly value: boolean,
  ) {}
  toString(): string {
    return this.value ? 'true' : 'false';
  }
}

export class NumberNode {
  readonly kind = 'number';
  isInt = false;
  isUint = false;
  isFloat = false;
  isComplex = false;
  int64 = 0;
  uint64 = 0;
  float64 = 0;
  /** Real and imaginary parts of a complex constant. */
  complex: [number, number] = [0, 0];
  constructor(
    readonly pos: number,
    readonly text: string,
  ) {}
  toString(): string {
    return this.text;
  }
}

export class StringNode {
  readonly kind = 'string';
  constructor(
    readonly pos: number,
    readonly quoted: string,
    readonly text: string,
  ) {}
  toString(): string {
    return this.quoted;
  }
}

export class EndNode {
  readonly kind = 'end';
  constructor(readonly pos: number) {}
  toString(): string {
    return '{{end}}';
  }
}

export class ElseNode {
  readonly kind = 'else';
  constructor(
    readonly pos: number,
    readonly line: number,
  ) {}
  toString(): string {
    return '{{else}}';
  }
}

/** if / range / with. */
export class BranchNode {
  readonly kind: 'if' | 'range' | 'with';
  constructor(
    kind: 'if' | 'range' | 'with',
    readonly pos: number,
    readonly line: number,
    readonly pipe: PipeNode,
    readonly list: ListNode,
    readonly elseList: ListNode | null,
  ) {
    this.kind = kind;
  }
  toString(): string {
    const els = this.elseList ? `{{else}}${this.elseList}` : '';
    return `{{${this.kind} ${this.pipe}}}${this.list}${els}{{end}}`;
  }
}

export class TemplateNode {
  readonly kind = 'template';
  constructor(
    readonly pos: number,
    readonly line: number,
    readonly name: string,
    readonly pipe: PipeNode | null,
  ) {}
  toString(): string {
    return this.pipe ? `{{template ${goQuote(this.name)} ${this.pipe}}}` : `{{template ${goQuote(this.name)}}}`;
  }
}

export class BreakNode {
  readonly kind = 'break';
  constructor(
    readonly pos: number,
    readonly line: number,
  ) {}
  toString(): string {
    return '{{break}}';
  }
}

export class ContinueNode {
  readonly kind = 'continue';
  constructor(
    readonly pos: number,
    readonly line: number,
  ) {}
  toString(): string {
    return '{{continue}}';
  }
}
