// Output files are replaced atomically: written beside the target, then renamed over it, so an
// error or a crash never leaves a truncated manifest (or truncates the input when -o names it).
// A symlink is written through (its target is replaced, the link stays a link); a read-only target is
// refused unless forced; a device or FIFO (`-o /dev/stdout`) is written directly, never replaced.
// Several files are written as a group: every temporary first, renames only when all succeeded.
import { chmodSync, closeSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, writeFileSync, accessSync, constants } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface WriteTarget {
  /** Absolute path as given (may be a symlink). */
  path: string;
  /** How the user named it, for messages. */
  display: string;
  text: string;
}

/** A write that failed: names the file and the reason; exit 1. */
export class OutputError extends Error {
  constructor(display: string, reason: string) {
    super(`${display}: cannot write: ${reason}`);
    this.name = 'OutputError';
  }
}

interface Prepared {
  target: WriteTarget;
  /** The file the text ends up in (the symlink's target). */
  real: string;
  tmp?: string;
}

export function writeFileAtomic(path: string, text: string, options: { force?: boolean; display?: string } = {}): void {
  writeFilesAtomic([{ path, display: options.display ?? path, text }], options);
}

/** Writes every target or none of them (as far as the file system allows: renames are the last step). */
export function writeFilesAtomic(targets: readonly WriteTarget[], options: { force?: boolean } = {}): void {
  const prepared: Prepared[] = [];
  try {
    for (const target of targets) prepared.push(prepare(target, options.force === true));
  } catch (err) {
    for (const p of prepared) removeQuietly(p.tmp);
    throw err;
  }
  for (const p of prepared) {
    if (p.tmp === undefined) {
      writeDirect(p);
      continue;
    }
    try {
      renameSync(p.tmp, p.real);
    } catch (err) {
      removeQuietly(p.tmp);
      throw new OutputError(p.target.display, describe(err));
    }
  }
}

function prepare(target: WriteTarget, force: boolean): Prepared {
  let real = target.path;
  try {
    real = realpathSync(target.path);
  } catch {
    // A new file (or a dangling link): written where it is named.
  }
  let mode: number | undefined;
  try {
    const st = statSync(real);
    if (!st.isFile()) return { target, real };
    mode = st.mode & 0o7777;
    if (!force && !writable(real)) throw new OutputError(target.display, 'the file is read-only (give --force to replace it anyway)');
  } catch (err) {
    if (err instanceof OutputError) throw err;
    mode = undefined;
  }
  const tmp = join(dirname(real), `.${basename(real)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const fd = openSync(tmp, 'wx', 0o600);
    try {
      writeAll(fd, target.text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (mode !== undefined) chmodSync(tmp, mode);
    else chmodSync(tmp, 0o666 & ~process.umask());
  } catch (err) {
    removeQuietly(tmp);
    throw new OutputError(target.display, describe(err));
  }
  return { target, real, tmp };
}

function writable(path: string): boolean {
  // root may write anything; the file's own mode is what the owner asked for.
  if ((statSync(path).mode & 0o222) === 0) return false;
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function writeDirect(p: Prepared): void {
  try {
    writeFileSync(p.real, p.target.text);
  } catch (err) {
    throw new OutputError(p.target.display, describe(err));
  }
}

function writeAll(fd: number, text: string): void {
  const buf = Buffer.from(text);
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
}

function removeQuietly(path: string | undefined): void {
  if (path === undefined) return;
  try {
    unlinkSync(path);
  } catch {
    /* the temporary file may not exist */
  }
}

function describe(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return 'no space left on device';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'read-only file system';
  if (code === 'ENOENT') return 'no such directory';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EDQUOT') return 'disk quota exceeded';
  return (err as Error).message;
}
