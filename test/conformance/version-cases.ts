// The release corpora (shared/conformance/istio-versions/<release>) run against the built-in defaults:
// every case whose setup is the chart's default (no --set flags, no IstioOperator file, the base mesh,
// the default injector config) is run WITHOUT --injectConfigFile/--valuesFile/--meshConfigFile, only
// with --istio-version (or none, for the default 1.30.3), and compared with the release's golden output (semantic-equal.ts).
//
// One substitution is made on the golden side, the same for every case: upstream's test build renders
// its chart with a development image (hub registry.istio.io/testing or gcr.io/istio-testing, tag
// latest), while a released chart names the release's own image (docker.io/istio, tag = the release),
// which is what the built-in defaults reproduce.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInject } from '../../src/cli/run-inject.js';
import { deviations, parseDocs } from './deviations.js';
import { semanticDiff } from './semantic-equal.js';
import type { CaseResult, Verdict } from './cases.js';

interface VersionCase {
  name: string;
  input: string;
  expected: string | null;
  expectedError: string | null;
  expectedErrorMentions: string | null;
  runKubeInject: boolean;
  setup: {
    valuesId: string;
    meshId: string;
    iopFile: string | null;
    injectorConfigFile: string;
    valuesFile: string;
    nativeSidecarsEffective: boolean;
    compliancePolicy: string;
  };
}

const here = dirname(fileURLToPath(import.meta.url));
const VERSIONS_DIR = join(here, '..', '..', '..', '..', 'shared', 'conformance', 'istio-versions');

export function versionCorpus(release: string): string {
  return join(VERSIONS_DIR, release);
}

export function versionCorpusAvailable(release: string): boolean {
  return existsSync(join(versionCorpus(release), 'cases.json'));
}

/** The cases whose Istio config is exactly the chart's default, i.e. what the built-ins must reproduce. */
export function defaultSetupCases(release: string): VersionCase[] {
  const all = JSON.parse(readFileSync(join(versionCorpus(release), 'cases.json'), 'utf8')) as VersionCase[];
  return all.filter(
    (c) =>
      c.runKubeInject &&
      c.setup.valuesId === 'default' &&
      c.setup.meshId === 'base' &&
      c.setup.iopFile === null &&
      c.setup.injectorConfigFile === 'setups/default.config.yaml',
  );
}

/** The image hub the corpus's test build used, read from its default values (not assumed). */
function corpusHub(release: string): string {
  const values = JSON.parse(readFileSync(join(versionCorpus(release), 'setups', 'default.values.json'), 'utf8'));
  return String(values.global.hub);
}

/** Golden documents with the test build's `<hub>/<name>:latest[-variant]` images renamed to the release's. */
function withReleaseImages(docs: unknown[], hub: string, release: string): unknown[] {
  const prefix = `${hub}/`;
  const walk = (v: unknown, key: string): unknown => {
    if (Array.isArray(v)) return v.map((x) => walk(x, ''));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x, k);
      return out;
    }
    if (key === 'image' && typeof v === 'string' && v.startsWith(prefix)) {
      const m = /^([^:@]+):latest(.*)$/.exec(v.slice(prefix.length));
      if (m) return `docker.io/istio/${m[1]}:${release}${m[2]}`;
    }
    return v;
  };
  return docs.map((d) => walk(d, ''));
}

/** `istioVersion` undefined: no --istio-version flag at all (the tool's default). */
export function builtinArgs(c: VersionCase, istioVersion: string | undefined, input = c.input): string[] {
  const args = istioVersion === undefined ? [] : ['--istio-version', istioVersion];
  args.push('--native-sidecars', String(c.setup.nativeSidecarsEffective));
  if (c.setup.compliancePolicy) args.push('--compliance-policy', c.setup.compliancePolicy);
  args.push('--selector', 'all', '-f', input);
  return args;
}

export async function runWithBuiltins(release: string, c: VersionCase, istioVersion: string | undefined): Promise<CaseResult> {
  const cwd = versionCorpus(release);
  const expectedName = c.expected ? c.expected.replace(/^inject\//, '') : '(error)';
  const result = (verdict: Verdict, detail: string): CaseResult => ({ name: c.name, expected: expectedName, verdict, detail });
  const run = await runInject(builtinArgs(c, istioVersion), { cwd });
  if (c.expectedError) {
    const mention = (c.expectedErrorMentions ?? c.expectedError).toLowerCase();
    if (run.exitCode === 0) return result('fail', `expected an error mentioning "${mention}", exit code 0`);
    if (run.stdout !== '') return result('fail', 'an error case wrote to stdout');
    return run.stderr.toLowerCase().includes(mention) ? result('pass', '') : result('fail', `stderr does not mention "${mention}": ${run.stderr.slice(0, 200)}`);
  }
  if (run.exitCode !== 0) return result('fail', `exit ${run.exitCode}: ${run.stderr.trim().split('\n')[0]}`);
  const actual = parseDocs(run.stdout);
  const expected = withReleaseImages(parseDocs(readFileSync(join(cwd, c.expected!), 'utf8')), corpusHub(release), release);
  const diffs = compare(expected, actual);
  if (diffs.length === 0) return result('pass', '');
  const deviation = deviations[expectedName];
  if (deviation?.correct && compare(deviation.correct(expected), actual).length === 0) return result('deviation', deviation.reason);
  if (deviation?.check) {
    const problem = await deviation.check(actual, async (text) => {
      const r = await runInject(builtinArgs(c, istioVersion, '-'), { cwd, stdin: text });
      if (r.exitCode !== 0) throw new Error(r.stderr);
      return parseDocs(r.stdout);
    });
    if (problem === null) return result('deviation', deviation.reason);
  }
  return result('fail', diffs.slice(0, 4).join('; '));
}

function compare(expected: unknown[], actual: unknown[]): string[] {
  if (expected.length !== actual.length) return [`expected ${expected.length} documents, got ${actual.length}`];
  const out: string[] = [];
  expected.forEach((e, i) => {
    for (const d of semanticDiff(e, actual[i], 5)) out.push(`doc ${i}: ${d}`);
  });
  return out;
}
