// Errors are values with a message a user can act on; faces decide how to show them.

/** An injection that cannot be done for one pod; `message` names the annotation/template and the rule. */
export class InjectError extends Error {
  constructor(message: string, readonly code: InjectErrorCode, readonly field?: string) {
    super(message);
    this.name = 'InjectError';
  }
}

export type InjectErrorCode =
  | 'invalid-annotation'
  | 'template-not-found'
  | 'template-failed'
  | 'invalid-overrides'
  | 'invalid-prometheus'
  | 'invalid-label'
  | 'injection-failed';

/** Bad configuration (function config, values, mesh config, injector config). */
export class ConfigError extends Error {
  constructor(message: string, readonly field?: string, readonly file?: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
