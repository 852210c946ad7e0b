// Evaluation of pipelines, commands, function calls and arguments, as Go's exec.go does it
// (evalPipeline, evalCommand, evalFunction, evalCall, evalArg, validateType), with Go's messages.
// Fields, chains and variables: exec-field.ts.
import { GoTemplateError } from './errors.js';
import { goQuote } from './go-strings.js';
import { MISSING, type Final, type State } from './exec-state.js';
import { REFLECT_VALUE, isBuiltinDef, truth } from './builtins.js';
import type { FuncDef } from './func-def.js';
import { evalChainNode, evalFieldNode, evalVariableNode } from './exec-field.js';
import type { CommandNode, IdentifierNode, Node, NumberNode, PipeNode } from './nodes.js';
import { GoComplex, GoInt, GoPtr, GoStruct, T, typeName, typeOf, zeroValue, type GoType, type GoValue, type MethodDef } from './value.js';

/** No method receiver: evalCall is calling a function. */
const NO_RECEIVER: unique symbol = Symbol('no receiver');

export function evalPipeline(s: State, dot: GoValue, pipe: PipeNode | null): GoValue {
  if (pipe === null) return undefined;
  s.at(pipe);
  let value: Final = MISSING;
  const cmds = pipe.cmds;
  for (let i = 0; i < cmds.length; i++) {
    value = evalCommand(s, dot, cmds[i], value);
    // An interface{} result is replaced by what it holds; a nil interface becomes "no value".
    if (value === null) value = undefined;
  }
  const v = value === MISSING ? undefined : value;
  const decl = pipe.decl;
  for (let i = 0; i < decl.length; i++) {
    if (pipe.isAssign) s.setVar(decl[i].ident[0], v);
    else s.push(decl[i].ident[0], v);
  }
  return v;
}

function evalCommand(s: State, dot: GoValue, cmd: CommandNode, final: Final): GoValue {
  const first = cmd.args[0];
  switch (first.kind) {
    case 'field':
      return evalFieldNode(s, dot, first, cmd.args, final);
    case 'chain':
      return evalChainNode(s, dot, first, cmd.args, final);
    case 'identifier':
      return evalFunction(s, dot, first, cmd, cmd.args, final);
    case 'pipe':
      notAFunction(s, cmd.args, final);
      return evalPipeline(s, dot, first);
    case 'variable':
      return evalVariableNode(s, dot, first, cmd.args, final);
  }
  s.at(first);
  notAFunction(s, cmd.args, final);
  switch (first.kind) {
    case 'bool':
      return first.value;
    case 'dot':
      return dot;
    case 'nil':
      return s.errorf('nil is not a command');
    case 'number':
      return idealConstant(s, first);
    case 'string':
      return first.text;
  }
  return s.errorf(`can't evaluate command ${goQuote(String(first))}`);
}

export function notAFunction(s: State, args: Node[] | null, final: Final): void {
  if ((args !== null && args.length > 1) || final !== MISSING) s.errorf(`can't give argument to non-function ${args![0]}`);
}

function isHexInt(t: string): boolean {
  return t.length > 2 && t[0] === '0' && (t[1] === 'x' || t[1] === 'X') && !/[pP]/.test(t);
}

function idealConstant(s: State, n: NumberNode): GoValue {
  s.at(n);
  if (n.isComplex) return new GoComplex(n.complex[0], n.complex[1]);
  if (n.isFloat && !isHexInt(n.text) && n.text[0] !== "'" && /[.eEpP]/.test(n.text)) return n.float64;
  if (n.isInt) return new GoInt('int', n.int64);
  if (n.isUint) s.errorf(`${n.text} overflows int`);
  return undefined;
}

function evalFunction(s: State, dot: GoValue, node: IdentifierNode, cmd: Node, args: Node[] | null, final: Final): GoValue {
  s.at(node);
  const funcs = s.tmpl.funcs;
  if (node.funcs !== funcs) {
    const def = funcs.get(node.ident);
    if (def === undefined) return s.errorf(`${goQuote(node.ident)} is not a defined function`);
    node.funcs = funcs;
    node.fn = def;
    node.builtin = isBuiltinDef(def);
  }
  return evalCall(s, dot, node.fn!, node.builtin, cmd, node.ident, args, final);
}

/** Calls a function (`fun` a FuncDef) or a method (`fun` a MethodDef of `recv`) with the command's arguments. */
export function evalCall(
  s: State, dot: GoValue, fun: MethodDef | FuncDef, isBuiltin: boolean, node: Node, name: string, args: Node[] | null, final: Final,
  recv: GoValue | typeof NO_RECEIVER = NO_RECEIVER,
): GoValue {
  const nArgs = args === null ? 0 : args.length - 1;
  const numIn = nArgs + (final !== MISSING ? 1 : 0);
  const params = fun.params;
  const nIn = params.length;
  let numFixed = nArgs;
  if (fun.variadic) {
    numFixed = nIn - 1;
    if (numIn < numFixed) s.errorf(`wrong number of args for ${name}: want at least ${nIn - 1} got ${nArgs}`);
  } else if (numIn !== nIn) s.errorf(`wrong number of args for ${name}: want ${nIn} got ${numIn}`);

  if (isBuiltin && (name === 'and' || name === 'or')) {
    let v: GoValue = undefined;
    for (let i = 1; i <= nArgs; i++) {
      v = evalArg(s, dot, REFLECT_VALUE, args![i]);
      if (truth(v) === (name === 'or')) return v;
    }
    if (final !== MISSING) v = final;
    return v;
  }

  const argv: GoValue[] = new Array(numIn);
  let i = 0;
  for (; i < numFixed && i < nArgs; i++) argv[i] = evalArg(s, dot, params[i], args![i + 1]);
  if (fun.variadic) {
    const t = params[nIn - 1];
    for (; i < nArgs; i++) argv[i] = evalArg(s, dot, t, args![i + 1]);
  }
  if (final !== MISSING) {
    const t = fun.variadic && numIn - 1 < numFixed ? params[numIn - 1] : params[nIn - 1];
    argv[i] = validateType(s, final, t);
  }
  let result: GoValue;
  try {
    result = recv === NO_RECEIVER ? (fun as FuncDef).fn(argv) : (fun as MethodDef).call(recv, argv);
  } catch (e) {
    if (e instanceof GoTemplateError) throw e;
    s.at(node);
    return s.errorf(`error calling ${name}: ${e instanceof Error ? e.message : String(e)}`);
  }
  s.created(result, node);
  return result;
}

function canBeNil(t: GoType): boolean {
  const k = t.kind;
  return k === 'interface' || k === 'map' || k === 'slice' || k === 'ptr' || k === 'func';
}

export function typeEquals(a: GoType, b: GoType): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'int':
      return a.name === (b as typeof a).name;
    case 'map':
    case 'slice':
    case 'ptr':
      return typeEquals(a.elem, (b as typeof a).elem);
    case 'struct':
    case 'enum':
      return a.def === (b as typeof a).def;
    default:
      return true;
  }
}

/** Go's validateType: a computed value into a parameter of type `typ` (null: untyped). */
function validateType(s: State, value: GoValue, typ: GoType | null): GoValue {
  if (typ === null || typ === REFLECT_VALUE) return value;
  if (value === undefined) {
    if (canBeNil(typ)) return zeroValue(typ);
    return s.errorf(`invalid value; expected ${typeName(typ)}`);
  }
  if (typ.kind === 'interface') return value;
  if (value !== null) {
    const vt = typeOf(value);
    if (typeEquals(vt, typ)) return value;
    if (value instanceof GoPtr && typeEquals(value.elem, typ)) {
      if (value.target === null) s.errorf(`dereference of nil pointer of type ${typeName(typ)}`);
      return value.target;
    }
    if (typ.kind === 'ptr' && typeEquals(vt, typ.elem) && value instanceof GoStruct) return new GoPtr(typ.elem, value);
  }
  return s.errorf(`wrong type for value; expected ${typeName(typ)}; got ${value === null ? 'interface {}' : typeName(typeOf(value))}`);
}

/** Go's evalArg: one argument node for a parameter of type `typ` (null: untyped, chain heads). */
export function evalArg(s: State, dot: GoValue, typ: GoType | null, n: Node): GoValue {
  s.at(n);
  switch (n.kind) {
    case 'dot':
      return validateType(s, dot, typ);
    case 'nil':
      if (typ === REFLECT_VALUE) return undefined;
      if (typ !== null && canBeNil(typ)) return zeroValue(typ);
      return s.errorf(`cannot assign nil to ${typ === null ? '<nil>' : typeName(typ)}`);
    case 'field':
      // Go passes []Node{n}: the field node alone, no arguments (as null does here).
      return validateType(s, evalFieldNode(s, dot, n, null, MISSING), typ);
    case 'variable':
      return validateType(s, evalVariableNode(s, dot, n, null, MISSING), typ);
    case 'pipe':
      return validateType(s, evalPipeline(s, dot, n), typ);
    case 'identifier':
      return validateType(s, evalFunction(s, dot, n, n, null, MISSING), typ);
    case 'chain':
      return validateType(s, evalChainNode(s, dot, n, null, MISSING), typ);
  }
  const t = typ ?? T.interface;
  switch (t.kind) {
    case 'bool':
      if (n.kind === 'bool') return n.value;
      return s.errorf(`expected bool; found ${n}`);
    case 'float64':
      if (n.kind === 'number' && n.isFloat) return n.float64;
      return s.errorf(`expected float; found ${n}`);
    case 'complex128':
      if (n.kind === 'number' && (n.isComplex || n.isFloat)) return n.isComplex ? new GoComplex(n.complex[0], n.complex[1]) : new GoComplex(n.float64, 0);
      return s.errorf(`expected complex; found ${n}`);
    case 'int': {
      const unsigned = t.name.startsWith('u');
      if (n.kind === 'number' && (unsigned ? n.isUint : n.isInt)) return new GoInt(t.name, unsigned ? n.uint64 : n.int64);
      return s.errorf(`expected ${unsigned ? 'unsigned integer' : 'integer'}; found ${n}`);
    }
    case 'interface':
      return evalEmptyInterface(s, dot, n);
    case 'string':
      if (n.kind === 'string') return n.text;
      return s.errorf(`expected string; found ${n}`);
  }
  return s.errorf(`can't handle ${n} for arg of type ${typeName(t)}`);
}

function evalEmptyInterface(s: State, dot: GoValue, n: Node): GoValue {
  s.at(n);
  switch (n.kind) {
    case 'bool':
      return n.value;
    case 'number':
      return idealConstant(s, n);
    case 'string':
      return n.text;
  }
  return s.errorf(`can't handle assignment of ${n} to empty interface argument`);
}
