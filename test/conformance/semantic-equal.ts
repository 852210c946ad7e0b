// Semantic comparison of Kubernetes YAML documents for the conformance runner.
//
// Istio's golden files are Go re-serializations; we compare meaning, not bytes:
// - a missing key equals an empty value ({}, [], "", null);
// - a missing key equals 0/false ONLY for fields Go omits when zero (OMIT_WHEN_ZERO), because
//   `runAsUser: 0` or `allowPrivilegeEscalation: false` carry meaning;
// - resource quantities compare by value (`2000m` = "2");
// - strings holding JSON (status annotation, overrides, PROXY_CONFIG, ISTIO_KUBE_APP_PROBERS, ...)
//   compare as parsed JSON under the same rules;
// - list order counts.
import { canonicalQuantity } from '../../src/k8s/quantity.js';

type J = null | boolean | number | string | J[] | { [k: string]: J };

/** Fields Kubernetes types tag `omitempty` where 0/false is the zero value and means "unset". */
export const OMIT_WHEN_ZERO = new Set([
  'initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold',
  'terminationGracePeriodSeconds', 'hostNetwork', 'hostPID', 'hostIPC', 'readOnly', 'stdin', 'stdinOnce',
  'tty', 'minReadySeconds', 'paused', 'hostPort', 'containerPort', 'revisionHistoryLimit', 'progressDeadlineSeconds',
  // DeploymentConfig spec.test (Go prints `test: false`; false is the default)
  'test',
]);

/** Annotations whose value is JSON. */
export const JSON_ANNOTATIONS = new Set(['sidecar.istio.io/status', 'proxy.istio.io/overrides']);
/** Proxy env vars whose value is JSON. */
export const JSON_ENV = new Set(['ISTIO_KUBE_APP_PROBERS', 'PROXY_CONFIG', 'ISTIO_META_POD_PORTS', 'ISTIO_PROMETHEUS_ANNOTATIONS']);

const QUANTITY_PARENTS = new Set(['limits', 'requests']);

function isEmpty(v: J | undefined): boolean {
  if (v === undefined || v === null || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v).length === 0;
  return false;
}

function tryJson(s: string): J | undefined {
  try {
    return JSON.parse(s) as J;
  } catch {
    return undefined;
  }
}

function quantity(v: J): J {
  if (typeof v !== 'string' && typeof v !== 'number') return v;
  try {
    return `quantity:${canonicalQuantity(v)}`;
  } catch {
    return v;
  }
}

/**
 * A workload's top-level `status` is written by the API server; Go's typed round trip prints zero
 * counters (`status: {replicas: 0}`) that carry no meaning in a manifest, so zero counters are dropped.
 */
function normalizeDocument(doc: J): J {
  if (doc && typeof doc === 'object' && !Array.isArray(doc)) {
    const copy = { ...doc };
    const status = copy.status;
    if (status && typeof status === 'object' && !Array.isArray(status)) {
      copy.status = Object.fromEntries(Object.entries(status).filter(([, v]) => v !== 0));
    }
    if (Array.isArray(copy.items)) copy.items = copy.items.map(normalizeDocument);
    return normalize(copy);
  }
  return normalize(doc);
}

/** Brings a value into the comparable form described above. */
export function normalize(v: J, key = '', parentKey = ''): J {
  if (Array.isArray(v)) return v.map((x) => normalize(x, '', key));
  if (v !== null && typeof v === 'object') {
    const out: { [k: string]: J } = {};
    const envName = typeof v.name === 'string' && JSON_ENV.has(v.name) ? v.name : '';
    for (const k of Object.keys(v).sort()) {
      let value: J = v[k] ?? null;
      if (envName && k === 'value' && typeof value === 'string') {
        const parsed = tryJson(value);
        if (parsed !== undefined) value = { json: parsed };
      }
      if (key === 'annotations' && JSON_ANNOTATIONS.has(k) && typeof value === 'string') {
        const parsed = tryJson(value);
        if (parsed !== undefined) value = { json: parsed };
      }
      if (QUANTITY_PARENTS.has(key) || k === 'divisor') value = quantity(value);
      const n = normalize(value, k, key);
      if (isEmpty(n)) continue;
      if ((n === 0 || n === false) && OMIT_WHEN_ZERO.has(k)) continue;
      out[k] = n;
    }
    return out;
  }
  void parentKey;
  return v;
}

/** Paths where the two values differ (empty when semantically equal); at most `limit` entries. */
export function semanticDiff(expected: unknown, actual: unknown, limit = 10): string[] {
  const diffs: string[] = [];
  walk(normalizeDocument(expected as J), normalizeDocument(actual as J), '$', diffs, limit);
  return diffs;
}

function show(v: J | undefined): string {
  const s = v === undefined ? '<missing>' : JSON.stringify(v);
  return s.length > 160 ? s.slice(0, 157) + '...' : s;
}

function walk(a: J | undefined, b: J | undefined, path: string, diffs: string[], limit: number): void {
  if (diffs.length >= limit) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) {
      const names = (l: J[]) => l.map((x) => (x && typeof x === 'object' && !Array.isArray(x) && typeof x.name === 'string' ? x.name : '?'));
      diffs.push(`${path}: expected ${a.length} items ${show(names(a))}, got ${b.length} ${show(names(b))}`);
      return;
    }
    a.forEach((x, i) => walk(x, b[i], `${path}[${i}]`, diffs, limit));
    return;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of [...keys].sort()) walk(a[k], b[k], `${path}.${k}`, diffs, limit);
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) diffs.push(`${path}: expected ${show(a)}, got ${show(b)}`);
}

export function semanticEqual(expected: unknown, actual: unknown): boolean {
  return semanticDiff(expected, actual, 1).length === 0;
}
