// `npm run conformance`: one table per corpus (master golden cases, then each release corpus run with
// its own Go templates), one line per case and a total, with the floor each test enforces.
import { corpusAvailable, runAll, type CaseResult } from './cases.js';
import { passFloor } from './floor.js';
import { RELEASES, releaseCorpusAvailable, runRelease } from './release-cases.js';

function printTable(title: string, results: CaseResult[], floor: number): void {
  console.log(`== ${title}`);
  const width = Math.max(...results.map((r) => r.expected.length), 10);
  for (const r of results) {
    const detail = r.detail ? `  ${r.detail}` : '';
    console.log(`${r.verdict.toUpperCase().padEnd(11)} ${r.expected.padEnd(width)}${detail}`);
  }
  const count = (v: string) => results.filter((r) => r.verdict === v).length;
  const runnable = results.length - count('unsupported');
  const pass = count('pass');
  console.log(
    `${title}: pass ${pass} / ${runnable} runnable (${((100 * pass) / Math.max(runnable, 1)).toFixed(1)}%), ` +
      `deviation ${count('deviation')}, fail ${count('fail')}, unsupported ${count('unsupported')}, total ${results.length}, floor ${floor}`,
  );
  console.log('');
}

async function main(): Promise<void> {
  const summary: string[] = [];
  const run = async (title: string, corpus: string, available: boolean, results: () => Promise<CaseResult[]>) => {
    if (!available) {
      console.log(`== ${title}: corpus not found; nothing to run\n`);
      return;
    }
    const r = await results();
    printTable(title, r, passFloor(corpus));
    summary.push(`${title.padEnd(28)} pass ${r.filter((x) => x.verdict === 'pass').length} / ${r.length}, deviation ${r.filter((x) => x.verdict === 'deviation').length}`);
  };
  await run('istio (master)', 'istio', corpusAvailable(), runAll);
  for (const release of RELEASES) await run(`istio-versions/${release}`, release, releaseCorpusAvailable(release), () => runRelease(release));
  console.log(summary.join('\n'));
}

await main();
