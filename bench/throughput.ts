// The function and `inject -f` on large inputs next to three floors run in the same session,
// alternating: js-yaml load+dump, `yaml` parse+stringify and a plain stdin-to-stdout copy.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alternate, measure, ratio, type Summary } from './measure.js';
import { asResourceList, asStream, syntheticObjects } from './generate-resource-list.js';
import { realisticObjects } from './generate-realistic-mix.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = `${root}bin/inject-istio-sidecar.js`;
const floor = (name: string) => fileURLToPath(new URL(`./floors/${name}.js`, import.meta.url));

interface Input {
  label: string;
  file: string;
  bytes: number;
  /** Arguments of the tool for this input (stdin is the file). */
  args: string[];
  runs: number;
}

function inputs(dir: string): Input[] {
  const out: Input[] = [];
  const add = (label: string, name: string, text: string, args: string[], runs: number) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    out.push({ label, file, bytes: Buffer.byteLength(text), args: args.map((a) => (a === '$FILE' ? file : a)), runs });
  };
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const only = process.env.BENCH_ONLY;
  const want = (key: string) => !only || only.split(',').includes(key);
  if (want('1k')) add('ResourceList 1k Deployments + 1k Services', 'list-1k.yaml', asResourceList(syntheticObjects(1000)), [bin], runs + 2);
  const synthetic10k = want('10k') || want('stream') ? syntheticObjects(10000) : [];
  if (want('10k')) add('ResourceList 10k Deployments + 10k Services', 'list-10k.yaml', asResourceList(synthetic10k), [bin], runs);
  const mix = want('mix') || want('mix-stream') ? realisticObjects() : [];
  if (want('mix')) add(`ResourceList realistic mix (${mix.length} items)`, 'mix.yaml', asResourceList(mix), [bin], runs);
  if (want('stream')) add('inject -f: stream 10k + 10k', 'stream-10k.yaml', asStream(synthetic10k), [bin, 'inject', '-q', '-f', '$FILE'], runs);
  if (want('mix-stream')) add(`inject -f: realistic mix stream (${mix.length} docs)`, 'mix-stream.yaml', asStream(mix), [bin, 'inject', '-q', '-f', '$FILE'], runs);
  return out;
}

export function benchThroughput(): void {
  const dir = mkdtempSync(join(tmpdir(), 'iis-bench-'));
  console.log('Throughput: CPU = user+sys of the whole process (start-up included), medians of alternating runs; RSS = peak');
  console.log('| input | MB | tool CPU | / js-yaml | / yaml | / copy | tool RSS | / js-yaml RSS | js-yaml CPU | yaml CPU | copy CPU | js-yaml RSS |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const input of inputs(dir)) {
    const r: Record<string, Summary> = alternate({
      tool: () => measure(input.args, input.file),
      jsyaml: () => measure([floor('js-yaml-floor')], input.file),
      yaml: () => measure([floor('yaml-floor')], input.file),
      copy: () => measure([floor('copy-floor')], input.file),
    }, input.runs);
    const ms = (x: number) => `${x.toFixed(0)} ms`;
    const mib = (x: number) => `${x.toFixed(0)} MiB`;
    const { tool, jsyaml, yaml, copy } = r as Record<'tool' | 'jsyaml' | 'yaml' | 'copy', Summary>;
    console.log(`| ${input.label} | ${(input.bytes / 1e6).toFixed(1)} | ${ms(tool.cpuMs)} | ${ratio(tool.cpuMs, jsyaml.cpuMs)} | ${ratio(tool.cpuMs, yaml.cpuMs)} | ${ratio(tool.cpuMs, copy.cpuMs)} | ${mib(tool.rssMiB)} | ${ratio(tool.rssMiB, jsyaml.rssMiB)} | ${ms(jsyaml.cpuMs)} | ${ms(yaml.cpuMs)} | ${ms(copy.cpuMs)} | ${mib(jsyaml.rssMiB)} |`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) benchThroughput();
