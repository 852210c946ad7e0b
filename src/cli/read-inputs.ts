// Collects the YAML inputs of `inject`/`check`: files, directories (recursively, *.yaml|*.yml in
// name order, dot-folders skipped) and `-` for stdin. A file named on the command line may be anything
// readable (a FIFO from `<(...)` included); what a directory walk finds is repository content, so it
// reads regular files only, skips symlinks that leave the directory (with a warning) and refuses
// devices, FIFOs and sockets. Every read is bounded by the run's input limit.
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { UsageError, type CommandIO } from './command.js';
import { readFileBounded, readStreamBounded } from '../files/read-bounded.js';
import { DEFAULT_LIMITS, InputTooLargeError, type InputLimits } from '../files/input-limits.js';
import { isInside } from '../files/confined-path.js';
import type { Result } from '../process/result.js';

export interface InputFile {
  /** As the user should see it: relative to the working directory, or `<stdin>`. */
  display: string;
  /** Absolute path, or undefined for stdin. */
  path?: string;
  text: string;
}

export interface ReadInputs {
  files: InputFile[];
  /** Entries of a directory walk that were skipped, as sentences naming them. */
  warnings: string[];
}

export async function readInputs(specs: readonly string[], io: CommandIO, limits: InputLimits = DEFAULT_LIMITS): Promise<ReadInputs> {
  if (specs.length === 0) throw new UsageError('no input: give -f FILE, -f DIR or -f - (stdin)');
  const files: InputFile[] = [];
  const warnings: string[] = [];
  let stdinUsed = false;
  let budget = limits.maxInputBytes;
  const take = (display: string, text: string): string => {
    budget -= Buffer.byteLength(text);
    if (budget < 0) throw new InputError(`${display}: the inputs together are larger than ${limits.maxInputBytes} bytes (raise it with --max-input-bytes)`);
    return text;
  };
  const read = (display: string, fn: () => string): string => {
    try {
      return take(display, fn());
    } catch (err) {
      if (err instanceof InputError) throw err;
      if (err instanceof InputTooLargeError) throw new InputError(err.message);
      throw new InputError(`${display}: ${reason(err)}`);
    }
  };
  for (const spec of specs) {
    if (spec === '-') {
      if (stdinUsed) throw new UsageError('-f - (stdin) can be given once');
      stdinUsed = true;
      let text: string;
      try {
        text = await readStreamBounded(io.stdin, budget, '<stdin>');
      } catch (err) {
        throw new InputError(err instanceof InputTooLargeError ? `<stdin>: input larger than ${limits.maxInputBytes} bytes (raise it with --max-input-bytes)` : `<stdin>: ${reason(err)}`);
      }
      files.push({ display: '<stdin>', text: take('<stdin>', text) });
      continue;
    }
    const abs = resolve(io.cwd, spec);
    let isDir: boolean;
    try {
      isDir = statSync(abs).isDirectory();
    } catch (err) {
      throw new InputError(`${spec}: ${reason(err)}`);
    }
    if (!isDir) {
      files.push({ display: spec, path: abs, text: read(spec, () => readFileBounded(abs, budget, spec)) });
      continue;
    }
    for (const entry of yamlFilesUnder(abs, spec, warnings)) {
      // Named as the user named it: the argument itself joined with the path below it.
      const display = join(spec, relative(abs, entry));
      files.push({ display, path: entry, text: read(display, () => readFileBounded(entry, budget, display)) });
    }
  }
  return { files, warnings };
}

/** The skipped entries of a walk as warning results of the report. */
export function skippedInputResults(warnings: readonly string[]): Result[] {
  return warnings.map((message) => ({ severity: 'warning', message, tags: { reason: 'skipped/input' } }));
}

/** A file that cannot be read: exit 1 (it is the input that is wrong, not the command line). */
export class InputError extends Error {}

function yamlFilesUnder(dir: string, spec: string, warnings: string[]): string[] {
  const root = realpathSync(dir);
  const found: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith('.')) continue;
      const p = join(d, entry.name);
      const display = join(spec, relative(dir, p));
      if (entry.isDirectory()) {
        walk(p);
        continue;
      }
      if (!/\.ya?ml$/i.test(entry.name)) continue;
      if (entry.isSymbolicLink()) {
        let target: string;
        try {
          target = realpathSync(p);
        } catch {
          warnings.push(`${display}: skipped, a symlink whose target does not exist`);
          continue;
        }
        if (!isInside(root, target)) {
          warnings.push(`${display}: skipped, a symlink that leads outside ${spec}`);
          continue;
        }
        if (!statSync(target).isFile()) throw new InputError(`${display}: not a regular file (a symlink to a ${kindOf(target)})`);
        found.push(p);
        continue;
      }
      if (!entry.isFile()) throw new InputError(`${display}: not a regular file (a ${kindOf(p)})`);
      found.push(p);
    }
  };
  walk(dir);
  return found;
}

function kindOf(path: string): string {
  const s = lstatSync(path);
  if (s.isFIFO()) return 'FIFO';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'device';
  if (s.isSocket()) return 'socket';
  if (s.isDirectory()) return 'directory';
  return 'special file';
}

function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return (err as Error).message;
}
