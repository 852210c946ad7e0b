// Small pure functions templates call. They exist so that templates never build YAML or JSON by
// string concatenation of user data: every user-supplied value goes through `json` (a JSON literal
// is a valid YAML flow scalar, so quoting is always right) or one of the list helpers below.
import type { Json } from '../k8s/types.js';

/** A JSON literal, usable as a YAML value in block or flow context (`undefined` becomes null). */
export function json(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value);
}

/** A YAML-safe quoted string of the value's text (numbers and booleans become strings). */
export function str(value: unknown): string {
  return JSON.stringify(value === undefined || value === null ? '' : String(value));
}

/** A value as an integer literal (annotations carrying numbers are validated before rendering). */
export function int(value: unknown): string {
  const n = typeof value === 'number' ? value : Number(String(value ?? '').trim());
  if (!Number.isFinite(n)) throw new Error(`expected a number, got ${json(value)}`);
  return String(Math.trunc(n));
}

/** Go template truthiness: false, 0, '', null/undefined, empty list and empty map are false. */
export function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value as object).length > 0;
  return true;
}

/** Drops null/undefined entries from maps, recursively (Istio's `omitNil` on values.global.proxy.resources). */
export function omitNil<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => omitNil(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === null || v === undefined) continue;
      out[k] = omitNil(v);
    }
    return out as T;
  }
  return value;
}

/** Safe nested lookup: `get(values, 'global.proxy.statusPort', 15020)`. */
export function get(root: unknown, path: string, fallback?: unknown): any {
  let cur: unknown = root;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return fallback;
    cur = (cur as Record<string, unknown>)[key];
    if (cur === undefined) return fallback;
  }
  return cur === null && fallback !== undefined ? fallback : cur;
}

/**
 * The iptables `-d` list: the status port is appended to the user's exclusions unless it is empty,
 * `0`, or already one of the (untrimmed) items (spec c.1).
 */
export function excludeInboundPort(port: unknown, excluded: unknown): string {
  const p = port === undefined || port === null ? '' : String(port);
  const list = excluded === undefined || excluded === null ? '' : String(excluded);
  if (p === '' || p === '0') return list;
  const items = list.split(',');
  if (items.includes(p)) return list;
  const kept = items.map((s) => s.trim()).filter((s) => s !== '');
  kept.push(p);
  return kept.join(',');
}

/**
 * Adds istio-cni to a Multus networks annotation (flat `a, b` list or JSON list), leaving it alone
 * when already present or when a JSON list does not parse.
 */
export function appendMultusNetwork(existing: unknown): string {
  const current = existing === undefined || existing === null ? '' : String(existing);
  if (current.trim() === '') return 'default/istio-cni';
  const trimmed = current.trim();
  if (trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      return current;
    }
    if (!Array.isArray(parsed)) return current;
    const has = parsed.some((n) => n && typeof n === 'object' && (n as Record<string, unknown>).name === 'istio-cni');
    if (has) return current;
    const end = current.lastIndexOf(']');
    const sep = parsed.length > 0 ? ', ' : '';
    return `${current.slice(0, end)}${sep}{"name": "istio-cni", "namespace": "default"}${current.slice(end)}`;
  }
  const names = current.split(',').map((s) => s.trim());
  if (names.includes('istio-cni') || names.includes('default/istio-cni')) return current;
  return `${current}, default/istio-cni`;
}

/** Trims every leading/trailing character in `cutset` (Sprig `trimAll`). */
export function trimAll(cutset: string, s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && cutset.includes(s[start]!)) start++;
  while (end > start && cutset.includes(s[end - 1]!)) end--;
  return s.slice(start, end);
}

/** Go JSON of a ContainerPort (field order name, hostPort, containerPort, protocol, hostIP; zero values omitted). */
export function containerPortJson(port: Json): string {
  const p = (port && typeof port === 'object' && !Array.isArray(port) ? port : {}) as Record<string, Json>;
  const out: Record<string, Json> = {};
  if (p.name) out.name = p.name;
  if (p.hostPort) out.hostPort = p.hostPort;
  out.containerPort = p.containerPort ?? 0;
  if (p.protocol) out.protocol = p.protocol;
  if (p.hostIP) out.hostIP = p.hostIP;
  return goJsonEscape(JSON.stringify(out));
}

/** Go's encoding/json escapes <, > and & inside strings. */
export function goJsonEscape(s: string): string {
  return s.replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** Indents every line of `text` by `n` spaces (all lines, unlike Go's `indent`). */
export function indentLines(n: number, text: string): string {
  const pad = ' '.repeat(n);
  return text
    .split('\n')
    .map((l) => (l === '' ? l : pad + l))
    .join('\n');
}
