/**
 * A document or item the fast path chose to parse on first use turned out not to parse on its own
 * after the run had started: the caller runs again on the full parser. Runs are pure, so nothing of
 * the first attempt stays.
 */
export class FastPathUnsure extends Error {
  constructor(file: string) {
    super(`${file}: a document did not parse on its own; the whole input must be parsed`);
    this.name = 'FastPathUnsure';
  }
}

/** When a document or item is parsed: `never` (its bytes are copied), `first` (now), `later` (when first read). */
export type ParseWhen = 'never' | 'first' | 'later';
