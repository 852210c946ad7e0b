// Go's template parser, expressions (Go 1.19 parse.go's pipeline, command, operand, term): variable
// declarations, commands, field chains, constants and function names, with Go's checks and messages.
import { Item } from './lex-items.js';
import { goQuote } from './go-strings.js';
import { newNumber } from './parse-number.js';
import {
  BoolNode,
  ChainNode,
  CommandNode,
  DotNode,
  FieldNode,
  IdentifierNode,
  NilNode,
  PipeNode,
  StringNode,
  VariableNode,
  type Node,
} from './nodes.js';
import { TokenReader } from './parse-tokens.js';

/** Parses pipelines and their parts; Parser adds the actions and control structures around them. */
export class PipelineParser extends TokenReader {
  protected pipeline(context: string, end: Item): PipeNode {
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

  protected checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    for (let i = 1; i < pipe.cmds.length; i++) {
      const k = pipe.cmds[i].args[0].kind;
      if (k === 'bool' || k === 'dot' || k === 'nil' || k === 'number' || k === 'string') this.errorf(`non executable command in pipeline stage ${i + 1}`);
    }
  }

  protected command(): CommandNode {
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

  protected operand(): Node | null {
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

  protected term(): Node | null {
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
