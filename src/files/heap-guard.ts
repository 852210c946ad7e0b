// A run whose input parses into more than the heap can hold used to die with V8's out-of-memory abort
// (exit 134, a stack of C++ frames) after minutes. The size bound alone cannot prevent it: many small
// documents, or workloads that each grow by a sidecar, cost far more heap per input byte than one large
// one. So the loops over documents look at the heap now and then and stop with an error that says what
// to do while there is still room to report it.
import { getHeapStatistics } from 'node:v8';
import { MiB } from './input-limits.js';

export class HeapLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HeapLimitError';
  }
}

/** Past this share of the old generation's limit a run stops: V8 needs headroom to collect and report. */
const MAX_HEAP_SHARE = 0.85;
/** heap_size_limit includes the young generation (3 x 16 MiB semi-spaces on 64-bit), which long-lived
 *  documents never stay in: the limit that runs out is the old generation's. */
const YOUNG_GENERATION = 48 * MiB;
/** Documents between two looks at the heap (a look costs about a microsecond). */
const EVERY = 64;

/** A check to call once per document; `what` names the input in the error. */
export function heapGuard(what: string): () => void {
  let calls = 0;
  return () => {
    if (++calls % EVERY !== 0) return;
    const heap = getHeapStatistics();
    const oldGeneration = heap.heap_size_limit - Math.min(YOUNG_GENERATION, heap.heap_size_limit / 2);
    if (heap.used_heap_size <= oldGeneration * MAX_HEAP_SHARE) return;
    throw new HeapLimitError(
      `${what}: not enough memory to process this input within node's heap (--max-old-space-size ${Math.round(oldGeneration / MiB)} MiB): ` +
        'split the input, lower --max-documents, or give node more with NODE_OPTIONS=--max-old-space-size=MB',
    );
  };
}
