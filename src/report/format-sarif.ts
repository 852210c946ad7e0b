// `--report sarif`: SARIF 2.1.0 for GitHub code scanning (upload-sarif). Findings are the error and
// warning records (informational decisions would flood the alert list); each needs a file location,
// so records without one (configuration problems) become tool notifications of the invocation.
import { createHash } from 'node:crypto';
import type { ReportRecord } from './records.js';
import { describeReason } from './reason-descriptions.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface SarifOptions {
  version: string;
  informationUri: string;
}

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export function formatSarifReport(records: readonly ReportRecord[], opts: SarifOptions): string {
  const findings = records.filter((r) => r.severity !== 'info' && r.file !== undefined);
  const notes = records.filter((r) => r.severity !== 'info' && r.file === undefined);
  const ruleIds = [...new Set(findings.map((r) => r.reason))];
  const rules = ruleIds.map((id) => ({
    id,
    name: ruleName(id),
    shortDescription: { text: describeReason(id) },
    helpUri: `${opts.informationUri}#reason-codes`,
  }));
  const results = findings.map((r) => ({
    ruleId: r.reason,
    ruleIndex: ruleIds.indexOf(r.reason),
    level: LEVEL[r.severity],
    message: { text: r.resource ? `${r.resource}: ${r.message}` : r.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toUri(r.file!), uriBaseId: '%SRCROOT%' },
          region: { startLine: r.line ?? 1 },
        },
        ...(r.resource ? { logicalLocations: [{ name: r.resource, kind: 'resource', ...(r.field ? { fullyQualifiedName: `${r.resource}/${r.field}` } : {}) }] } : {}),
      },
    ],
    partialFingerprints: { 'workload/v1': fingerprint(r) },
  }));
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'inject-istio-sidecar', version: opts.version, semanticVersion: opts.version, informationUri: opts.informationUri, rules } },
        invocations: [
          {
            executionSuccessful: !records.some((r) => r.severity === 'error'),
            toolExecutionNotifications: notes.map((r) => ({ level: LEVEL[r.severity], message: { text: r.message }, descriptor: { id: r.reason } })),
          },
        ],
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** `skipped/namespace-disabled` → `SkippedNamespaceDisabled` (SARIF rule names are identifiers). */
function ruleName(id: string): string {
  return id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

/** A relative URI reference: forward slashes, each segment percent-encoded. */
function toUri(path: string): string {
  return path.replace(/\\/g, '/').split('/').map((s) => (s === '..' || s === '.' ? s : encodeURIComponent(s))).join('/');
}

/** Stable across line moves: the rule, the file and the resource (code scanning tracks alerts with it). */
function fingerprint(r: ReportRecord): string {
  return createHash('sha256').update(`${r.reason}\0${r.file ?? ''}\0${r.resource ?? ''}\0${r.field ?? ''}`).digest('hex').slice(0, 32);
}
