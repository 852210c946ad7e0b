// `inject-istio-sidecar webhook` as a child process, for tests that need a real process: signals,
// a bounded heap, a crash that must not happen.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

const MAIN = new URL('../../src/cli/main.js', import.meta.url).pathname;

export interface WebhookProcess {
  child: ChildProcessWithoutNullStreams;
  port: number;
  /** Everything the process wrote to stderr so far (its JSON log lines). */
  stderr(): string;
  /** The exit code (or the signal's name) once the process ends. */
  exited: Promise<number | string | null>;
  stop(): void;
}

/** Starts the webhook with `args` (after `webhook`) and resolves once it logs that it listens. */
export function startWebhookProcess(args: string[], nodeArgs: string[] = []): Promise<WebhookProcess> {
  const child = spawn(process.execPath, [
    ...nodeArgs, '--input-type=module', '-e',
    `const { main } = await import(${JSON.stringify(MAIN)}); process.exitCode = await main(process.argv.slice(1));`,
    'webhook', '--port', '0', '--address', '127.0.0.1', ...args,
  ], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (d) => {
      stderr += d;
      const m = /"msg":"webhook listening".*"port":(\d+)/.exec(stderr);
      if (m) resolve({ child, port: Number(m[1]), stderr: () => stderr, exited, stop: () => child.kill('SIGKILL') });
    });
    void exited.then((code) => reject(new Error(`the webhook exited (${code}) before listening: ${stderr}`)));
  });
}
