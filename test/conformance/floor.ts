// The pass-count floor per corpus (floor.json, kept in the source tree: tsc does not copy it). A floor
// only rises: when more cases pass, raise it in the same commit.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// dist/test/conformance -> test/conformance
const floorFile = join(here, '..', '..', '..', 'test', 'conformance', 'floor.json');

/** `corpus` is `istio` (master) or a release (`1.28.10`, `1.30.3`). */
export function passFloor(corpus: string): number {
  const floors = JSON.parse(readFileSync(floorFile, 'utf8')) as Record<string, number>;
  const n = Object.prototype.hasOwnProperty.call(floors, corpus) ? floors[corpus] : undefined;
  if (typeof n !== 'number') throw new Error(`floor.json has no floor for corpus ${corpus}`);
  return n;
}
