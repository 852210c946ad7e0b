// Shared fixtures of the hardening regression tests: a workdir builder and a Deployment every
// workload-level test starts from.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';
import { parse as parseYaml } from 'yaml';
import { runCli, type CliRun } from '../../src/cli/run-inject.js';

export function workdir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'iis-hard-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** A Deployment in namespace shop; `podMeta` is inserted (already indented by 6) under the pod template's metadata. */
export function deployment(podMeta = '', container = ''): string {
  return deploymentWithSpec(`      containers:
        - name: web
          image: nginx
${container}`, podMeta);
}

/** The same Deployment with `spec` (indented by 6) as its pod spec. */
export function deploymentWithSpec(spec: string, podMeta = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
${podMeta}      labels:
        app: web
    spec:
${spec}`;
}

export function inject(args: string[], io: { stdin?: string; cwd?: string } = {}): Promise<CliRun> {
  return runCli(['inject', '--selector', 'all', ...args], io);
}

export function check(args: string[], io: { stdin?: string; cwd?: string } = {}): Promise<CliRun> {
  return runCli(['check', '--selector', 'all', ...args], io);
}

/** No V8 stack frame, no "internal error". */
export function isCleanError(stderr: string): boolean {
  return !/\n\s+at .+:\d+:\d+\)?/.test(stderr) && !stderr.includes('internal error');
}

interface KrmResult {
  message: string;
  severity: string;
  tags?: Record<string, string>;
  field?: { path: string };
}

/**
 * A failing KRM function run (issue 11's rule): exit 1, stdout is the input ResourceList byte for byte
 * (items unchanged) followed by every result, stderr one summary line. Returns the error results.
 */
export function krmFailure(t: ExecutionContext, run: CliRun, input: string): KrmResult[] {
  t.is(run.exitCode, 1, run.stderr);
  t.true(run.stdout.startsWith(input), 'the input comes back unchanged before the results');
  t.regex(run.stderr, /^inject-istio-sidecar: failed: \d+ errors?, \d+ warnings?; [^\n]*\n$/);
  const out = parseYaml(run.stdout) as { results?: KrmResult[] };
  const errors = (out.results ?? []).filter((r) => r.severity === 'error');
  t.true(errors.length > 0, 'an error result');
  return errors;
}
