// Paths that come from the input (a function config in the repository) resolve inside the working
// directory only: no absolute path, no `..` out of it, no symlink whose target leaves it, and only
// regular files. Paths given on the command line are the operator's and are not confined.
import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

export class PathRefusedError extends Error {
  constructor(readonly display: string, reason: string) {
    super(`${display}: ${reason}`);
    this.name = 'PathRefusedError';
  }
}

/** True when `path` (already absolute) is `root` or below it. */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The real path of `path` (relative to `root`), or PathRefusedError saying why it may not be read. */
export function confinedPath(root: string, path: string): string {
  if (isAbsolute(path)) throw new PathRefusedError(path, 'absolute paths are not allowed in a function config (give a path inside the working directory, or use the command-line flag)');
  const lexical = resolve(root, path);
  if (!isInside(root, lexical)) throw new PathRefusedError(path, 'the path leaves the working directory');
  let real: string;
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
    real = realpathSync(lexical);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new PathRefusedError(path, code === 'ENOENT' ? 'no such file' : code === 'ELOOP' ? 'symlink loop' : (err as Error).message);
  }
  if (!isInside(realRoot, real)) throw new PathRefusedError(path, 'a symlink on the path leads outside the working directory');
  if (!statSync(real).isFile()) throw new PathRefusedError(path, 'not a regular file');
  return real;
}
