// Reading a file with a size bound. Paths from the command line may name anything readable (a FIFO from
// `<(...)`, /dev/stdin); the bound is what stops `/dev/zero` or a runaway generator from filling memory.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { InputTooLargeError } from './input-limits.js';

/** Reads `path` as UTF-8, failing with InputTooLargeError once more than `maxBytes` arrive. */
export function readFileBounded(path: string, maxBytes: number, display: string): string {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > maxBytes) throw new InputTooLargeError(display, maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw new InputTooLargeError(display, maxBytes);
      chunks.push(Buffer.from(chunk.subarray(0, n)));
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Reads a stream (stdin) with the same bound. */
export async function readStreamBounded(stream: NodeJS.ReadableStream, maxBytes: number, display: string): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const c of stream) {
    const chunk = typeof c === 'string' ? Buffer.from(c) : (c as Buffer);
    total += chunk.length;
    if (total > maxBytes) throw new InputTooLargeError(display, maxBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total).toString('utf8');
}
