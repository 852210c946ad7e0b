// Go's text/template parser (Go 1.19): builds the tree of every template defined in one text
// (`define`, `block`, the top level), with Go's variable scoping, function checks and messages
// (`template: inject:3: unexpected {{end}}`).
import { Item, lex, type Token } from './lex.js';
import { GoTemplateError } from './errors.js';
import { goQuote, goUnquote } from './go-strings.js';
import { newNumber } from './parse-number.js';
import {
  ActionNode,
  BoolNode,
  BranchNode,
  BreakNode,
  ChainNode,
  CommandNode,
  ContinueNode,
  DotNode,
  ElseNode,
  EndNode,
  FieldNode,
  IdentifierNode,
  ListNode,
  NilNode,
  PipeNode,
  StringNode,
  TemplateNode,
  TextNode,
  VariableNode,
  type Node,
} from './nodes.js';

/** name -> body of every template of the text. */
export type TreeSet = Map<string, ListNode>;

class ParseFail extends Error {}

/** `item.String()` of Go's lexer, used in "unexpected X in Y". */
function itemString(t: Token): string {
  if (t.typ === Item.EOF) return 'EOF';
  if (t.typ === Item.Error) return t.val;
  if (t.typ > Item.Keyword) return `<${t.val}>`;
  const chars = [...t.val];
  if (chars.length > 10) return goQuote(chars.slice(0, 10).join('')) + '...';
  return goQuote(t.val);
}

const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;

export function isEmptyTree(n: Node | null): boolean {
  if (n === null) return true;
  switch (n.kind) {
    case 'list':
      return n.nodes.every(isEmptyTree);
    case 'text':
      return GO_SPACE.test(n.text);
    default:
      return false;
  }
}

export class Parser {
  private readonly toks: Token[];
  private i = 0;
  private maxRead = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private actionLine = 0;

  constructor(
    private readonly name: string,
    text: string,
    private readonly hasFunction: (name: string) => boolean,
    readonly treeSet: TreeSet = new Map(),
  ) {
    this.toks = lex(text);
  }

  /** Parses the whole text; the top-level template goes in under the parser's name. */
  parse(): TreeSet {
    try {
      const root = new ListNode(this.peek().pos);
      while (this.peek().typ !== Item.EOF) {
        if (this.peek().typ === Item.LeftDelim) {
          const save = this.i;
          this.next();
          if (this.nextNonSpace().typ === Item.Define) {
            this.parseDefinition();
            continue;
          }
          this.i = save;
        }
        const n = this.textOrAction();
        if (n.kind === 'end' || n.kind === 'else') this.errorf(`unexpected ${n}`);
        root.nodes.push(n);
      }
      this.add(this.name, root);
      return this.treeSet;
    } catch (e) {
      if (e instanceof ParseFail) throw new GoTemplateError(e.message, this.name, this.toks[this.maxRead]?.line ?? 0, 0);
      throw e;
    }
  }

  private errorf(msg: string): never {
    const line = this.toks[this.maxRead]?.line ?? 0;
    throw new ParseFail(`template: ${this.name}:${line}: ${msg}`);
  }

  private next(): Token {
    const last = this.toks.length - 1;
    const t = this.toks[Math.min(this.i, last)];
    this.i++;
    const read = Math.min(this.i - 1, last);
    if (read > this.maxRead) this.maxRead = read;
    return t;
  }
  private backup(n = 1): void {
    this.i -= n;
  }
  private peek(): Token {
    const t = this.next();
    this.backup();
    return t;
  }
  private nextNonSpace(): Token {
    let t: Token;
    do t = this.next();
    while (t.typ === Item.Space);
    return t;
  }
  /** Go's peekNonSpace: skips (consumes) spaces, then peeks. */
  private peekNonSpace(): Token {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }
  private expect(typ: Item, context: string): Token {
    const t = this.nextNonSpace();
    if (t.typ !== typ) this.unexpected(t, context);
    return t;
  }
  private unexpected(t: Token, context: string): never {
    if (t.typ === Item.Error) {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== t.line) {
        extra = ` in action started at ${this.name}:${this.actionLine}`;
        if (t.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(t.val + extra);
    }
    this.errorf(`unexpected ${itemString(t)} in ${context}`);
  }
  private unquote(t: Token): string {
    try {
      return goUnquote(t.val);
    } catch {
      this.errorf('invalid syntax');
    }
  }

  private add(name: string, root: ListNode): void {
    const old = this.treeSet.get(name);
    if (old === undefined || isEmptyTree(old)) {
      this.treeSet.set(name, root);
      return;
    }
    if (!isEmptyTree(root)) this.errorf(`template: multiple definition of template ${goQuote(name)}`);
  }

  /** Runs `body` as a separate tree (define/block): fresh variables, no enclosing range. */
  private subTree<T>(body: () => T): T {
    const vars = this.vars;
    const depth = this.rangeDepth;
    this.vars = ['$'];
    this.rangeDepth = 0;
    try {
      return body();
    } finally {
      this.vars = vars;
      this.rangeDepth = depth;
    }
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const t = this.nextNonSpace();
    if (t.typ !== Item.String && t.typ !== Item.RawString) this.unexpected(t, context);
    const name = this.unquote(t);
    this.expect(Item.RightDelim, context);
    this.subTree(() => {
      const [list, end] = this.itemList();
      if (end.kind !== 'end') this.errorf(`unexpected ${end} in ${context}`);
      this.add(name, list);
    });
  }

  private itemList(): [ListNode, Node] {
    const list = new ListNode(this.peekNonSpace().pos);
    while (this.peekNonSpace().typ !== Item.EOF) {
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else') return [list, n];
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Node {
    const t = this.nextNonSpace();
    switch (t.typ) {
      case Item.Text:
        return new TextNode(t.pos, t.val);
      case Item.LeftDelim: {
        this.actionLine = t.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      }
      default:
        this.unexpected(t, 'input');
    }
  }

  private action(): Node {
    const t = this.nextNonSpace();
    switch (t.typ) {
      case Item.Block:
        return this.blockControl();
      case Item.Break:
      case Item.Continue:
        return this.breakControl(t);
      case Item.Else:
        return this.elseControl();
      case Item.End:
        return new EndNode(this.expect(Item.RightDelim, 'end').pos);
      case Item.If:
        return this.branch('if', true);
      case Item.Range:
        return this.branch('range', false);
      case Item.Template:
        return this.templateControl();
      case Item.With:
        return this.branch('with', false);
    }
    this.backup();
    const tok = this.peek();
    return new ActionNode(tok.pos, tok.line, this.pipeline('command', Item.RightDelim));
  }

  private breakControl(t: Token): Node {
    const word = t.typ === Item.Break ? 'break' : 'continue';
    const n = this.nextNonSpace();
    if (n.typ !== Item.RightDelim) this.unexpected(n, `{{${word}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${word}}} outside {{range}}`);
    return t.typ === Item.Break ? new BreakNode(t.pos, t.line) : new ContinueNode(t.pos, t.line);
  }

  private elseControl(): Node {
    const p = this.peekNonSpace();
    if (p.typ === Item.If) return new ElseNode(p.pos, p.line);
    const t = this.expect(Item.RightDelim, 'else');
    return new ElseNode(t.pos, t.line);
  }

  private branch(kind: 'if' | 'range' | 'with', allowElseIf: boolean): Node {
    const nvars = this.vars.length;
    try {
      const pipe = this.pipeline(kind, Item.RightDelim);
      if (kind === 'range') this.rangeDepth++;
      let [list, next] = this.itemList();
      if (kind === 'range') this.rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.kind === 'else') {
        if (allowElseIf && this.peek().typ === Item.If) {
          this.next();
          elseList = new ListNode(next.pos);
          elseList.nodes.push(this.branch('if', true));
        } else {
          [elseList, next] = this.itemList();
          if (next.kind !== 'end') this.errorf(`expected end; found ${next}`);
        }
      }
      return new BranchNode(kind, pipe.pos, pipe.line, pipe, list, elseList);
    } finally {
      this.vars.length = nvars;
    }
  }

  private templateName(t: Token, context: string): string {
    if (t.typ !== Item.String && t.typ !== Item.RawString) this.unexpected(t, context);
    return this.unquote(t);
  }

  private blockControl(): Node {
    const context = 'block clause';
    const t = this.nextNonSpace();
    const name = this.templateName(t, context);
    const pipe = this.pipeline(context, Item.RightDelim);
    this.subTree(() => {
      const [list, end] = this.itemList();
      if (end.kind !== 'end') this.errorf(`unexpected ${end} in ${context}`);
      this.add(name, list);
    });
    return new TemplateNode(t.pos, t.line, name, pipe);
  }

  private templateControl(): Node {
    const context = 'template clause';
    const t = this.nextNonSpace();
    const name = this.templateName(t, context);
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().typ !== Item.RightDelim) {
      this.backup();
      pipe = this.pipeline(context, Item.RightDelim);
    }
    return new TemplateNode(t.pos, t.line, name, pipe);
  }

  private pipeline(context: string, end: Item): PipeNode {
    const first = this.peekNonSpace();
    const pipe = new PipeNode(first.pos, first.line);
    decls: for (;;) {
      const v = this.peekNonSpace();
      if (v.typ !== Item.Variable) break;
      const save = this.i;
      this.nextNonSpace();
      const after = this.peek();
      const next = this.peekNonSpace();
      if (next.typ === Item.Assign || next.typ === Item.Declare) {
        pipe.isAssign = next.typ === Item.Assign;
        this.nextNonSpace();
        pipe.decl.push(new VariableNode(v.pos, v.val));
        this.vars.push(v.val);
      } else if (next.typ === Item.Char && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push(new VariableNode(v.pos, v.val));
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const p = this.peekNonSpace().typ;
          if (p === Item.Variable || p === Item.RightDelim || p === Item.RightParen) continue decls;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      } else if (after.typ === Item.Space) {
        this.i = save;
      } else {
        this.i = save;
      }
      break;
    }
    for (;;) {
      const t = this.nextNonSpace();
      switch (t.typ) {
        case end:
          this.checkPipeline(pipe, context);
          return pipe;
        case Item.Bool:
        case Item.CharConstant:
        case Item.Complex:
        case Item.Dot:
        case Item.Field:
        case Item.Identifier:
        case Item.Number:
        case Item.Nil:
        case Item.RawString:
        case Item.String:
        case Item.Variable:
        case Item.LeftParen:
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    for (let i = 1; i < pipe.cmds.length; i++) {
      const k = pipe.cmds[i].args[0].kind;
      if (k === 'bool' || k === 'dot' || k === 'nil' || k === 'number' || k === 'string') this.errorf(`non executable command in pipeline stage ${i + 1}`);
    }
  }

  private command(): CommandNode {
    const cmd = new CommandNode(this.peekNonSpace().pos);
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand !== null) cmd.args.push(operand);
      const t = this.next();
      if (t.typ === Item.Space) continue;
      if (t.typ === Item.RightDelim || t.typ === Item.RightParen) this.backup();
      else if (t.typ !== Item.Pipe) this.unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): Node | null {
    let node = this.term();
    if (node === null) return null;
    if (this.peek().typ === Item.Field) {
      const chain = new ChainNode(this.peek().pos, node);
      while (this.peek().typ === Item.Field) chain.add(this.next().val);
      switch (node.kind) {
        case 'field':
          node = new FieldNode(chain.pos, String(chain));
          break;
        case 'variable':
          node = new VariableNode(chain.pos, String(chain));
          break;
        case 'bool':
        case 'string':
        case 'number':
        case 'nil':
        case 'dot':
          this.errorf(`unexpected . after term ${goQuote(String(node))}`);
          break;
        default:
          node = chain;
      }
    }
    return node;
  }

  private term(): Node | null {
    const t = this.nextNonSpace();
    switch (t.typ) {
      case Item.Identifier:
        if (!this.hasFunction(t.val)) this.errorf(`function ${goQuote(t.val)} not defined`);
        return new IdentifierNode(t.pos, t.val);
      case Item.Dot:
        return new DotNode(t.pos);
      case Item.Nil:
        return new NilNode(t.pos);
      case Item.Variable: {
        const v = new VariableNode(t.pos, t.val);
        if (!this.vars.includes(v.ident[0])) this.errorf(`undefined variable ${goQuote(v.ident[0])}`);
        return v;
      }
      case Item.Field:
        return new FieldNode(t.pos, t.val);
      case Item.Bool:
        return new BoolNode(t.pos, t.val === 'true');
      case Item.CharConstant:
      case Item.Complex:
      case Item.Number:
        try {
          return newNumber(t.pos, t.val, t.typ === Item.CharConstant ? 'char' : t.typ === Item.Complex ? 'complex' : 'number');
        } catch (e) {
          this.errorf((e as Error).message);
        }
      // eslint-disable-next-line no-fallthrough
      case Item.LeftParen:
        return this.pipeline('parenthesized pipeline', Item.RightParen);
      case Item.String:
      case Item.RawString:
        return new StringNode(t.pos, t.val, this.unquote(t));
    }
    this.backup();
    return null;
  }
}
