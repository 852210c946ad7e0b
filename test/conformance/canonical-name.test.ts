// The canonical-name label at its edges (names cut at 63 bytes, trailing "-" or "."), built-in templates
// against Istio 1.30.3's own templates executed by the Go engine: released Istio trims one trailing "-"
// after `trunc 63` in the sidecar template and does not truncate in grpc-agent; a label Kubernetes
// would reject is a located error on both paths, never a pod that the next run derives differently.
import test from 'ava';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED } from '../corpus.js';
import { skippedForAbsentCorpus } from '../corpus.js';
import { runCli } from '../../src/cli/run-inject.js';

const setups = join(SHARED, 'conformance', 'istio-versions', '1.30.3', 'setups');

function workload(name: string, templates?: string): string {
  const annotations = templates ? `      annotations:\n        inject.istio.io/templates: ${templates}\n` : '';
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  template:\n    metadata:\n${annotations}      labels:\n        team: x\n    spec:\n      containers:\n      - name: app\n        image: nginx\n`;
}

const a = (n: number) => 'a'.repeat(n);
const CASES = [
  { name: a(62) + '-bcd', expect: a(62) },
  { name: a(61) + '--bcd', expect: undefined }, // cut to "a…a--", one "-" trimmed: "a…a-" is rejected
  { name: a(62) + '.bcd', expect: undefined }, // cut to "a…a.": released Istio trims only "-"
  { name: a(70), expect: a(63) },
  { name: a(70), templates: 'grpc-agent', expect: undefined }, // grpc-agent does not truncate
  { name: 'web', templates: 'grpc-agent', expect: 'web' },
];

if (!existsSync(setups)) {
  skippedForAbsentCorpus('canonical-name edges: built-ins against Istio 1.30.3 templates', setups);
} else {
  for (const c of CASES) {
    test(`canonical-name of ${c.name.length}-character name ${c.name.slice(58)}${c.templates ? ` (${c.templates})` : ''}: built-in = Istio 1.30.3`, async (t) => {
      const input = workload(c.name, c.templates);
      const builtin = await runCli(['inject', '-q', '--selector', 'all', '-f', '-'], { stdin: input });
      const istio = await runCli(['inject', '-q', '--selector', 'all', '--injectConfigFile', join(setups, 'default.config.yaml'),
        '--valuesFile', join(setups, 'default.values.json'), '-f', '-'], { stdin: input });
      t.is(builtin.exitCode, istio.exitCode, `${builtin.stderr}\n${istio.stderr}`);
      if (c.expect === undefined) {
        t.is(builtin.exitCode, 1);
        t.regex(builtin.stderr, /\[error\/invalid-label\]: injection sets label service\.istio\.io\/canonical-name to /);
        t.regex(istio.stderr, /\[error\/invalid-label\]: injection sets label service\.istio\.io\/canonical-name to /);
      } else {
        t.is(builtin.exitCode, 0, builtin.stderr);
        const label = (out: string) => /service\.istio\.io\/canonical-name: (\S+)/.exec(out)?.[1];
        t.is(label(builtin.stdout), c.expect);
        t.is(label(istio.stdout), c.expect);
      }
    });
  }
}

test('master trims "-", "_" and "." at both ends after the cut', async (t) => {
  const run = await runCli(['inject', '-q', '--selector', 'all', '--istio-version', 'master', '-f', '-'], { stdin: workload(a(62) + '.bcd') });
  t.is(run.exitCode, 0, run.stderr);
  t.true(run.stdout.includes(`service.istio.io/canonical-name: ${a(62)}\n`));
});
