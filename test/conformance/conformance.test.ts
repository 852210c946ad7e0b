import test from 'ava';
import { corpusAvailable, runAll } from './cases.js';
import { passFloor } from './floor.js';

if (!corpusAvailable()) {
  test('conformance corpus', (t) => {
    t.log('skipped: ../shared/conformance/istio is not present');
    t.pass();
  });
} else {
  test('Istio golden kube-inject cases: pass count does not drop below the floor', async (t) => {
    const floor = passFloor('istio');
    const results = await runAll();
    const passed = results.filter((r) => r.verdict === 'pass').length;
    for (const r of results.filter((x) => x.verdict === 'fail')) t.log(`FAIL ${r.expected}: ${r.detail}`);
    t.log(`pass ${passed}, floor ${floor}`);
    t.true(passed >= floor, `only ${passed} golden cases pass; floor is ${floor}`);
    // Deviations are documented exceptions, each with its reason; they must stay rare.
    const dev = results.filter((r) => r.verdict === 'deviation');
    for (const d of dev) t.truthy(d.detail, `${d.expected} has no reason`);
    t.true(dev.length <= 5, `${dev.length} deviations`);
  });
}
