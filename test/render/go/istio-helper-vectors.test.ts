// The istio-helpers vectors of the shared corpus (written for Istio's helpers, outputs from real Go),
// rendered through the vector script with our engine, Sprig and Istio's helpers.
import test from 'ava';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..', '..', '..');
const vectors = join(repo, '..', 'shared', 'conformance', 'gotemplate', 'istio-helpers.jsonl');

interface Vector { id: string; template: string; data: unknown; output?: string; error?: string }

if (!existsSync(vectors)) {
  test('istio-helpers vectors (skipped: ../shared/conformance/gotemplate is not present)', (t) => t.pass());
} else {
  test('every istio-helpers vector renders as Go does', async (t) => {
    const script = await import(pathToFileURL(join(repo, 'scripts', 'render-go-template-vectors.js')).href);
    const funcs = await script.vectorFuncs();
    const lines = readFileSync(vectors, 'utf8').split('\n').filter((l) => l.trim() !== '');
    t.is(lines.length, 69);
    const failures: string[] = [];
    for (const line of lines) {
      const vec = JSON.parse(line) as Vector;
      const got = (await script.renderVector(funcs, vec)) as { output?: string; error?: string };
      const ok = vec.output !== undefined ? got.error === undefined && got.output === vec.output : got.error !== undefined && !got.error.startsWith('internal error');
      if (!ok) failures.push(`${vec.id}: want ${JSON.stringify(vec.output ?? vec.error)}, got ${JSON.stringify(got.output ?? got.error)}`);
    }
    t.deepEqual(failures, []);
  });
}
