// The token stream under Go's template parser (parse.ts, parse-pipeline.ts): reading, peeking and
// backing up over the lexer's tokens, the variables in scope, and Go's parse errors
// (`template: inject:3: unexpected {{end}}`), which name the furthest line read.
import { Item, type Token } from './lex-items.js';
import { lex } from './lex.js';
import { goQuote, goUnquote } from './go-strings.js';
import type { ListNode } from './nodes.js';

/** name -> body of every template of the text. */
export type TreeSet = Map<string, ListNode>;

/** A parse error inside the parser; Parser.parse turns it into a GoTemplateError. */
export class ParseFail extends Error {}

/** `item.String()` of Go's lexer, used in "unexpected X in Y". */
function itemString(t: Token): string {
  if (t.typ === Item.EOF) return 'EOF';
  if (t.typ === Item.Error) return t.val;
  if (t.typ > Item.Keyword) return `<${t.val}>`;
  const chars = [...t.val];
  if (chars.length > 10) return goQuote(chars.slice(0, 10).join('')) + '...';
  return goQuote(t.val);
}

export class TokenReader {
  protected readonly toks: Token[];
  protected i = 0;
  protected maxRead = 0;
  protected vars: string[] = ['$'];
  protected rangeDepth = 0;
  protected actionLine = 0;

  constructor(
    protected readonly name: string,
    text: string,
    protected readonly hasFunction: (name: string) => boolean,
    readonly treeSet: TreeSet = new Map(),
  ) {
    this.toks = lex(text);
  }

  protected errorf(msg: string): never {
    const line = this.toks[this.maxRead]?.line ?? 0;
    throw new ParseFail(`template: ${this.name}:${line}: ${msg}`);
  }

  protected next(): Token {
    const last = this.toks.length - 1;
    const t = this.toks[Math.min(this.i, last)];
    this.i++;
    const read = Math.min(this.i - 1, last);
    if (read > this.maxRead) this.maxRead = read;
    return t;
  }
  protected backup(n = 1): void {
    this.i -= n;
  }
  protected peek(): Token {
    const t = this.next();
    this.backup();
    return t;
  }
  protected nextNonSpace(): Token {
    let t: Token;
    do t = this.next();
    while (t.typ === Item.Space);
    return t;
  }
  /** Go's peekNonSpace: skips (consumes) spaces, then peeks. */
  protected peekNonSpace(): Token {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }
  protected expect(typ: Item, context: string): Token {
    const t = this.nextNonSpace();
    if (t.typ !== typ) this.unexpected(t, context);
    return t;
  }
  protected unexpected(t: Token, context: string): never {
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
  protected unquote(t: Token): string {
    try {
      return goUnquote(t.val);
    } catch {
      this.errorf('invalid syntax');
    }
  }
}
