// Istio's release golden cases (1.28.10, 1.30.3), each run exactly as its cases.json `args` say: the
// injector config handed over carries that release's Go templates, which our engine renders. The pass
// count must not fall below floor.json; every case that does not pass is either a documented deviation
// (deviations.ts, one reason each) or logged as a failure.
import test from 'ava';
import { passFloor } from './floor.js';
import { RELEASES, releaseCorpusAvailable, runRelease } from './release-cases.js';

for (const release of RELEASES) {
  if (!releaseCorpusAvailable(release)) {
    test(`Istio ${release} golden cases`, (t) => {
      t.log(`skipped: ../shared/conformance/istio-versions/${release} is not present`);
      t.pass();
    });
    continue;
  }
  test(`Istio ${release} golden cases through the release's own Go templates: pass count at or above the floor`, async (t) => {
    const floor = passFloor(release);
    const results = await runRelease(release);
    t.true(results.length >= 120, `only ${results.length} cases found`);
    const passed = results.filter((r) => r.verdict === 'pass').length;
    for (const r of results.filter((x) => x.verdict === 'fail')) t.log(`FAIL ${r.expected}: ${r.detail}`);
    const dev = results.filter((r) => r.verdict === 'deviation');
    for (const d of dev) t.log(`deviation ${d.expected}: ${d.detail}`);
    t.log(`${release}: pass ${passed} of ${results.length}, deviation ${dev.length}, floor ${floor}`);
    t.true(passed >= floor, `only ${passed} ${release} golden cases pass; floor is ${floor}`);
    for (const d of dev) t.truthy(d.detail, `${d.expected} has no reason`);
  });
}
