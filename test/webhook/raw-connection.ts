// One TLS (or plain) connection on which HTTP/1.1 requests are written by hand, so a test knows
// exactly which connection carries which request (an Agent may silently open a new one).
import net from 'node:net';
import tls from 'node:tls';

export interface RawReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export class RawConnection {
  private buffer = Buffer.alloc(0);
  private waiting: { resolve: (r: RawReply) => void; reject: (e: Error) => void } | undefined;
  private ended: Error | undefined;
  /** Resolves when the server (or anyone) closes the connection. */
  readonly closed: Promise<void>;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.deliver();
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', () => {
        this.fail(new Error('the connection was closed before a complete response arrived'));
        resolve();
      });
    });
    socket.on('error', (err) => this.fail(err));
  }

  static open(port: number, opts: { ca?: string; insecure?: boolean } = {}): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = opts.insecure
        ? net.connect({ host: '127.0.0.1', port }, () => resolve(new RawConnection(socket)))
        : tls.connect({ host: '127.0.0.1', port, ca: opts.ca, servername: 'localhost' }, () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  /** Writes the request head and the first `sentBytes` of the body; `finish()` sends the rest. */
  start(path: string, body: string, sentBytes = body.length): { reply: Promise<RawReply>; finish: () => void } {
    if (this.waiting) throw new Error('one request at a time');
    const reply = new Promise<RawReply>((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
    if (this.ended) this.fail(this.ended);
    const data = Buffer.from(body);
    const head = `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${data.length}\r\n\r\n`;
    this.socket.write(Buffer.concat([Buffer.from(head), data.subarray(0, sentBytes)]));
    return { reply, finish: () => void this.socket.write(data.subarray(sentBytes)) };
  }

  request(path: string, body: string): Promise<RawReply> {
    return this.start(path, body).reply;
  }

  destroy(): void {
    this.socket.destroy();
  }

  private deliver(): void {
    const headEnd = this.buffer.indexOf('\r\n\r\n');
    if (headEnd < 0 || !this.waiting) return;
    const [statusLine, ...lines] = this.buffer.subarray(0, headEnd).toString('latin1').split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const i = line.indexOf(':');
      headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
    }
    const length = Number(headers['content-length'] ?? 0);
    if (this.buffer.length < headEnd + 4 + length) return;
    const body = this.buffer.subarray(headEnd + 4, headEnd + 4 + length).toString('utf8');
    this.buffer = this.buffer.subarray(headEnd + 4 + length);
    const { resolve } = this.waiting;
    this.waiting = undefined;
    resolve({ status: Number(statusLine!.split(' ')[1]), headers, body });
  }

  private fail(err: Error): void {
    this.ended ??= err;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(err);
  }
}
