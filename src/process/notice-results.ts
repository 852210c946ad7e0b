// Configuration notices (unknown fields, replaced built-in template bodies, ...) as results.
import type { ConfigNotice } from '../config/types.js';
import type { Result } from './result.js';

/** `origin` (e.g. the config file) prefixes each message when the notice itself does not name it. */
export function noticeResults(notices: readonly ConfigNotice[], origin?: string): Result[] {
  return notices.map((n) => {
    const r: Result = { message: origin ? `${origin}: ${n.message}` : n.message, severity: n.severity, tags: { reason: `config/${n.severity}` } };
    if (n.field) r.field = { path: n.field };
    return r;
  });
}
