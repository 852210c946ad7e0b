// The shared conformance corpus (../shared next to the repository). Tests that need it register with
// corpusTest: without the corpus they are *skipped* (ava counts them as skipped, not passed) and the
// file prints one line saying so, instead of a green tick for a test that ran nothing.
import test, { type ImplementationFn } from 'ava';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** dist/test -> repository -> ../shared */
export const SHARED = resolve(here, '..', '..', '..', 'shared');
export const ISTIO_CORPUS = join(SHARED, 'conformance', 'istio');
export const corpusPresent = existsSync(join(ISTIO_CORPUS, 'cases.json'));

let announced = false;

/** Prints, once per test file, that the corpus tests are skipped. */
export function announceCorpusSkip(): void {
  if (announced) return;
  announced = true;
  console.log(`SKIPPED: corpus not present (${ISTIO_CORPUS}); the tests that need it are counted as skipped`);
}

/** A test that needs the corpus: run when present, otherwise registered as skipped. */
export function corpusTest(title: string, fn: ImplementationFn<[]>): void {
  if (corpusPresent) {
    test(title, fn);
    return;
  }
  announceCorpusSkip();
  test.skip(title, fn);
}

/** Stands in for a group of tests defined only when the corpus is present (e.g. one per case). */
export function skippedCorpusGroup(title: string): void {
  if (corpusPresent) return;
  announceCorpusSkip();
  test.skip(title, () => {});
}
