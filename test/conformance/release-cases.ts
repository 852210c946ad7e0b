// The release corpora (shared/conformance/istio-versions/<release>): every case is run exactly as its
// cases.json `args` say, from the corpus folder, so the cluster's own Go templates (the bodies in
// setups/*.config.yaml) render through our Go template engine. The output is compared as the corpus's
// SOURCE.md prescribes ("How the result is compared"); see compareRelease below.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { runCli } from '../../src/cli/run-inject.js';
import type { CaseResult, Verdict } from './cases.js';
import { cronJobMetadataOnPodTemplate, deviations } from './deviations.js';
import { semanticDiff } from './semantic-equal.js';

export interface ReleaseCase {
  name: string;
  input: string;
  expected: string | null;
  expectedError: string | null;
  expectedErrorMentions: string | null;
  expectedLog: string | null;
  runKubeInject: boolean;
  args: string[];
  setup: { istiodEnv: Record<string, string>; iopFile: string | null };
}

export const RELEASES = ['1.28.10', '1.30.3'] as const;

const here = dirname(fileURLToPath(import.meta.url));
// dist/test/conformance -> ../shared next to the repository
const VERSIONS_DIR = join(here, '..', '..', '..', '..', 'shared', 'conformance', 'istio-versions');

export function releaseCorpus(release: string): string {
  return join(VERSIONS_DIR, release);
}

export function releaseCorpusAvailable(release: string): boolean {
  return existsSync(join(releaseCorpus(release), 'cases.json'));
}

export function loadReleaseCases(release: string): ReleaseCase[] {
  const all = JSON.parse(readFileSync(join(releaseCorpus(release), 'cases.json'), 'utf8')) as ReleaseCase[];
  return all.filter((c) => c.runKubeInject);
}

/** The case's own command line, plus `--istiod-env` for the environment the case implies (none so far). */
export function releaseArgs(c: ReleaseCase, input?: string): string[] {
  let args = [...c.args];
  if (input !== undefined) {
    const i = args.lastIndexOf('-f');
    args = [...args.slice(0, i + 1), input, ...args.slice(i + 2)];
  }
  for (const [k, v] of Object.entries(c.setup.istiodEnv ?? {})) args.splice(1, 0, '--istiod-env', `${k}=${v}`);
  return args;
}

export async function runReleaseCase(release: string, c: ReleaseCase): Promise<CaseResult> {
  const cwd = releaseCorpus(release);
  const expectedName = c.expected ? c.expected.replace(/^inject\//, '') : `(error) ${c.input.replace(/^inject\//, '')}`;
  const result = (verdict: Verdict, detail: string): CaseResult => ({ name: c.name, expected: expectedName, verdict, detail });
  let run;
  try {
    run = await runCli(releaseArgs(c), { cwd });
  } catch (e) {
    return result('fail', `crashed: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (c.expectedError) {
    const mention = (c.expectedErrorMentions ?? c.expectedError).toLowerCase();
    if (run.exitCode === 0) return result('fail', `expected an error mentioning "${mention}", exit code 0`);
    if (run.stdout !== '') return result('fail', 'an error case wrote to stdout');
    return run.stderr.toLowerCase().includes(mention) ? result('pass', '') : result('fail', `stderr does not mention "${mention}": ${firstLine(run.stderr)}`);
  }
  if (run.exitCode !== 0) return result('fail', `exit ${run.exitCode}: ${firstLine(run.stderr)}`);
  let actual: unknown[];
  try {
    actual = releaseDocs(run.stdout);
  } catch (e) {
    return result('fail', `output is not YAML: ${e instanceof Error ? e.message : String(e)}`);
  }
  const expected = releaseDocs(readFileSync(join(cwd, c.expected!), 'utf8'));
  const diffs = compareRelease(expected, actual);
  if (diffs.length === 0) return result('pass', '');
  const deviation = deviations[expectedName];
  if (deviation?.correct && compareRelease(deviation.correct(expected), actual).length === 0) return result('deviation', deviation.reason);
  if (deviation?.check) {
    const problem = await deviation.check(actual, async (text) => {
      const r = await runCli(releaseArgs(c, '-'), { cwd, stdin: text });
      if (r.exitCode !== 0) throw new Error(firstLine(r.stderr));
      return releaseDocs(r.stdout);
    });
    if (problem === null) return result('deviation', deviation.reason);
  }
  return result('fail', diffs.slice(0, 4).join('; '));
}

/** YAML stream -> documents: empty documents dropped, the items of a `kind: List` counted as documents. */
export function releaseDocs(text: string): unknown[] {
  const out: unknown[] = [];
  const add = (d: unknown): void => {
    if (d === null || d === undefined) return;
    if (isMap(d) && d.kind === 'List' && Array.isArray(d.items)) d.items.forEach(add);
    else out.push(d);
  };
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(doc.errors[0]!.message);
    add(doc.toJS());
  }
  return out;
}

/**
 * SOURCE.md's comparison: documents in order; the top-level `status` and every `creationTimestamp`
 * ignored; the rest by semanticDiff (empty = missing, Go's omitempty zeros, quantities, JSON strings);
 * a CronJob's injected labels/annotations may sit on `jobTemplate.metadata` (upstream) or on the pod
 * template (us).
 */
export function compareRelease(expected: unknown[], actual: unknown[]): string[] {
  if (expected.length !== actual.length) return [`expected ${expected.length} documents, got ${actual.length}`];
  const out: string[] = [];
  expected.forEach((e, i) => {
    const want = withoutIgnored(e);
    const got = withoutIgnored(actual[i]);
    let diffs = semanticDiff(want, got, 5);
    if (diffs.length > 0 && isMap(e) && e.kind === 'CronJob') {
      const moved = semanticDiff(withoutIgnored(cronJobMetadataOnPodTemplate([e])[0]), got, 5);
      if (moved.length === 0) diffs = moved;
    }
    for (const d of diffs) out.push(`doc ${i}: ${d}`);
  });
  return out;
}

function withoutIgnored(doc: unknown): unknown {
  if (!isMap(doc)) return doc;
  const { status: _status, ...rest } = doc;
  void _status;
  return dropCreationTimestamps(rest);
}

function dropCreationTimestamps(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropCreationTimestamps);
  if (!isMap(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (k !== 'creationTimestamp') out[k] = dropCreationTimestamps(x);
  return out;
}

function isMap(v: unknown): v is Record<string, any> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function firstLine(s: string): string {
  return (s.trim().split('\n')[0] ?? '').slice(0, 300);
}

export async function runRelease(release: string): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  for (const c of loadReleaseCases(release)) out.push(await runReleaseCase(release, c));
  return out;
}
