export type FunctionOptions = Record<string, never>;
export function parseFunctionConfig(): never { throw new Error('not yet'); }
