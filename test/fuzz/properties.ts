// The two fuzz properties, shared by `npm test` (few seeded runs) and `npm run fuzz` (many).
import fc from 'fast-check';
import { mutate, mutation, realManifests, resources, streamStyle, toStream } from './arbitraries.js';
import { krmAgrees, streamInvariants } from './invariants.js';

const selector = fc.constantFrom('webhook', 'all');

/** Random valid ResourceLists: every invariant, including KRM = inject -f. */
export const validInputs = fc.asyncProperty(resources, streamStyle, selector, async (objs, style, sel) => {
  const input = toStream(objs, style);
  const { violation, first } = await streamInvariants(input, sel);
  if (violation) throw new Error(violation);
  const disagreement = await krmAgrees(objs, sel, first);
  if (disagreement) throw new Error(disagreement);
});

/** Mutated real manifests: clean failure or a correct, stable result. */
export function mutatedManifests() {
  const files = realManifests();
  return fc.asyncProperty(fc.nat({ max: files.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), selector, async (i, ms, sel) => {
    const { violation } = await streamInvariants(mutate(files[i]!, ms), sel);
    if (violation) throw new Error(violation);
  });
}
