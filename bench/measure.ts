// One measured process: wall time, CPU time (user+sys of the child, from the kernel's rusage via
// bash's `times`, millisecond resolution) and peak RSS (GNU time's %M). Both wrappers add nothing
// to the child's own CPU or RSS, so a floor and the tool are measured alike.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Sample {
  wallMs: number;
  cpuMs: number;
  rssMiB: number;
}

const WRAPPER = 'f=$1; shift; /usr/bin/time -f %M -o "$f" "$@" <"$BENCH_IN" >"$BENCH_OUT" 2>"$BENCH_ERR"; rc=$?; times; exit $rc';
const scratch = mkdtempSync(join(tmpdir(), 'iis-measure-'));

/** Runs `node args...` with stdin from `stdinFile` (or /dev/null) and stdout to `stdoutFile` (or /dev/null). */
export function measure(args: readonly string[], stdinFile = '/dev/null', stdoutFile = '/dev/null'): Sample {
  const rssFile = join(scratch, 'rss');
  const errFile = join(scratch, 'stderr');
  const start = process.hrtime.bigint();
  const r = spawnSync('bash', ['-c', WRAPPER, 'bash', rssFile, process.execPath, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', BENCH_IN: stdinFile, BENCH_OUT: stdoutFile, BENCH_ERR: errFile },
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) {
    const stderr = readFileSync(errFile, 'utf8').split('\n').slice(-5).join(' ');
    throw new Error(`node ${args.join(' ')} exited ${r.status}: ${stderr}`);
  }
  // `times` prints the shell's own times, then its children's: "0m0.030s 0m0.010s".
  const childLine = r.stdout.trim().split('\n').pop() ?? '';
  const [user, sys] = childLine.split(/\s+/).map(seconds);
  const rssKiB = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
  rmSync(rssFile, { force: true });
  return { wallMs, cpuMs: (user! + sys!) * 1000, rssMiB: rssKiB / 1024 };
}

function seconds(text: string): number {
  const m = /^(\d+)m([\d.]+)s$/.exec(text);
  if (!m) throw new Error(`unexpected output of times: ${text}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface Summary {
  cpuMs: number;
  wallMs: number;
  rssMiB: number;
}

/**
 * Runs every variant `runs` times, alternating (A B C A B C ...) so a neighbour's load hits every
 * variant alike, after one warm-up round (file cache). Medians of CPU and wall, peak RSS the median too.
 */
export function alternate(variants: Record<string, () => Sample>, runs: number): Record<string, Summary> {
  const samples: Record<string, Sample[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (const run of Object.values(variants)) run();
  for (let i = 0; i < runs; i++) for (const [name, run] of Object.entries(variants)) samples[name]!.push(run());
  const out: Record<string, Summary> = {};
  for (const [name, xs] of Object.entries(samples)) {
    out[name] = { cpuMs: median(xs.map((x) => x.cpuMs)), wallMs: median(xs.map((x) => x.wallMs)), rssMiB: median(xs.map((x) => x.rssMiB)) };
  }
  return out;
}

export function ratio(a: number, b: number): string {
  return b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a';
}
