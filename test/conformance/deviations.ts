// Golden cases where upstream has a quirk (spec section i) and we deliberately do better. A deviation
// is only counted when our output matches the corrected expectation (`correct`) or passes `check`;
// deviations are reported separately and never count as passes. The same table serves the master corpus
// (cases.ts) and the release corpora 1.28.10 / 1.30.3 (release-cases.ts), keyed by golden file name:
//  * master: the three CronJob cases (i.1) and merge-probers (a.3/i.5);
//  * 1.28.10 and 1.30.3: merge-probers only (their SOURCE.md accepts either CronJob placement, so
//    release-cases.ts compares CronJobs both ways and those cases pass).
import { parseAllDocuments } from 'yaml';

type Doc = any;

export interface Deviation {
  /** Reason shown in the table. */
  reason: string;
  /** Turn the upstream golden documents into what we deliberately produce instead. */
  correct?: (expected: Doc[]) => Doc[];
  /** Or: a property our output must have instead of matching the golden file. */
  check?: (actual: Doc[], reinject: (docs: string) => Promise<Doc[]>) => Promise<string | null>;
}

/** i.1: kube-inject writes the pod's injected labels/annotations to spec.jobTemplate.metadata. */
export function cronJobMetadataOnPodTemplate(expected: Doc[]): Doc[] {
  return expected.map((doc) => {
    if (!doc || doc.kind !== 'CronJob') return doc;
    const copy = structuredClone(doc);
    const jt = copy.spec?.jobTemplate;
    if (!jt) return copy;
    const moved = jt.metadata ?? {};
    jt.spec = jt.spec ?? {};
    jt.spec.template = jt.spec.template ?? {};
    jt.spec.template.metadata = { ...(jt.spec.template.metadata ?? {}), ...moved };
    delete jt.metadata;
    return copy;
  });
}

/** a.3 / i.5: we strip a previous injection and re-inject cleanly, so re-injecting our output is a no-op. */
async function cleanReinjection(actual: Doc[], reinject: (docs: string) => Promise<Doc[]>): Promise<string | null> {
  const { stringify } = await import('yaml');
  const text = actual.map((d) => stringify(d)).join('---\n');
  const again = await reinject(text);
  const a = JSON.stringify(actual);
  const b = JSON.stringify(again);
  return a === b ? null : 're-injecting our own output changed it (not idempotent)';
}

export const deviations: Record<string, Deviation> = {
  'cronjob.yaml.injected': {
    reason: 'i.1: CronJob injected labels/annotations go on the pod template, not spec.jobTemplate.metadata',
    correct: cronJobMetadataOnPodTemplate,
  },
  'cronjob-old-version.yaml.injected': {
    reason: 'i.1: CronJob injected labels/annotations go on the pod template, not spec.jobTemplate.metadata',
    correct: cronJobMetadataOnPodTemplate,
  },
  'merge-probers.yaml.injected': {
    reason: 'a.3/i.5: clean re-injection (stale proxy fields and probers of the old injection are not resurrected)',
    check: cleanReinjection,
  },
};

export function parseDocs(text: string): Doc[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS())
    .filter((d) => d !== null && d !== undefined);
}
