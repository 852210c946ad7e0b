// A function config (our InjectIstioSidecar kind, or a ConfigMap from `kpt fn eval -- k=v`) as run
// options, with its problems as results (an unknown or mistyped field is an error naming its path).
import type { Json } from '../k8s/types.js';
import { parseFunctionConfig } from '../config/index.js';
import { noticeResults } from './notice-results.js';
import type { Result } from './result.js';
import type { RunOptions } from './run-options.js';

export function runOptionsFromFunctionConfig(config: Json, origin: string): { options: RunOptions; results: Result[] } {
  const { options, notices } = parseFunctionConfig(config);
  return { options, results: noticeResults(notices, origin) };
}
