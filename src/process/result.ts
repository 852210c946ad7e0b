// Results in the shape of the KRM functions specification (severity error|warning|info, resourceRef,
// field, file, tags). The CLI prints the same records as its decision report.
import type { ReasonCode } from '../select/types.js';

export type Severity = 'error' | 'warning' | 'info';

export interface ResourceRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface Result {
  message: string;
  severity: Severity;
  resourceRef?: ResourceRef;
  field?: { path: string };
  file?: { path: string; index?: number };
  tags?: Record<string, string>;
  /** 1-based line of the field in `file` (a problem's own line), when known. Not part of the KRM result
   *  format: the CLI reports show it; the KRM face leaves it out. */
  line?: number;
}

/** Where a document came from, for `file` in results and for error messages. */
export interface DocumentOrigin {
  /** The file the document was read from (CLI) or the orchestrator's path annotation (KRM). */
  path?: string;
  /** Index of the document in its file. */
  index?: number;
  /** 1-based line where the document starts, when known. */
  line?: number;
}

export function workloadResult(
  severity: Severity,
  reason: ReasonCode | string,
  message: string,
  ref: ResourceRef,
  fieldPath: string,
  origin: DocumentOrigin,
  extraTags: Record<string, string> = {},
): Result {
  const result: Result = { message, severity, resourceRef: ref, field: { path: fieldPath } };
  if (origin.path !== undefined) result.file = origin.index === undefined ? { path: origin.path } : { path: origin.path, index: origin.index };
  result.tags = { reason, ...extraTags };
  return result;
}

export function hasErrors(results: readonly Result[]): boolean {
  return results.some((r) => r.severity === 'error');
}

/** "Deployment shop/web" — how results and reports name a resource. */
export function describeRef(ref: ResourceRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}
