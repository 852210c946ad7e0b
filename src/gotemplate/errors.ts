// The one error type of the engine: a parse or execution error whose message is Go's text
// (`template: inject:3:14: executing "inject" at <.x>: ...`), plus its location as numbers.

export class GoTemplateError extends Error {
  constructor(
    message: string,
    /** Name of the template being parsed or executed when the error happened. */
    readonly templateName: string,
    /** 1-based line (0 when unknown). */
    readonly line: number,
    /** Byte offset in the line as Go counts it (0-based; 0 for parse errors, which Go locates by line only). */
    readonly column: number,
  ) {
    super(message);
    this.name = 'GoTemplateError';
  }
}
