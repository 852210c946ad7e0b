// A function config (our InjectIstioSidecar kind, or a ConfigMap from `kpt fn eval -- k=v`) as run
// options, with its problems as results (an unknown or mistyped field is an error naming its path).
import type { Json } from '../k8s/types.js';
import { parseFunctionConfig } from '../config/index.js';
import type { Result } from './result.js';
import type { RunOptions } from './run-options.js';

export function runOptionsFromFunctionConfig(config: Json, origin: string): { options: RunOptions; results: Result[] } {
  const { options, notices } = parseFunctionConfig(config);
  const results = notices.map((n): Result => {
    const r: Result = { message: `${origin}: ${n.message}`, severity: n.severity, tags: { reason: `config/${n.severity}` } };
    if (n.field) r.field = { path: n.field };
    return r;
  });
  return { options, results };
}
