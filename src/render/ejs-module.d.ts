// ejs 7 ships no type declarations; this is the small part of its API the renderer uses.
declare module 'ejs' {
  export interface Options {
    filename?: string;
    localsName?: string;
    destructuredLocals?: string[];
    _with?: boolean;
    strict?: boolean;
    compileDebug?: boolean;
    escape?: (s: unknown) => string;
    rmWhitespace?: boolean;
    client?: boolean;
    async?: false;
  }
  export type TemplateFunction = (data: Record<string, unknown>) => string;
  export function compile(template: string, opts?: Options): TemplateFunction;
  const ejs: { compile: typeof compile };
  export default ejs;
}
