// Go's template execution walk (exec.go's walk, walkIfOrWith, walkRange, walkTemplate, printValue):
// text and actions to output chunks, control flow, break/continue as return signals, and the limits.
import { evalPipeline } from './exec-eval.js';
import { DEFAULT_LIMITS, State, type ExecLimits, type GoTemplate } from './exec-state.js';
import { formatValue } from './fmt.js';
import { goQuote } from './go-strings.js';
import type { BranchNode, ListNode, Node, TemplateNode } from './nodes.js';
import { GoFunc, GoInt, GoMap, GoPtr, GoSlice, truthy, typeName, typeOf, type GoValue } from './value.js';

const NONE = 0;
const BREAK = 1;
const CONTINUE = 2;
type Signal = 0 | 1 | 2;

function walk(s: State, dot: GoValue, node: Node): Signal {
  s.at(node);
  s.tick();
  switch (node.kind) {
    case 'text':
      s.write(node.text);
      return NONE;
    case 'action': {
      const val = evalPipeline(s, dot, node.pipe);
      if (node.pipe.decl.length === 0) printValue(s, node, val);
      return NONE;
    }
    case 'list':
      return walkList(s, dot, node);
    case 'if':
    case 'with':
      return walkIfOrWith(s, dot, node);
    case 'range':
      walkRange(s, dot, node);
      return NONE;
    case 'template':
      walkTemplate(s, dot, node);
      return NONE;
    case 'break':
      return BREAK;
    case 'continue':
      return CONTINUE;
  }
  return s.errorf(`unknown node: ${node}`);
}

function walkList(s: State, dot: GoValue, list: ListNode): Signal {
  const nodes = list.nodes;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (n.kind === 'text') {
      s.write(n.text);
      continue;
    }
    const sig = walk(s, dot, n);
    if (sig !== NONE) return sig;
  }
  return NONE;
}

function walkIfOrWith(s: State, dot: GoValue, node: BranchNode): Signal {
  const mark = s.mark();
  const val = evalPipeline(s, dot, node.pipe);
  // Go's "if/with can't use" error needs a value without truth, which this value model cannot hold.
  const t = truthy(val);
  let sig: Signal = NONE;
  if (t) {
    if (node.kind === 'with') {
      const saved = s.dotIface;
      s.dotIface = false;
      sig = walk(s, val, node.list);
      s.dotIface = saved;
    } else sig = walk(s, dot, node.list);
  } else if (node.elseList !== null) sig = walk(s, dot, node.elseList);
  s.pop(mark);
  return sig;
}

function walkRange(s: State, dot: GoValue, r: BranchNode): void {
  s.at(r);
  const mark = s.mark();
  let val = evalPipeline(s, dot, r.pipe);
  while (val instanceof GoPtr && val.target !== null) val = val.target;
  const bodyMark = s.mark();
  const nDecl = r.pipe.decl.length;
  const saved = s.dotIface;
  const one = (index: GoValue, elem: GoValue, iface: boolean): Signal => {
    s.rangeIteration();
    if (nDecl > 0) s.setTopVar(1, elem, iface);
    if (nDecl > 1) s.setTopVar(2, index, false);
    s.dotIface = iface;
    const sig = walk(s, elem, r.list);
    s.dotIface = saved;
    s.pop(bodyMark);
    return sig;
  };
  if (val instanceof GoSlice) {
    if (val.length > 0) {
      const iface = val.elem.kind === 'interface';
      for (let i = 0; i < val.length; i++) if (one(nDecl > 1 ? new GoInt('int', i) : undefined, val.at(i), iface) === BREAK) break;
      s.pop(mark);
      return;
    }
  } else if (val instanceof GoMap) {
    if (val.size > 0) {
      const iface = val.elem.kind === 'interface';
      for (const k of val.keys()) if (one(k, val.get(k), iface) === BREAK) break;
      s.pop(mark);
      return;
    }
  } else if (val !== undefined) {
    s.errorf(`range can't iterate over ${formatValue(val)}`);
  }
  if (r.elseList !== null) walk(s, dot, r.elseList);
  s.pop(mark);
}

function walkTemplate(s: State, dot: GoValue, t: TemplateNode): void {
  s.at(t);
  const tree = s.tmpl.trees.get(t.name);
  if (tree === undefined) s.errorf(`template ${goQuote(t.name)} not defined`);
  if (s.depth >= s.limits.maxDepth) s.errorf(`exceeded maximum template depth (${s.limits.maxDepth})`);
  const newDot = evalPipeline(s, dot, t.pipe);
  const vars = s.vars;
  const name = s.tmplName;
  const iface = s.dotIface;
  s.vars = [{ name: '$', value: newDot, iface: false }];
  s.tmplName = t.name;
  s.dotIface = false;
  s.depth++;
  walk(s, newDot, tree);
  s.depth--;
  s.vars = vars;
  s.tmplName = name;
  s.dotIface = iface;
}

function printValue(s: State, n: Node, v: GoValue): void {
  s.at(n);
  if (typeof v === 'string') {
    s.write(v);
    return;
  }
  while (v instanceof GoPtr && v.target !== null) v = v.target;
  if (v === undefined) {
    s.write('<no value>');
    return;
  }
  if (v instanceof GoFunc) s.errorf(`can't print ${n} of type ${typeName(typeOf(v))}`);
  s.write(formatValue(v));
}

/** Executes the template named like the text on `data`; throws GoTemplateError. */
export function execute(t: GoTemplate, data: GoValue, limits: Partial<ExecLimits> = {}): string {
  const s = new State(t, data === null ? undefined : data, { ...DEFAULT_LIMITS, ...limits });
  const root = t.trees.get(t.name);
  if (root === undefined) return s.errorf(`${goQuote(t.name)} is an incomplete or empty template`);
  walk(s, data === null ? undefined : data, root);
  return s.out;
}
