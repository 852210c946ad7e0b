// `--report junit`: one test case per workload record, so CI systems that read JUnit XML (GitLab,
// Jenkins, Azure) show failing workloads; skipped decisions are skipped test cases.
import type { ReportRecord } from './records.js';

export function formatJunitReport(records: readonly ReportRecord[], command: string): string {
  const failures = records.filter((r) => r.severity === 'error').length;
  const skipped = records.filter((r) => r.severity !== 'error' && r.reason.startsWith('skipped/')).length;
  const suite = `inject-istio-sidecar ${command}`;
  const cases = records.map((r) => {
    const name = `${r.resource ?? 'config'} [${r.reason}]`;
    const classname = r.file ?? 'config';
    const open = `    <testcase classname="${xml(classname)}" name="${xml(name)}"${r.line !== undefined ? ` line="${r.line}"` : ''}${r.file !== undefined ? ` file="${xml(r.file)}"` : ''}>`;
    if (r.severity === 'error') return `${open}\n      <failure type="${xml(r.reason)}" message="${xml(r.message)}">${xml(r.message)}</failure>\n    </testcase>`;
    if (r.reason.startsWith('skipped/')) return `${open}\n      <skipped message="${xml(r.message)}"/>\n    </testcase>`;
    if (r.severity === 'warning') return `${open}\n      <system-out>${xml(`warning: ${r.message}`)}</system-out>\n    </testcase>`;
    return `${open}</testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(suite)}" tests="${records.length}" failures="${failures}" errors="0" skipped="${skipped}">`,
    `  <testsuite name="${xml(suite)}" tests="${records.length}" failures="${failures}" errors="0" skipped="${skipped}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function xml(s: string): string {
  // Characters XML 1.0 cannot carry at all are dropped; the five specials are escaped.
  return s
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
