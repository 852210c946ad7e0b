// `npm run conformance`: one line per golden kube-inject case and a total.
import { corpusAvailable, runAll } from './cases.js';

async function main(): Promise<void> {
  if (!corpusAvailable()) {
    console.log('conformance corpus (../shared/conformance/istio) not found; nothing to run');
    return;
  }
  const results = await runAll();
  const width = Math.max(...results.map((r) => r.expected.length), 10);
  for (const r of results) {
    const detail = r.detail ? `  ${r.detail}` : '';
    console.log(`${r.verdict.toUpperCase().padEnd(11)} ${r.expected.padEnd(width)}${detail}`);
  }
  const count = (v: string) => results.filter((r) => r.verdict === v).length;
  const runnable = results.length - count('unsupported');
  const pass = count('pass');
  console.log('');
  console.log(
    `pass ${pass} / ${runnable} runnable (${((100 * pass) / Math.max(runnable, 1)).toFixed(1)}%), ` +
      `deviation ${count('deviation')}, fail ${count('fail')}, unsupported ${count('unsupported')}, total ${results.length}`,
  );
}

await main();
