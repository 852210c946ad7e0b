import test from 'ava';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { runCli } from '../../src/cli/run-inject.js';

const files = {
  'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    istio-injection: enabled\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: legacy\n',
  'apps.yaml': `apiVersion: v1
kind: Service
metadata: {name: cart, namespace: shop}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cart
  namespace: shop
spec:
  template:
    spec:
      containers:
      - name: cart
        image: cart:1
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: legacy
spec:
  template:
    spec:
      containers:
      - name: api
        image: api:1
`,
};

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'iis-report-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** The properties SARIF 2.1.0 requires, plus what GitHub code scanning needs to place an alert. */
function sarifProblems(s: any): string[] {
  const problems: string[] = [];
  const need = (cond: boolean, what: string) => { if (!cond) problems.push(what); };
  need(s.version === '2.1.0', 'version is "2.1.0"');
  need(typeof s.$schema === 'string' && s.$schema.includes('sarif'), '$schema names the SARIF schema');
  need(Array.isArray(s.runs) && s.runs.length === 1, 'one run');
  for (const run of s.runs ?? []) {
    const driver = run.tool?.driver;
    need(typeof driver?.name === 'string' && driver.name !== '', 'runs[].tool.driver.name');
    need(/^\d+\.\d+\.\d+/.test(driver?.semanticVersion ?? ''), 'driver.semanticVersion');
    const rules = driver?.rules ?? [];
    need(new Set(rules.map((r: any) => r.id)).size === rules.length, 'unique rule ids');
    for (const r of rules) need(typeof r.id === 'string' && typeof r.shortDescription?.text === 'string', `rule ${r.id} has id and shortDescription.text`);
    need(Array.isArray(run.results), 'runs[].results');
    for (const res of run.results ?? []) {
      need(typeof res.message?.text === 'string' && res.message.text !== '', 'result.message.text');
      need(['none', 'note', 'warning', 'error'].includes(res.level), `result.level ${res.level}`);
      need(typeof res.ruleId === 'string' && rules[res.ruleIndex]?.id === res.ruleId, 'ruleIndex points at ruleId');
      need(Array.isArray(res.locations) && res.locations.length === 1, 'exactly one location');
      const pl = res.locations?.[0]?.physicalLocation;
      need(typeof pl?.artifactLocation?.uri === 'string' && !pl.artifactLocation.uri.startsWith('/') && !pl.artifactLocation.uri.includes('\\'), 'a relative artifactLocation.uri');
      need(Number.isInteger(pl?.region?.startLine) && pl.region.startLine >= 1, 'region.startLine >= 1');
      need(typeof Object.values(res.partialFingerprints ?? {})[0] === 'string', 'partialFingerprints');
    }
  }
  return problems;
}

test('check --report sarif --report-file -: SARIF 2.1.0 for code scanning, one alert per failing workload at its line', async (t) => {
  const dir = workdir();
  const run = await runCli(['check', '-f', '.', '--report', 'sarif', '--report-file', '-'], { cwd: dir });
  t.is(run.exitCode, 1);
  const sarif = JSON.parse(run.stdout);
  t.deepEqual(sarifProblems(sarif), []);
  const results = sarif.runs[0].results;
  t.is(results.length, 1, 'info decisions are not alerts');
  t.is(results[0].ruleId, 'missing');
  t.is(results[0].level, 'error');
  t.deepEqual(results[0].locations[0].physicalLocation, { artifactLocation: { uri: 'apps.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 5 } });
  t.regex(results[0].message.text, /^Deployment shop\/cart: .*missing/);
  t.false(sarif.runs[0].invocations[0].executionSuccessful);
  // The text report still goes to stderr for the log.
  t.regex(run.stderr, /\[missing\]/);
  t.regex(run.stderr, /summary: 1 error, 0 warnings; .*\b1 missing, 1 skipped\/namespace-not-enabled/);
});

test('--report json: one record per workload with reason, message, file, line and resource, and counts per reason', async (t) => {
  const dir = workdir();
  const run = await runCli(['check', '-f', 'apps.yaml', '-f', 'ns.yaml', '--report', 'json', '--report-file', 'report.json'], { cwd: dir });
  t.is(run.exitCode, 1);
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  t.is(report.command, 'check');
  t.deepEqual(report.records.filter((r: any) => r.resource).map((r: any) => [r.reason, r.resource, r.file, r.line]), [
    ['missing', 'Deployment shop/cart', 'apps.yaml', 5],
    ['skipped/namespace-not-enabled', 'Deployment legacy/api', 'apps.yaml', 17],
  ]);
  t.deepEqual(report.summary, { error: 1, warning: 0, info: 1, reasons: { missing: 1, 'skipped/namespace-not-enabled': 1 } });
  // The run's own information (which Istio was emulated) is a note, not a workload record nor a count.
  t.deepEqual(report.notes.map((n: any) => n.reason), ['config/istio-version']);
  t.regex(report.notes[0].message, /^emulating Istio 1\.30\.3 /);
  // The text report on stderr still opens with it, uncounted in the summary.
  t.regex(run.stderr, /^info +config \[config\/istio-version\]: emulating Istio/);
  t.regex(run.stderr, /summary: 1 error, 0 warnings; 1 missing, 1 skipped\/namespace-not-enabled\n/);
});

test('--report junit: failing workloads are failures, skipped decisions are skipped test cases', async (t) => {
  const dir = workdir();
  const run = await runCli(['inject', '-f', '.', '--report', 'junit', '--report-file', 'junit.xml', '-o', 'out.yaml'], { cwd: dir });
  t.is(run.exitCode, 0, run.stderr);
  const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
  t.regex(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="inject-istio-sidecar inject" tests="2" failures="0" errors="0" skipped="1">/);
  t.false(xml.includes('config/istio-version'), 'the emulated-Istio note is not a test case');
  t.regex(xml, /<testcase classname="apps.yaml" name="Deployment legacy\/api \[skipped\/namespace-not-enabled\]" line="17" file="apps.yaml">\n\s+<skipped message="namespace &quot;legacy&quot;/);
  const check = await runCli(['check', '-f', '.', '--report', 'junit'], { cwd: dir });
  t.regex(check.stderr, /<failure type="missing" message="/, 'without a file the machine report replaces the text on stderr');
});

test('--report-file - is refused where stdout holds the manifests; unknown formats are usage errors', async (t) => {
  const dir = workdir();
  const clash = await runCli(['inject', '-f', '.', '--report', 'json', '--report-file', '-'], { cwd: dir });
  t.is(clash.exitCode, 2);
  t.regex(clash.stderr, /--report-file - needs stdout/);
  const bad = await runCli(['check', '-f', '.', '--report', 'xml'], { cwd: dir });
  t.is(bad.exitCode, 2);
  t.regex(bad.stderr, /--report must be one of text, json, sarif, junit/);
});

async function runOnTty(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  const stderr = new PassThrough() as PassThrough & { isTTY?: boolean };
  stderr.isTTY = true;
  const chunks: Buffer[] = [];
  stderr.on('data', (c: Buffer) => chunks.push(c));
  await main(args, { stdin: Readable.from([]), stdout: new PassThrough(), stderr, cwd, env });
  return Buffer.concat(chunks).toString('utf8');
}

test('colour only on a terminal, and never with NO_COLOR', async (t) => {
  const dir = workdir();
  const tty = await runOnTty(['check', '-f', '.'], dir, {});
  t.true(tty.includes('\x1b[31merror  \x1b[0m'), JSON.stringify(tty.slice(0, 80)));
  const noColor = await runOnTty(['check', '-f', '.'], dir, { NO_COLOR: '1' });
  t.false(noColor.includes('\x1b['));
  const pipe = await runCli(['check', '-f', '.'], { cwd: dir });
  t.false(pipe.stderr.includes('\x1b['));
});

test('inject --diff prints a unified diff that patch(1) applies, and writes nothing', async (t) => {
  const dir = workdir();
  const run = await runCli(['inject', '--diff', '-f', '.'], { cwd: dir });
  t.is(run.exitCode, 0, run.stderr);
  t.true(run.stdout.startsWith('--- a/apps.yaml\n+++ b/apps.yaml\n@@ -'), run.stdout.slice(0, 80));
  t.notRegex(run.stdout, /a\/ns\.yaml/, 'unchanged files have no diff');
  t.is(readFileSync(join(dir, 'apps.yaml'), 'utf8'), files['apps.yaml']);
  const injected = await runCli(['inject', '-f', 'apps.yaml', '-f', 'ns.yaml'], { cwd: dir });
  const { applyUnifiedDiff } = await import('./apply-diff.js');
  t.is(applyUnifiedDiff(files['apps.yaml'], run.stdout), injected.stdout.split('---\napiVersion: v1\nkind: Namespace')[0]);
});
