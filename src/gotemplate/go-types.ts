// Go types as the template engine models them: kinds, struct/enum/method definitions, the shared
// type objects (T) and reflect's printed type names. Values live in value.ts, which re-exports all this.
import type { GoValue } from './value.js';

export type IntName = 'int' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint' | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'uintptr';

export type GoType =
  | { readonly kind: 'interface' }
  | { readonly kind: 'string' }
  | { readonly kind: 'bool' }
  | { readonly kind: 'float64' }
  | { readonly kind: 'int'; readonly name: IntName }
  | { readonly kind: 'map'; readonly elem: GoType }
  | { readonly kind: 'slice'; readonly elem: GoType }
  | { readonly kind: 'ptr'; readonly elem: GoType }
  | { readonly kind: 'struct'; readonly def: StructDef }
  | { readonly kind: 'enum'; readonly def: EnumDef }
  | { readonly kind: 'func' }
  | { readonly kind: 'complex128' };

/** A method of a Go type. `call` gets the receiver (possibly a nil pointer) and the evaluated arguments. */
export interface MethodDef {
  /** Parameter types, for arity checks and argument conversion; `variadic` makes the last one `...T`. */
  readonly params: readonly GoType[];
  readonly variadic?: boolean;
  /** Result type (Go methods used by templates return one value, optionally plus an error). */
  readonly result: GoType;
  readonly call: (recv: GoValue, args: GoValue[]) => GoValue;
}

export interface FieldDef {
  readonly type: GoType;
  /** Key of the field in the backing JSON object (default: the Go name). */
  readonly json?: string;
  /** The backing object holds this field as a GoValue already (built in code, not decoded from JSON). */
  readonly typed?: boolean;
  /**
   * The backing object holds this field as JSON, and this converts it (on first read, so a large pod
   * costs only what a template reads); an absent field is the type's zero value.
   */
  readonly build?: (raw: unknown) => GoValue;
}

export interface StructDef {
  /** Go type name as reflect prints it, e.g. `v1.Container`, `inject.SidecarTemplateData`. */
  readonly name: string;
  readonly fields: ReadonlyMap<string, FieldDef>;
  /** Methods by name. Methods on the pointer receiver are callable on a nil pointer (proto getters). */
  readonly methods?: ReadonlyMap<string, MethodDef>;
}

export interface EnumDef {
  /** Go type name, e.g. `v1alpha1.ProxyConfig_InboundInterceptionMode`. */
  readonly name: string;
  readonly names: ReadonlyMap<number, string>;
  readonly values: ReadonlyMap<string, number>;
}

export const T = {
  interface: { kind: 'interface' } as GoType,
  string: { kind: 'string' } as GoType,
  bool: { kind: 'bool' } as GoType,
  float64: { kind: 'float64' } as GoType,
  int: { kind: 'int', name: 'int' } as GoType,
  int32: { kind: 'int', name: 'int32' } as GoType,
  int64: { kind: 'int', name: 'int64' } as GoType,
  uint32: { kind: 'int', name: 'uint32' } as GoType,
  func: { kind: 'func' } as GoType,
  complex128: { kind: 'complex128' } as GoType,
  intOf: (name: IntName): GoType => ({ kind: 'int', name }),
  map: (elem: GoType): GoType => ({ kind: 'map', elem }),
  slice: (elem: GoType): GoType => ({ kind: 'slice', elem }),
  ptr: (elem: GoType): GoType => ({ kind: 'ptr', elem }),
  struct: (def: StructDef): GoType => ({ kind: 'struct', def }),
  enum: (def: EnumDef): GoType => ({ kind: 'enum', def }),
};
export const MAP_STRING_STRING = T.map(T.string);
export const MAP_STRING_ANY = T.map(T.interface);
export const SLICE_ANY = T.slice(T.interface);

/** The type as Go's reflect prints it: `map[string]interface {}`, `[]string`, `*v1.Container`, `int`. */
export function typeName(t: GoType): string {
  switch (t.kind) {
    case 'interface':
      return 'interface {}';
    case 'string':
    case 'bool':
    case 'float64':
      return t.kind;
    case 'int':
      return t.name;
    case 'map':
      return `map[string]${typeName(t.elem)}`;
    case 'slice':
      return `[]${typeName(t.elem)}`;
    case 'ptr':
      return `*${typeName(t.elem)}`;
    case 'struct':
    case 'enum':
      return t.def.name;
    case 'func':
      return 'func()';
    case 'complex128':
      return 'complex128';
  }
}
