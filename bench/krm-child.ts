// One measured run in a fresh process (so peak RSS is this run's alone): either the KRM function
// on the input file, or the floor (parse + stringify of the same input with `yaml` alone).
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { runFunction } from '../src/krm/run-function.js';

const [mode, file] = process.argv.slice(2);
const input = readFileSync(file!, 'utf8');
const start = process.hrtime.bigint();
let bytes: number;
if (mode === 'floor') {
  bytes = parseDocument(input).toString({ lineWidth: 0 }).length;
} else {
  const run = runFunction(input, process.cwd());
  if (run.output === undefined) throw new Error(`function failed: ${run.results.find((r) => r.severity === 'error')?.message}`);
  bytes = run.output.length;
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
process.stdout.write(JSON.stringify({ ms, maxRssMiB: process.resourceUsage().maxRSS / 1024, bytes }));
