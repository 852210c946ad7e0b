// Labels and annotations as the API server would hold them: string to string. Manifests written by
// hand sometimes carry `sidecar.istio.io/inject: true` unquoted; the API server rejects that, so we
// read the scalar as its text but say so.
import type { Json } from '../k8s/types.js';
import { setOwn } from '../k8s/own-keys.js';

export function readStringMap(value: unknown, what: string, warnings: string[]): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value as Record<string, Json>)) {
    if (typeof v === 'string') {
      setOwn(out, key, v);
    } else if (typeof v === 'boolean' || typeof v === 'number') {
      setOwn(out, key, String(v));
      warnings.push(`${what} ${key} is the ${typeof v} ${String(v)}, not a string; Kubernetes rejects non-string ${what}s, quote it ("${String(v)}")`);
    } else if (v === null) {
      setOwn(out, key, '');
    }
  }
  return out;
}
