// What one run of the KRM function or the CLI was asked to do. It is the parsed function config;
// the CLI builds the same object from its flags, so both faces hand the core one shape.
export type { FunctionOptions as RunOptions, DocumentRef, WorkloadKind as CustomKind } from '../config/function-config.js';
export { defaultFunctionOptions as defaultRunOptions } from '../config/function-config.js';
