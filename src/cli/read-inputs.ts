// Collects the YAML inputs of `inject`/`check`: files, directories (recursively, *.yaml|*.yml in
// name order, dot-folders skipped) and `-` for stdin.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { readAll, UsageError, type CommandIO } from './command.js';

export interface InputFile {
  /** As the user should see it: relative to the working directory, or `<stdin>`. */
  display: string;
  /** Absolute path, or undefined for stdin. */
  path?: string;
  text: string;
}

export async function readInputs(specs: readonly string[], io: CommandIO): Promise<InputFile[]> {
  if (specs.length === 0) throw new UsageError('no input: give -f FILE, -f DIR or -f - (stdin)');
  const out: InputFile[] = [];
  let stdinUsed = false;
  for (const spec of specs) {
    if (spec === '-') {
      if (stdinUsed) throw new UsageError('-f - (stdin) can be given once');
      stdinUsed = true;
      out.push({ display: '<stdin>', text: await readAll(io.stdin) });
      continue;
    }
    const abs = resolve(io.cwd, spec);
    let isDir: boolean;
    try {
      isDir = statSync(abs).isDirectory();
    } catch (err) {
      throw new InputError(`${spec}: ${reason(err)}`);
    }
    const files = isDir ? yamlFilesUnder(abs) : [abs];
    for (const file of files) {
      // Named as the user named it: the argument itself, or the argument joined with the path below it.
      const display = isDir ? join(spec, relative(abs, file)) : spec;
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        throw new InputError(`${display}: ${reason(err)}`);
      }
      out.push({ display, path: file, text });
    }
  }
  return out;
}

/** A file that cannot be read: exit 1 (it is the input that is wrong, not the command line). */
export class InputError extends Error {}

function yamlFilesUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith('.')) continue;
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.ya?ml$/i.test(entry.name)) found.push(p);
    }
  };
  walk(dir);
  return found;
}

function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return (err as Error).message;
}
