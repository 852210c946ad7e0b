// Go's text/template parser (Go 1.19): builds the tree of every template defined in one text
// (`define`, `block`, the top level), with Go's variable scoping, function checks and messages
// (`template: inject:3: unexpected {{end}}`).
import { Item, type Token } from './lex-items.js';
import { GoTemplateError } from './errors.js';
import { goQuote } from './go-strings.js';
import {
  ActionNode,
  BranchNode,
  BreakNode,
  ContinueNode,
  ElseNode,
  EndNode,
  ListNode,
  PipeNode,
  TemplateNode,
  TextNode,
  type Node,
} from './nodes.js';
import { PipelineParser } from './parse-pipeline.js';
import { ParseFail, type TreeSet } from './parse-tokens.js';

export type { TreeSet } from './parse-tokens.js';

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
export class Parser extends PipelineParser {
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

  protected add(name: string, root: ListNode): void {
    const old = this.treeSet.get(name);
    if (old === undefined || isEmptyTree(old)) {
      this.treeSet.set(name, root);
      return;
    }
    if (!isEmptyTree(root)) this.errorf(`template: multiple definition of template ${goQuote(name)}`);
  }

  /** Runs `body` as a separate tree (define/block): fresh variables, no enclosing range. */
  protected subTree<T>(body: () => T): T {
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

  protected parseDefinition(): void {
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

  protected itemList(): [ListNode, Node] {
    const list = new ListNode(this.peekNonSpace().pos);
    while (this.peekNonSpace().typ !== Item.EOF) {
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else') return [list, n];
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  protected textOrAction(): Node {
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

  protected action(): Node {
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

  protected breakControl(t: Token): Node {
    const word = t.typ === Item.Break ? 'break' : 'continue';
    const n = this.nextNonSpace();
    if (n.typ !== Item.RightDelim) this.unexpected(n, `{{${word}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${word}}} outside {{range}}`);
    return t.typ === Item.Break ? new BreakNode(t.pos, t.line) : new ContinueNode(t.pos, t.line);
  }

  protected elseControl(): Node {
    const p = this.peekNonSpace();
    if (p.typ === Item.If) return new ElseNode(p.pos, p.line);
    const t = this.expect(Item.RightDelim, 'else');
    return new ElseNode(t.pos, t.line);
  }

  protected branch(kind: 'if' | 'range' | 'with', allowElseIf: boolean): Node {
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

  protected templateName(t: Token, context: string): string {
    if (t.typ !== Item.String && t.typ !== Item.RawString) this.unexpected(t, context);
    return this.unquote(t);
  }

  protected blockControl(): Node {
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

  protected templateControl(): Node {
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
}
