// Configuration notices (unknown fields, replaced built-in template bodies, ...) as results.
import type { ConfigNotice } from '../config/types.js';
import type { Result } from './result.js';

export function noticeResults(notices: readonly ConfigNotice[]): Result[] {
  return notices.map((n) => {
    const r: Result = { message: n.message, severity: n.severity, tags: { reason: `config/${n.severity}` } };
    if (n.field) r.field = { path: n.field };
    return r;
  });
}
