// One report record per result: what every report format (text, json, sarif, junit) is built from.
import { describeRef, type ResourceRef, type Result, type Severity } from '../process/result.js';

export interface ReportRecord {
  reason: string;
  severity: Severity;
  message: string;
  /** The file as the user named it (CLI) or the orchestrator's path annotation. */
  file?: string;
  /** Index of the document in its file. */
  index?: number;
  /** 1-based line where the document starts, when known. */
  line?: number;
  /** "Deployment shop/cart", or undefined for a configuration result. */
  resource?: string;
  resourceRef?: ResourceRef;
  field?: string;
}

/** Where documents start: `lineOf(file, index)`; the CLI knows, the KRM face does not. */
export type LineLookup = (file: string, index: number) => number | undefined;

export function toRecords(results: readonly Result[], lineOf: LineLookup = () => undefined): ReportRecord[] {
  return results.map((r) => {
    const rec: ReportRecord = { reason: r.tags?.reason ?? r.severity, severity: r.severity, message: r.message };
    if (r.file) {
      rec.file = r.file.path;
      if (r.file.index !== undefined) {
        rec.index = r.file.index;
        // A problem's own line when known (the field), else where its document starts.
        const line = r.line ?? lineOf(r.file.path, r.file.index);
        if (line !== undefined) rec.line = line;
      } else if (r.line !== undefined) {
        rec.line = r.line;
      }
    }
    if (r.resourceRef) {
      rec.resource = describeRef(r.resourceRef);
      rec.resourceRef = r.resourceRef;
    }
    if (r.field) rec.field = r.field.path;
    return rec;
  });
}
