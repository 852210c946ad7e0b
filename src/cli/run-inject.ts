// Runs the CLI in-process with captured output: the conformance runner and tests drive exactly the
// code path a user's `inject-istio-sidecar inject ...` takes.
import { PassThrough, Readable } from 'node:stream';
import { main } from './main.js';

export interface CliRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export async function runCli(args: string[], io: { stdin?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const exitCode = await main(args, {
    stdin: Readable.from(io.stdin === undefined ? [] : [Buffer.from(io.stdin)]),
    stdout,
    stderr,
    cwd: io.cwd ?? process.cwd(),
    env: io.env ?? {},
  });
  return { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), exitCode };
}

/** `inject-istio-sidecar inject ARGS...` */
export function runInject(args: string[], io: { stdin?: string; cwd?: string } = {}): Promise<CliRun> {
  return runCli(['inject', ...args], io);
}
