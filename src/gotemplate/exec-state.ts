// The state of one execution: output chunks, variables, the node being evaluated (for Go's error
// location `inject:LINE:COL` and context `<node>`), and the limits that stop a hostile template.
import { GoTemplateError } from './errors.js';
import { goQuote, utf8Length } from './go-strings.js';
import type { FuncDef } from './func-def.js';
import type { ListNode, Node } from './nodes.js';
import { GoSlice, type GoValue } from './value.js';

export interface ExecLimits {
  maxOutputBytes: number;
  maxDepth: number;
  maxRangeIterations: number;
  timeBudgetMs: number;
  /** List items and characters that function calls may return in one execution, all calls together. */
  maxCreatedSize: number;
}

export const DEFAULT_LIMITS: ExecLimits = {
  maxOutputBytes: 64 * 1024 * 1024,
  maxDepth: 1000,
  maxRangeIterations: 10_000_000,
  timeBudgetMs: 5000,
  maxCreatedSize: 64 * 1024 * 1024,
};

/** A parsed template text: every template it defines, the functions it may call. */
export interface GoTemplate {
  readonly name: string;
  readonly text: string;
  readonly trees: ReadonlyMap<string, ListNode>;
  readonly funcs: ReadonlyMap<string, FuncDef>;
}

export interface Variable {
  name: string;
  value: GoValue;
  /** The value sits in an interface{} (an element of []interface{} / map[string]interface{}). */
  iface: boolean;
}

/** Marks "no final argument from the previous pipeline stage" (Go's missingVal). */
export const MISSING: unique symbol = Symbol('missing');
export type Final = GoValue | typeof MISSING;

const TIME_CHECK_EVERY = 2048;

export class State {
  /** The output so far (V8 concatenates into a rope, flattened once when read). */
  out = '';
  private outBytes = 0;
  vars: Variable[];
  node: Node | null = null;
  /** Name of the template being executed (changes inside {{template}}). */
  tmplName: string;
  depth = 0;
  /** The current dot sits in an interface{} (range over []interface{}). */
  dotIface = false;
  /** Set by field evaluation: the last result came out of an interface{} slot. */
  lastIface = false;
  private steps = 0;
  private rangeIterations = 0;
  private createdSize = 0;
  private readonly deadline: number;
  /** Lines of the text, computed lazily for error positions. */

  constructor(
    readonly tmpl: GoTemplate,
    data: GoValue,
    readonly limits: ExecLimits,
  ) {
    this.tmplName = tmpl.name;
    this.vars = [{ name: '$', value: data, iface: false }];
    this.deadline = Date.now() + limits.timeBudgetMs;
  }

  at(n: Node): void {
    this.node = n;
  }

  write(s: string): void {
    if (s.length === 0) return;
    this.outBytes += s.length;
    if (this.outBytes > this.limits.maxOutputBytes) {
      // UTF-16 length underestimates bytes by at most 3x; count exactly only near the limit.
      this.outBytes = this.outBytes - s.length + utf8Length(s);
      if (this.outBytes > this.limits.maxOutputBytes) this.fail(`output exceeds the limit of ${this.limits.maxOutputBytes} bytes`);
    }
    this.out += s;
  }

  /** Counts a step of work and checks the wall-clock budget every few thousand steps. */
  tick(): void {
    if (++this.steps % TIME_CHECK_EVERY === 0 && Date.now() > this.deadline) {
      this.fail(`execution exceeded the time budget of ${this.limits.timeBudgetMs} ms`);
    }
  }

  /**
   * Counts what a function call returned (a string's characters, a list's items): a loop that doubles a
   * value stops here, long before one value grows past what the process can hold. Values handed back
   * unchanged count again; the limit leaves real templates thousands of times the room they use.
   */
  created(v: GoValue, call: Node): void {
    const size = typeof v === 'string' ? v.length : v instanceof GoSlice ? v.length : 0;
    if (size === 0) return;
    this.createdSize += size;
    if (this.createdSize > this.limits.maxCreatedSize) {
      this.at(call);
      this.fail(`values returned by functions exceed the limit of ${this.limits.maxCreatedSize} items or characters`);
    }
  }

  rangeIteration(): void {
    if (++this.rangeIterations > this.limits.maxRangeIterations) this.fail(`range iterations exceed the limit of ${this.limits.maxRangeIterations}`);
    this.tick();
  }

  /** Go's state.errorf: `template: NAME:LINE:COL: executing "TMPL" at <NODE>: MSG`. */
  errorf(msg: string, maxContext = Infinity): never {
    const name = this.tmpl.name;
    if (this.node === null) throw new GoTemplateError(`template: ${name}: ${msg}`, this.tmplName, 0, 0);
    const [line, col] = position(this.tmpl.text, this.node.pos);
    let context = String(this.node);
    if (context.length > maxContext) context = context.slice(0, maxContext) + '...';
    throw new GoTemplateError(`template: ${name}:${line}:${col}: executing ${goQuote(this.tmplName)} at <${context}>: ${msg}`, this.tmplName, line, col);
  }

  /** A limit was hit: Go's error shape, the node being executed shortened (it may be a whole range body). */
  fail(msg: string): never {
    this.errorf(msg, 40);
  }

  // Variables (Go's push/mark/pop/setVar/varValue).
  mark(): number {
    return this.vars.length;
  }
  pop(mark: number): void {
    this.vars.length = mark;
  }
  push(name: string, value: GoValue, iface = false): void {
    this.vars.push({ name, value, iface });
  }
  setTopVar(n: number, value: GoValue, iface: boolean): void {
    const v = this.vars[this.vars.length - n];
    v.value = value;
    v.iface = iface;
  }
  setVar(name: string, value: GoValue): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        this.vars[i].iface = false;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }
  variable(name: string): Variable {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i];
    this.errorf(`undefined variable: ${name}`);
  }
}

/** Go's ErrorContext location: 1-based line, byte offset in the line. */
export function position(text: string, pos: number): [line: number, col: number] {
  let line = 1;
  let lastNL = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < pos; i = text.indexOf('\n', i + 1)) {
    line++;
    lastNL = i;
  }
  return [line, utf8Length(text.slice(lastNL + 1, pos))];
}
