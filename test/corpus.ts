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

const announced = new Set<string>();

/** Prints, once per test file and corpus, that the tests needing it are skipped. */
export function announceCorpusSkip(path: string = ISTIO_CORPUS): void {
  if (announced.has(path)) return;
  announced.add(path);
  console.log(`SKIPPED: corpus not present (${path}); the tests that need it are counted as skipped`);
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

/** A test (or group) that needs another part of ../shared (`path`), registered as skipped because it is absent. */
export function skippedForAbsentCorpus(title: string, path: string): void {
  announceCorpusSkip(path);
  test.skip(title, () => {});
}
