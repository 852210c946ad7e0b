// Finding 9: a stream whose documents need more heap than node has ends with a clear error, never with
// V8's out-of-memory abort (exit 134). Many small injected workloads fill the heap long before the input
// size bound (which is about the heap over 14 bytes per input byte) is reached.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MAIN = new URL('../../src/cli/main.js', import.meta.url).href;

test('30,000 small Deployments under a 96 MB heap: a clear error naming the input and what to do, exit 1', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'iis-heap-'));
  const deployment = (i: number) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w${i}, namespace: shop}\nspec:\n  template:\n    spec:\n      containers:\n      - {name: web, image: nginx}\n`;
  writeFileSync(join(dir, 'many.yaml'), Array.from({ length: 30_000 }, (_, i) => deployment(i)).join('---\n'));
  const script = `const { main } = await import(${JSON.stringify(MAIN)}); process.exitCode = await main(['inject', '-q', '--selector', 'all', '-f', 'many.yaml', '-o', 'out.yaml']);`;
  const r = spawnSync(process.execPath, ['--max-old-space-size=96', '--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  t.false(r.stderr.includes('FATAL ERROR'), 'no V8 out-of-memory abort');
  t.is(r.status, 1, r.stderr.slice(0, 500));
  t.is(r.stderr, "error: many.yaml: not enough memory to process this input within node's heap (--max-old-space-size 96 MiB): split the input, lower --max-documents, or give node more with NODE_OPTIONS=--max-old-space-size=MB\n");
  t.is(r.stdout, '');
});
