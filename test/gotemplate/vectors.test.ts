// The Go text/template vectors (produced by real Go 1.19 + Sprig 3.2.3) through the vector runner
// script. Each file has a floor of passing vectors (and of error messages identical to Go's) that must
// not go down; failures are printed.
import test from 'ava';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..', '..');
const VECTORS = join(repo, '..', 'shared', 'conformance', 'gotemplate');

/** Current figures: raise them when the engine or a function library gets better. */
const FLOORS: Record<string, { pass: number; exactErrors: number }> = {
  'go-exec.jsonl': { pass: 642, exactErrors: 188 },
  'sprig.jsonl': { pass: 420, exactErrors: 17 },
  'istio-helpers.jsonl': { pass: 69, exactErrors: 9 },
};

interface Vector {
  id: string;
  template: string;
  data: unknown;
  output?: string;
  error?: string;
}
interface Answer {
  id: string;
  output?: string;
  error?: string;
}
interface Runner {
  vectorFuncs(): Promise<unknown>;
  renderVector(funcs: unknown, v: Vector): Promise<Answer>;
}

const available = existsSync(join(VECTORS, 'go-exec.jsonl'));

for (const [file, floor] of Object.entries(FLOORS)) {
  const title = `gotemplate vectors: ${file} pass >= ${floor.pass}, exact error messages >= ${floor.exactErrors}`;
  if (!available) {
    test.skip(`${title} (skipped: ${VECTORS} is absent)`, () => {});
    continue;
  }
  test(title, async (t) => {
    const runner = (await import(pathToFileURL(join(repo, 'scripts', 'render-go-template-vectors.js')).href)) as Runner;
    const funcs = await runner.vectorFuncs();
    const vectors = readFileSync(join(VECTORS, file), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Vector);
    let pass = 0;
    let exact = 0;
    const failures: string[] = [];
    const inexact: string[] = [];
    for (const v of vectors) {
      const got = await runner.renderVector(funcs, v);
      if (v.error !== undefined) {
        if (got.error !== undefined) {
          pass++;
          if (got.error === v.error) exact++;
          else inexact.push(`${v.id}\n    want ${v.error}\n    got  ${got.error}`);
        } else failures.push(`${v.id}: want error ${JSON.stringify(v.error)}, got output ${JSON.stringify(got.output)}`);
      } else if (got.output === v.output) pass++;
      else failures.push(`${v.id}: want ${JSON.stringify(v.output)}, got ${got.error !== undefined ? 'error ' + JSON.stringify(got.error) : JSON.stringify(got.output)}`);
    }
    t.log(`${file}: ${pass}/${vectors.length} pass, ${exact}/${vectors.filter((v) => v.error !== undefined).length} error messages identical to Go's`);
    for (const f of failures.slice(0, 30)) t.log('FAIL ' + f);
    for (const f of inexact.slice(0, 10)) t.log('MESSAGE ' + f);
    t.true(pass >= floor.pass, `${file}: ${pass} pass, floor ${floor.pass}`);
    t.true(exact >= floor.exactErrors, `${file}: ${exact} exact error messages, floor ${floor.exactErrors}`);
  });
}
