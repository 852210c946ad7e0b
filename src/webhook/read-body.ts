// Reading a request body with a hard size limit, so a large or endless upload cannot exhaust memory.
import type { IncomingMessage } from 'node:http';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request entity too large: the limit is ${limit} bytes (${limit / 1024 / 1024} MiB)`);
    this.name = 'BodyTooLargeError';
  }
}

/** Resolves with the whole body, or rejects as soon as it exceeds `limit` bytes or the client goes away. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyTooLargeError(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (err: Error | undefined, body?: Buffer) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
      chunks.length = 0;
      if (err) reject(err);
      else resolve(body!);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop buffering at once; the caller answers 413 and closes the connection.
        req.pause();
        finish(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish(undefined, Buffer.concat(chunks, size));
    const onError = (err: Error) => finish(new Error(`reading the request body failed: ${err.message}`));
    const onClose = () => finish(new Error('the client closed the connection before the request body was complete'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}
