// Runs Istio's golden kube-inject cases through `inject-istio-sidecar inject --selector all`, exactly
// as a user would, and compares the output semantically (semantic-equal.ts).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInject } from '../../src/cli/run-inject.js';
import { deviations, parseDocs } from './deviations.js';
import { semanticDiff } from './semantic-equal.js';

export interface GoldenCase {
  name: string;
  index: number | string;
  input: string;
  expected: string | null;
  expectedError: string | null;
  expectedLog: string | null;
  runKubeInject: boolean;
  setup: {
    valuesFile: string;
    injectorConfigFile: string;
    meshConfigFile: string;
    nativeSidecarsEffective: boolean;
    compliancePolicy: string;
    iopFile: string | null;
  };
}

export type Verdict = 'pass' | 'fail' | 'deviation' | 'unsupported';

export interface CaseResult {
  name: string;
  expected: string;
  verdict: Verdict;
  detail: string;
}

const here = dirname(fileURLToPath(import.meta.url));
/** /work/shared/conformance/istio, found relative to the repository (dist/test/conformance -> ../../../..). */
export const CORPUS = join(here, '..', '..', '..', '..', 'shared', 'conformance', 'istio');

export function corpusAvailable(): boolean {
  return existsSync(join(CORPUS, 'cases.json'));
}

export function loadCases(): GoldenCase[] {
  const all = JSON.parse(readFileSync(join(CORPUS, 'cases.json'), 'utf8')) as GoldenCase[];
  return all.filter((c) => c.runKubeInject);
}

/** Cases we cannot run, by IstioOperator setup, with the reason (none at the moment). */
const UNSUPPORTED_SETUPS: Record<string, string> = {};

export function argsFor(c: GoldenCase, inputFile = c.input): string[] {
  // The master corpus's configs carry only the custom templates of a setup (custom, spire), not the
  // stock bodies (templates/README.md): those custom Go templates render through our Go template
  // engine, the stock ones fall back to the built-ins, so the built-ins must be master's.
  const args = [
    '--istio-version', 'master',
    '--injectConfigFile', c.setup.injectorConfigFile,
    '--valuesFile', c.setup.valuesFile,
    '--meshConfigFile', c.setup.meshConfigFile,
    '--native-sidecars', String(c.setup.nativeSidecarsEffective),
  ];
  if (c.setup.compliancePolicy) args.push('--compliance-policy', c.setup.compliancePolicy);
  args.push('--selector', 'all', '-f', inputFile);
  return args;
}

export async function runCase(c: GoldenCase): Promise<CaseResult> {
  const expectedName = c.expected ? c.expected.replace(/^inject\//, '') : '(error)';
  const result = (verdict: Verdict, detail: string): CaseResult => ({ name: c.name, expected: expectedName, verdict, detail });
  const unsupported = c.setup.iopFile ? UNSUPPORTED_SETUPS[c.setup.iopFile] : undefined;
  if (unsupported) return result('unsupported', unsupported);

  let run;
  try {
    run = await runInject(argsFor(c), { cwd: CORPUS });
  } catch (e) {
    return result('fail', `crashed: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (c.expectedError) {
    if (run.exitCode === 0) return result('fail', `expected an error containing "${c.expectedError}", exit code 0`);
    const text = (run.stderr + run.stdout).toLowerCase();
    return text.includes(c.expectedError.toLowerCase())
      ? result('pass', `error: ${firstLine(run.stderr)}`)
      : result('fail', `error does not mention "${c.expectedError}": ${firstLine(run.stderr)}`);
  }
  if (run.exitCode !== 0) return result('fail', `exit ${run.exitCode}: ${firstLine(run.stderr)}`);
  if (c.expectedLog && !run.stderr.toLowerCase().includes(c.expectedLog.toLowerCase())) {
    return result('fail', `expected a warning containing "${c.expectedLog}", stderr: ${firstLine(run.stderr)}`);
  }
  let actual;
  try {
    actual = parseDocs(run.stdout);
  } catch (e) {
    return result('fail', `output is not YAML: ${e instanceof Error ? e.message : String(e)}`);
  }
  const expected = parseDocs(readFileSync(join(CORPUS, c.expected!), 'utf8'));
  const diffs = compareStreams(expected, actual);
  if (diffs.length === 0) return result('pass', '');

  const deviation = deviations[expectedName];
  if (deviation?.correct) {
    const again = compareStreams(deviation.correct(expected), actual);
    if (again.length === 0) return result('deviation', deviation.reason);
    return result('fail', `${again.slice(0, 3).join('; ')} (even with deviation: ${deviation.reason})`);
  }
  if (deviation?.check) {
    const problem = await deviation.check(actual, async (text) => {
      const r = await runInject(argsFor(c, '-'), { cwd: CORPUS, stdin: text });
      if (r.exitCode !== 0) throw new Error(firstLine(r.stderr));
      return parseDocs(r.stdout);
    });
    return problem === null ? result('deviation', deviation.reason) : result('fail', `${problem}; ${diffs[0]}`);
  }
  return result('fail', diffs.slice(0, 3).join('; '));
}

function compareStreams(expected: unknown[], actual: unknown[]): string[] {
  if (expected.length !== actual.length) return [`expected ${expected.length} documents, got ${actual.length}`];
  const out: string[] = [];
  expected.forEach((e, i) => {
    for (const d of semanticDiff(e, actual[i], 5)) out.push(`doc ${i}: ${d}`);
  });
  return out;
}

function firstLine(s: string): string {
  return (s.trim().split('\n')[0] ?? '').slice(0, 200);
}

export async function runAll(): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  for (const c of loadCases()) out.push(await runCase(c));
  return out;
}
