// Finding 12 (issue 9) over every corpus input: in each document injection changes, every line it does
// not add or rewrite comes out byte for byte (oracle: untouched-lines.ts).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run-inject.js';
import { corpusTest, SHARED } from '../corpus.js';
import { untouchedLineViolations } from './untouched-lines.js';

const CONFORMANCE = join(SHARED, 'conformance');

/** `conformance/**\/inject/*.yaml`: the master corpus and every release corpus. */
function corpusInputs(): string[] {
  const dirs = [join(CONFORMANCE, 'istio', 'inject')];
  const versions = join(CONFORMANCE, 'istio-versions');
  if (existsSync(versions)) for (const v of readdirSync(versions).sort()) dirs.push(join(versions, v, 'inject'));
  return dirs.filter((d) => existsSync(d)).flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(d, f)));
}

corpusTest('every corpus input: lines injection does not add or rewrite survive byte-identical', async (t) => {
  let injected = 0;
  const bad: string[] = [];
  for (const file of corpusInputs()) {
    const input = readFileSync(file, 'utf8');
    const run = await runCli(['inject', '-q', '--selector', 'all', '-f', '-'], { stdin: input });
    if (run.exitCode !== 0 || run.stdout === input) continue; // the corpus' expected failures; nothing to inject
    injected++;
    const v = untouchedLineViolations(input, run.stdout);
    if (typeof v === 'string') bad.push(`${file}: ${v}`);
    else if (v.length > 0) bad.push(`${file}: ${v.slice(0, 3).map((x) => `doc ${x.document} line ${x.line} ${JSON.stringify(x.text)}`).join('; ')}`);
  }
  t.log(`${injected} injected corpus inputs checked`);
  t.true(injected >= 200, `only ${injected} corpus inputs were injected`);
  t.deepEqual(bad, []);
});
