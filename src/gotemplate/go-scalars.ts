// Go values without elements, as the template engine models them (see value.ts): named integers,
// proto enums, complex constants and function values.
import type { EnumDef, IntName } from './go-types.js';
import type { GoValue } from './value.js';

/** A Go integer of a named kind (int, int32, uint8 ...). Values fit in a JS number (|v| < 2^53). */
export class GoInt {
  constructor(readonly name: IntName, readonly v: number) {}

  /** Decimal text, every digit as Go prints it (a number's own text rounds past 2^53: 2^63 is 9223372036854776000). */
  decimal(): string {
    return Number.isSafeInteger(this.v) ? String(this.v) : BigInt(this.v).toString();
  }
}

/** A proto enum (Go int32 with a String method). */
export class GoEnum {
  constructor(readonly def: EnumDef, readonly v: number) {}
  toString(): string {
    return this.def.names.get(this.v) ?? String(this.v);
  }
}

/** A complex128 constant (only template literals such as `1i` make one). */
export class GoComplex {
  constructor(
    readonly re: number,
    readonly im: number,
  ) {}
}

/** A function value (data may carry one; `call` invokes it). */
export class GoFunc {
  constructor(
    readonly name: string,
    readonly fn: (args: GoValue[]) => GoValue,
  ) {}
}
