// `npm run demo` (the README's first command) must print exactly examples/quickstart's expected
// output. The build step of the script is left out: the tests run on an already built tree.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../e2e/paths.js';

test('npm run demo prints the injected examples/quickstart/resources.yaml (= .expected/stdout.yaml)', (t) => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const demo = pkg.scripts.demo!;
  const steps = demo.split('&&').map((s) => s.trim());
  t.regex(steps[0]!, /^npm run build\b/, 'the demo builds first');
  const command = steps.slice(1).join(' && ');
  t.true(command.includes('examples/quickstart/resources.yaml'), `the demo runs on the quickstart example: ${command}`);
  const r = spawnSync('sh', ['-c', command], { cwd: repoRoot, encoding: 'utf8' });
  t.is(r.status, 0, r.stderr);
  t.is(r.stdout, readFileSync(join(repoRoot, 'examples/quickstart/.expected/stdout.yaml'), 'utf8'));
});
