// Output files are replaced atomically: written beside the target, then renamed over it, so an
// error or a crash never leaves a truncated manifest (or truncates the input when -o names it).
import { renameSync, writeFileSync, unlinkSync, statSync, chmodSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';

export function writeFileAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  let mode: number | undefined;
  try {
    mode = statSync(path).mode & 0o777;
  } catch {
    mode = undefined;
  }
  try {
    writeFileSync(tmp, text);
    if (mode !== undefined) chmodSync(tmp, mode);
    renameSync(tmp, path);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      /* the temporary file may not exist */
    }
    throw err;
  }
}
