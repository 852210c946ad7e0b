// The property-based fuzz suite, bounded and seeded for `npm test` (`npm run fuzz` runs it longer).
import test from 'ava';
import fc from 'fast-check';
import { mutatedManifests, validInputs } from './properties.js';

const SEED = 20240609;

test('fuzz: random valid ResourceLists satisfy every invariant', async (t) => {
  await fc.assert(validInputs, { numRuns: 60, seed: SEED });
  t.pass();
});

test('fuzz: mutated real manifests fail cleanly or inject stably', async (t) => {
  await fc.assert(mutatedManifests(), { numRuns: 80, seed: SEED });
  t.pass();
});
