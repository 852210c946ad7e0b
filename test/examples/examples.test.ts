// Runs every examples/<name>/ package twice through its `.expected/exec.sh` and compares stdout,
// the change to the package's files, kpt's results and the exit code with `.expected/`
// (see harness.ts). Examples needing kpt, kubectl or pre-commit are skipped with the reason when the
// tool is absent, and fail in CI.
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { examplesDir } from '../e2e/paths.js';
import { testWithTools } from '../e2e/tools.js';
import {
  copyExample, makeBinDir, readExampleConfig, readExpected, runCli, runExampleOnce, writeExpected, type RunOutcome,
} from './harness.js';

const update = process.env.UPDATE_EXPECTED === '1';
const names = readdirSync(examplesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(examplesDir, d.name, '.expected/config.yaml')))
  .map((d) => d.name)
  .sort();

for (const name of names) {
  const exampleDir = join(examplesDir, name);
  const config = readExampleConfig(exampleDir);
  testWithTools(`examples/${name}: output, file changes, results and exit code match .expected/, twice`, config.requires, (t) => {
    const binDir = makeBinDir();
    const pkg = copyExample(exampleDir);
    const first = runExampleOnce(exampleDir, pkg, binDir);
    if (first.exitCode !== config.exitCode) t.log(`stderr of the first run:\n${first.stderr}`);
    // Second run in the same, already processed copy: nothing more may change.
    const second = runExampleOnce(exampleDir, pkg, binDir);
    if (update) writeExpected(exampleDir, first, second);

    const check = (run: RunOutcome, which: 'first' | 'second') => {
      t.is(run.exitCode, config.exitCode, `${which} run: exit code`);
      t.is(run.stdout, readExpected(exampleDir, 'stdout.yaml') ?? '', `${which} run: stdout vs .expected/stdout.yaml`);
      t.is(run.diff, readExpected(exampleDir, 'diff.patch') ?? '', `${which} run: package changes vs .expected/diff.patch`);
      const rerun = (file: string, ext: string) => (which === 'second' ? readExpected(exampleDir, `${file}-rerun.${ext}`) : undefined);
      const results = rerun('results', 'yaml') ?? readExpected(exampleDir, 'results.yaml');
      if (results !== undefined) t.is(run.results, results, `${which} run: kpt results vs .expected/results${which === 'second' ? '(-rerun)' : ''}.yaml`);
      const stderr = rerun('stderr', 'txt') ?? readExpected(exampleDir, 'stderr.txt');
      if (stderr !== undefined) t.is(run.stderr, stderr, `${which} run: stderr vs .expected/stderr${which === 'second' ? '(-rerun)' : ''}.txt`);
    };
    check(first, 'first');
    check(second, 'second');
    if (readExpected(exampleDir, 'results-rerun.yaml') !== undefined) {
      t.notRegex(second.results ?? '', /reason: (injected|reinjected)\b/, 'the second run has nothing left to inject');
    }

    if (config.reinject) {
      const again = runCli(config.reinject, first.stdout, pkg, binDir);
      t.is(again.status, 0, `re-injecting the output failed: ${again.stderr}`);
      t.is(again.stdout, first.stdout, 'injecting the injected output again changes nothing');
    }
  });
}
