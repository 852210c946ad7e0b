// `inject-istio-sidecar`: dispatches to a subcommand, or acts as the KRM function (a ResourceList on
// stdin, no arguments) or as a kustomize exec plugin (a config file path and a plain stream on stdin).
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXIT_ERROR, EXIT_OK, EXIT_USAGE, UsageError, write, type CommandIO } from './command.js';
import { commandIndex } from './command-index.js';
import { InputError } from './read-inputs.js';
import { OutputError } from './write-atomic.js';
import { suggestion } from './did-you-mean.js';
import { formatReport } from './report.js';
import { summaryLine } from '../report/summary.js';
import { runFunction } from '../krm/run-function.js';
import { runLegacyPlugin } from '../krm/run-legacy-plugin.js';
import { isResourceList, YamlInputError } from '../yaml/index.js';
import { ConfigError } from '../errors.js';
import { HeapLimitError } from '../files/heap-guard.js';
import { builtinIstio, DEFAULT_ISTIO_VERSION, ISTIO_VERSION_KEYS } from '../config/defaults/istio-versions.js';
import { InputTooLargeError, resolveLimits, type InputLimits } from '../files/input-limits.js';
import { readStreamBounded } from '../files/read-bounded.js';

export { VERSION } from './about.js';
import { VERSION } from './about.js';

/** `--version`: the tool's version, then the Istio releases whose injection it was verified against. */
function versionText(): string {
  const verified = ISTIO_VERSION_KEYS.map((k) => `${builtinIstio(k).label}${k === DEFAULT_ISTIO_VERSION ? ' (default)' : ''}`);
  return `inject-istio-sidecar ${VERSION}
verified against Istio ${verified.join(', ')}; pick one with --istio-version
`;
}
const commands = commandIndex;

const topUsage = `inject-istio-sidecar ${VERSION}: Istio sidecar injection for GitOps, exactly as istiod would inject

Usage:
  inject-istio-sidecar < resource-list.yaml        KRM function (kpt fn render/eval, kustomize --enable-exec)
  inject-istio-sidecar CONFIG_FILE < stream.yaml   kustomize exec plugin (kubectl kustomize --enable-alpha-plugins)
  inject-istio-sidecar COMMAND [flags]

Commands:
${commands.map((c) => `  ${c.name.padEnd(16)}${c.summary}`).join('\n')}

Run 'inject-istio-sidecar COMMAND --help' for a command's flags.
Exit codes: 0 ok, 1 injection or validation error, 2 usage error.`;

export async function main(args: string[], io: CommandIO = processIO()): Promise<number> {
  const first = args[0];
  try {
    if (first === '--help' || first === '-h' || first === 'help') {
      await write(io.stdout, `${topUsage}\n`);
      return EXIT_OK;
    }
    if (first === '--version' || first === 'version') {
      await write(io.stdout, versionText());
      return EXIT_OK;
    }
    const entry = commands.find((c) => c.name === first);
    if (entry) {
      const cmd = await entry.load();
      if (args.includes('--help') || args.includes('-h')) {
        await write(io.stdout, `${cmd.usage}\n`);
        return EXIT_OK;
      }
      return await cmd.run(args.slice(1), io);
    }
    if (first === undefined) return await runAsFunction(io);
    if (args.length === 1 && !first.startsWith('-') && isFile(resolve(io.cwd, first))) return await runAsPlugin(first, io);
    const names = commands.map((c) => c.name);
    throw new UsageError(first.startsWith('-') ? `unknown flag ${first}${suggestion(first, ['--help', '--version'])}` : `unknown command "${first}"${suggestion(first, names)}`);
  } catch (err) {
    return reportFailure(err, io, first);
  }
}

async function runAsFunction(io: CommandIO): Promise<number> {
  if ((io.stdin as NodeJS.ReadStream).isTTY) {
    await write(io.stderr, `${topUsage}\n`);
    return EXIT_USAGE;
  }
  const limits = environmentLimits(io);
  const input = await readStdin(io, limits);
  if (!isResourceList(input)) {
    throw new InputError('<stdin>: expected a ResourceList (kind: ResourceList); for plain manifests use: inject-istio-sidecar inject -f -');
  }
  const run = runFunction(input, io.cwd, limits);
  // kpt shows the results from stdout; stderr only summarises, so no result is shown twice.
  await write(io.stdout, run.output);
  await write(io.stderr, `inject-istio-sidecar: ${run.failed ? 'failed: ' : ''}${summaryLine(run.results)}\n`);
  return run.failed ? EXIT_ERROR : EXIT_OK;
}

async function runAsPlugin(configPath: string, io: CommandIO): Promise<number> {
  const limits = environmentLimits(io);
  const run = runLegacyPlugin(configPath, await readStdin(io, limits), io.cwd, limits);
  await write(io.stderr, formatReport(run.results, true));
  if (run.output === undefined) return EXIT_ERROR;
  await write(io.stdout, run.output);
  return EXIT_OK;
}

async function reportFailure(err: unknown, io: CommandIO, first: string | undefined): Promise<number> {
  const e = err as Error & { code?: string };
  if (err instanceof UsageError || (typeof e.code === 'string' && e.code.startsWith('ERR_PARSE_ARGS'))) {
    const help = commands.some((c) => c.name === first) ? `inject-istio-sidecar ${first} --help` : 'inject-istio-sidecar --help';
    await write(io.stderr, `error: ${e.message}\nRun '${help}' for usage.\n`);
    return EXIT_USAGE;
  }
  if (err instanceof YamlInputError || err instanceof InputError || err instanceof ConfigError || err instanceof OutputError || err instanceof HeapLimitError) {
    await write(io.stderr, `error: ${e.message}\n`);
    return EXIT_ERROR;
  }
  const detail = io.env.INJECT_ISTIO_SIDECAR_DEBUG ? `\n${e.stack ?? ''}` : '';
  const hint = detail ? '' : ' (this is a bug: please report it with the input that caused it; INJECT_ISTIO_SIDECAR_DEBUG=1 shows where it happened)';
  await write(io.stderr, `error: internal error: ${String(e?.message ?? err).split('\n')[0]}${hint}${detail}\n`);
  return EXIT_ERROR;
}

/** The KRM and plugin faces have no flags of their own: the operator's environment sets the bounds. */
function environmentLimits(io: CommandIO): InputLimits {
  return resolveLimits(io.env, {}, (what, value) => new UsageError(`${what} expects a positive number (suffix Ki, Mi or Gi allowed), not "${value}"`));
}

async function readStdin(io: CommandIO, limits: InputLimits): Promise<string> {
  try {
    return await readStreamBounded(io.stdin, limits.maxInputBytes, '<stdin>');
  } catch (err) {
    if (err instanceof InputTooLargeError) throw new InputError(`${err.message.replace('--max-input-bytes', 'INJECT_ISTIO_SIDECAR_MAX_INPUT_BYTES')}`);
    throw err;
  }
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

function processIO(): CommandIO {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}
