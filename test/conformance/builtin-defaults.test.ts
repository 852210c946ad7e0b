// With no Istio config given, the tool must inject exactly what a stock install of the emulated Istio
// release injects: every golden case of a release corpus whose setup is the chart default is run with
// the built-in defaults only (version-cases.ts explains the one image substitution on the golden side).
import test from 'ava';
import { defaultSetupCases, runWithBuiltins, versionCorpusAvailable } from './version-cases.js';
import type { CaseResult } from './cases.js';
import { runCli, runInject } from '../../src/cli/run-inject.js';

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

// These need no corpus: the tool's own description of what it emulates.
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: example.com/web:1}]
`;

test('--version prints the tool version and the Istio releases it was verified against', async (t) => {
  const r = await runCli(['--version']);
  t.is(r.exitCode, 0);
  t.regex(r.stdout, /^inject-istio-sidecar \d+\.\d+\.\d+\nverified against Istio 1\.28\.10, 1\.30\.3 \(default\), master \(commit [0-9a-f]{8}, \d{4}-\d\d-\d\d\)/);
});

test('the report\'s first line names the emulated Istio and where the config came from', async (t) => {
  const builtIn = await runInject(['--selector', 'all', '-f', '-'], { stdin: DEPLOYMENT });
  t.is(builtIn.exitCode, 0);
  t.true(builtIn.stdout.includes('image: docker.io/istio/proxyv2:1.30.3'));
  t.regex(builtIn.stderr.split('\n')[0]!, /^info +config \[config\/istio-version\]: emulating Istio 1\.30\.3 \(--istio-version 1\.30\); config: built-in defaults/);

  const master = await runInject(['--selector', 'all', '--istio-version', 'master', '-f', '-'], { stdin: DEPLOYMENT });
  t.true(master.stdout.includes('image: registry.istio.io/testing/proxyv2:latest'));
  t.regex(master.stderr.split('\n')[0]!, /emulating Istio master \(commit [0-9a-f]{8}, [\d-]+\) \(--istio-version master\)/);

  const configMap = `apiVersion: v1
kind: ConfigMap
metadata: {name: istio-sidecar-injector, namespace: istio-system}
data:
  values: '{"global": {"tag": "1.28.9"}}'
---
`;
  const fromInput = await runInject(['--selector', 'all', '--istio-version', '1.28', '-f', '-'], { stdin: configMap + DEPLOYMENT });
  t.true(fromInput.stdout.includes('image: docker.io/istio/proxyv2:1.28.9'), 'the values in the input are merged onto the 1.28 chart values');
  t.regex(fromInput.stderr.split('\n')[0]!, /emulating Istio 1\.28\.10 \(--istio-version 1\.28\); config: injector config from the built-in 1\.28\.10 defaults, values from ConfigMap istio-sidecar-injector \(key values\), mesh config from the built-in 1\.28\.10 defaults/);

  // With the cluster's own injector config its templates decide: the line says so and names the proxy tag.
  const clusterConfig = configMap.replace("  values:", "  config: 'policy: enabled'\n  values:");
  const fromCluster = await runInject(['--selector', 'all', '-f', '-'], { stdin: clusterConfig + DEPLOYMENT });
  t.is(fromCluster.exitCode, 0, fromCluster.stderr);
  t.regex(
    fromCluster.stderr.split('\n')[0]!,
    /emulating the cluster's Istio \(proxy tag 1\.28\.9\) through its injector config's own templates, Istio 1\.30\.3 built-ins filling only what its documents leave out \(--istio-version 1\.30\); config: injector config from ConfigMap istio-sidecar-injector \(key config\)/,
  );

  const bad = await runInject(['--istio-version', '1.29', '-f', '-'], { stdin: DEPLOYMENT });
  t.is(bad.exitCode, 2);
  t.regex(bad.stderr, /--istio-version must be one of 1\.28 \(= 1\.28\.10\), 1\.30 \(= 1\.30\.3\), master, not "1\.29"/);
});

test('the CRL volume: 1.28 and 1.30 add it whoever issues certificates, master only with istiod', async (t) => {
  const values = JSON.stringify({ global: { pilotCertProvider: 'kubernetes' } });
  const volumes = async (version: string) => {
    const r = await runInject(['--selector', 'all', '--istio-version', version, '-f', '-'], { stdin: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio-sidecar-injector, namespace: istio-system}\ndata:\n  values: '${values}'\n---\n${DEPLOYMENT}` });
    t.is(r.exitCode, 0, r.stderr);
    return r.stdout.includes('name: istio-ca-crl');
  };
  t.true(await volumes('1.28'));
  t.true(await volumes('1.30'));
  t.false(await volumes('master'));
});
