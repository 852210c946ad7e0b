// Evaluation of fields, chains and variables, as Go's exec.go does it (evalFieldNode, evalChainNode,
// evalVariableNode, evalFieldChain, evalField): a method before a field of the same name, map keys,
// nil pointers, with Go's messages. What a name resolves to on a struct type is remembered on the node
// (per position in its chain): the same chain meets the same types on every execution.
import { evalArg, evalCall, notAFunction } from './exec-eval.js';
import { MISSING, type Final, type State } from './exec-state.js';
import type { ChainNode, FieldLookup, FieldNode, Node, VariableNode } from './nodes.js';
import { GoEnum, GoMap, GoPtr, GoStruct, T, typeName, typeOf, type FieldDef, type GoValue, type MethodDef, type StructDef } from './value.js';

type FieldChainNode = FieldNode | ChainNode | VariableNode;

export function evalFieldNode(s: State, dot: GoValue, field: FieldNode, args: Node[] | null, final: Final): GoValue {
  s.at(field);
  return evalFieldChain(s, dot, dot, s.dotIface, field, field.ident, args, final);
}

export function evalChainNode(s: State, dot: GoValue, chain: ChainNode, args: Node[] | null, final: Final): GoValue {
  s.at(chain);
  if (chain.node.kind === 'nil') s.errorf(`indirection through explicit nil in ${chain}`);
  const pipe = evalArg(s, dot, null, chain.node);
  return evalFieldChain(s, dot, pipe, false, chain, chain.field, args, final);
}

export function evalVariableNode(s: State, dot: GoValue, v: VariableNode, args: Node[] | null, final: Final): GoValue {
  s.at(v);
  const variable = s.variable(v.ident[0]);
  if (v.ident.length === 1) {
    notAFunction(s, args, final);
    return variable.value;
  }
  return evalFieldChain(s, dot, variable.value, variable.iface, v, v.fields, args, final);
}

function evalFieldChain(s: State, dot: GoValue, receiver: GoValue, iface: boolean, node: FieldChainNode, ident: string[], args: Node[] | null, final: Final): GoValue {
  const n = ident.length;
  for (let i = 0; i < n - 1; i++) {
    receiver = evalField(s, dot, ident[i], i, node, null, MISSING, receiver, iface);
    iface = s.lastIface;
  }
  return evalField(s, dot, ident[n - 1], n - 1, node, args, final, receiver, iface);
}

/** The method and field `name` means on struct type `def`, from the node's memo for chain position `i`. */
function lookup(node: FieldChainNode, i: number, def: StructDef, name: string): FieldLookup {
  const memo = node.fieldLookups;
  let hit = memo[i];
  if (hit === undefined || hit.def !== def) {
    hit = { def, method: def.methods?.get(name), field: def.fields.get(name) };
    memo[i] = hit;
  }
  return hit;
}

function evalField(
  s: State, dot: GoValue, name: string, i: number, node: FieldChainNode, args: Node[] | null, final: Final, receiver: GoValue, iface: boolean,
): GoValue {
  s.lastIface = false;
  if (receiver === undefined) return undefined;
  if (receiver === null) s.errorf(`nil pointer evaluating interface {}.${name}`);
  let r: GoValue = receiver;
  while (r instanceof GoPtr && r.target !== null) r = r.target;
  let method: MethodDef | undefined;
  let field: FieldDef | undefined;
  if (r instanceof GoStruct) {
    const found = lookup(node, i, r.def, name);
    method = found.method;
    field = found.field;
  } else method = otherMethod(r, name);
  if (method !== undefined) {
    const v = evalCall(s, dot, method, false, node, name, args, final, r);
    s.lastIface = method.result.kind === 'interface';
    return v;
  }
  const hasArgs = (args !== null && args.length > 1) || final !== MISSING;
  if (r instanceof GoMap) {
    if (hasArgs) s.errorf(`${name} is not a method but has arguments`);
    s.lastIface = r.elem.kind === 'interface';
    return r.get(name);
  }
  if (r instanceof GoStruct) {
    if (field !== undefined) {
      if (hasArgs) s.errorf(`${name} has arguments but cannot be invoked as function`);
      s.lastIface = field.type.kind === 'interface';
      return r.fieldValue(name, field);
    }
  } else if (r instanceof GoPtr) {
    // A nil pointer: a missing field is a type error, an existing one a nil dereference.
    const et = r.elem;
    if (!(et.kind === 'struct' && !et.def.fields.has(name))) s.errorf(`nil pointer evaluating ${receiverTypeName(receiver, iface)}.${name}`);
  }
  return s.errorf(`can't evaluate field ${name} in type ${receiverTypeName(receiver, iface)}`);
}

/** The receiver's type as Go's messages name it (only computed for a message: it allocates). */
function receiverTypeName(receiver: GoValue, iface: boolean): string {
  return iface ? 'interface {}' : typeName(typeOf(receiver));
}

/** A method of a receiver that is not a struct value: a nil pointer to a struct, or an enum's String. */
function otherMethod(r: GoValue, name: string): MethodDef | undefined {
  if (r instanceof GoPtr) {
    const et = r.elem;
    return et.kind === 'struct' ? et.def.methods?.get(name) : undefined;
  }
  if (r instanceof GoEnum && name === 'String') return ENUM_STRING;
  return undefined;
}

const ENUM_STRING: MethodDef = { params: [], result: T.string, call: (recv: GoValue) => String(recv) };
