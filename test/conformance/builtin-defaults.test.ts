// With no Istio config given, the tool must inject exactly what a stock install of the emulated Istio
// release injects: every golden case of a release corpus whose setup is the chart default is run with
// the built-in defaults only (version-cases.ts explains the one image substitution on the golden side).
import test from 'ava';
import { defaultSetupCases, runWithBuiltins, versionCorpusAvailable } from './version-cases.js';
import type { CaseResult } from './cases.js';

const RUNS = [
  { release: '1.30.3', flag: undefined, title: 'Istio 1.30.3 default-setup cases pass with the built-in defaults and no --istio-version' },
  { release: '1.28.10', flag: '1.28', title: 'Istio 1.28.10 default-setup cases pass with --istio-version 1.28 and no config files' },
] as const;

for (const run of RUNS) {
  if (!versionCorpusAvailable(run.release)) {
    test(run.title, (t) => {
      t.log(`skipped: ../shared/conformance/istio-versions/${run.release} is not present`);
      t.pass();
    });
    continue;
  }
  test(run.title, async (t) => {
    const cases = defaultSetupCases(run.release);
    t.true(cases.length >= 90, `only ${cases.length} default-setup cases found`);
    const results: CaseResult[] = [];
    for (const c of cases) results.push(await runWithBuiltins(run.release, c, run.flag));
    const failed = results.filter((r) => r.verdict === 'fail');
    const deviations = results.filter((r) => r.verdict === 'deviation');
    for (const r of failed) t.log(`FAIL ${r.expected}: ${r.detail}`);
    for (const r of deviations) t.log(`deviation ${r.expected}: ${r.detail}`);
    t.log(`${run.release}: ${results.length - failed.length - deviations.length} pass, ${deviations.length} documented deviations, ${failed.length} fail`);
    t.is(failed.length, 0);
    // Only the CronJob metadata placement (deviations.ts, i.1) may differ from upstream.
    t.true(deviations.every((d) => d.expected.startsWith('cronjob')), deviations.map((d) => d.expected).join(', '));
  });
}

if (versionCorpusAvailable('1.30.3')) {
  test('the 1.28 built-ins are not the 1.30 ones: 1.30.3 goldens fail under --istio-version 1.28', async (t) => {
    const hello = defaultSetupCases('1.30.3').find((c) => c.expected === 'inject/hello.yaml.injected');
    t.truthy(hello);
    const r = await runWithBuiltins('1.30.3', hello!, '1.28');
    t.is(r.verdict, 'fail');
    t.regex(r.detail, /divisor|docker\.io\/istio\/proxyv2:1\.28\.10/);
  });
}
