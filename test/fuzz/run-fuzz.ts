// `npm run fuzz -- --runs N [--seed S]`: the fuzz properties with many runs; prints counts per property.
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { mutatedManifests, validInputs } from './properties.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '2000' }, seed: { type: 'string' } }, strict: true });
const runs = Number(values.runs);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
let failed = false;
for (const [name, property, share] of [['valid ResourceLists', validInputs, 0.5], ['mutated real manifests', mutatedManifests(), 0.5]] as const) {
  const n = Math.max(1, Math.round(runs * share));
  const started = Date.now();
  const details = await fc.check(property as fc.IAsyncProperty<unknown[]>, { numRuns: n, seed });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (details.failed) {
    failed = true;
    console.log(`${name}: FAILED after ${details.numRuns} runs (seed ${seed}, path ${details.counterexamplePath}) in ${secs}s`);
    console.log(`  counterexample: ${fc.stringify(details.counterexample)}`);
    console.log(`  ${String(details.errorInstance instanceof Error ? details.errorInstance.message : details.errorInstance).slice(0, 2000)}`);
  } else {
    console.log(`${name}: ${details.numRuns} runs, 0 violations (seed ${seed}) in ${secs}s`);
  }
}
process.exitCode = failed ? 1 : 0;
