// Bounds on what one run reads, so hostile or broken input fails with a clear error instead of
// exhausting memory or time. Defaults fit any real repository by a wide margin; the command line
// (--max-input-bytes, --max-documents, --max-document-bytes) and the operator's environment
// (INJECT_ISTIO_SIDECAR_MAX_INPUT_BYTES, ..._MAX_DOCUMENTS, ..._MAX_DOCUMENT_BYTES) may change them.
import { getHeapStatistics } from 'node:v8';

export interface InputLimits {
  /** All inputs of one run together (files, stdin, Istio documents). */
  maxInputBytes: number;
  /** Documents in one run (stream documents, or ResourceList items). */
  maxDocuments: number;
  /** One document or ResourceList item. */
  maxDocumentBytes: number;
}

export const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: InputLimits = {
  maxInputBytes: 256 * MiB,
  maxDocuments: 100_000,
  maxDocumentBytes: 32 * MiB,
};

/** Parsed YAML takes up to ~14x its text in the heap; above this share of the heap limit a run would
 *  die with V8's out-of-memory abort, so it is refused up front with a message that says what to do. */
const HEAP_BYTES_PER_INPUT_BYTE = 14;

export function heapBoundInputBytes(): number {
  return Math.floor(getHeapStatistics().heap_size_limit / HEAP_BYTES_PER_INPUT_BYTE);
}

export class InputTooLargeError extends Error {
  constructor(readonly display: string, readonly maxBytes: number) {
    super(`${display}: input larger than ${formatBytes(maxBytes)} (${sizeHint(maxBytes)})`);
    this.name = 'InputTooLargeError';
  }
}

function sizeHint(maxBytes: number): string {
  if (maxBytes >= DEFAULT_LIMITS.maxInputBytes) return 'raise it with --max-input-bytes';
  const heap = heapBoundInputBytes();
  return maxBytes >= heap - 1
    ? `the heap allows about ${formatBytes(heap)} of YAML; give node more with NODE_OPTIONS=--max-old-space-size=MB, or split the input`
    : 'raise it with --max-input-bytes';
}

export function formatBytes(n: number): string {
  if (n >= MiB && n % MiB === 0) return `${n / MiB} MiB`;
  if (n >= MiB) return `${(n / MiB).toFixed(1)} MiB`;
  return `${n} bytes`;
}

const ENV = {
  maxInputBytes: 'INJECT_ISTIO_SIDECAR_MAX_INPUT_BYTES',
  maxDocuments: 'INJECT_ISTIO_SIDECAR_MAX_DOCUMENTS',
  maxDocumentBytes: 'INJECT_ISTIO_SIDECAR_MAX_DOCUMENT_BYTES',
} as const;

/** Defaults, then the environment, then `overrides` (flags). A bad number is reported by `invalid`. */
export function resolveLimits(env: NodeJS.ProcessEnv, overrides: Partial<Record<keyof InputLimits, string>>, invalid: (what: string, value: string) => Error): InputLimits {
  const out: InputLimits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(ENV) as (keyof InputLimits)[]) {
    const fromEnv = env[ENV[key]];
    if (fromEnv !== undefined && fromEnv !== '') out[key] = positiveInt(fromEnv, ENV[key], invalid);
    const flag = overrides[key];
    if (flag !== undefined) out[key] = positiveInt(flag, `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, invalid);
  }
  // Never promise more than the heap can hold: a refusal beats V8's abort.
  out.maxInputBytes = Math.min(out.maxInputBytes, heapBoundInputBytes());
  return out;
}

function positiveInt(value: string, what: string, invalid: (what: string, value: string) => Error): number {
  const m = /^(\d+)(Ki|Mi|Gi)?$/.exec(value.trim());
  if (!m) throw invalid(what, value);
  const n = Number(m[1]) * (m[2] === 'Ki' ? 1024 : m[2] === 'Mi' ? MiB : m[2] === 'Gi' ? 1024 * MiB : 1);
  if (!Number.isSafeInteger(n) || n <= 0) throw invalid(what, value);
  return n;
}
