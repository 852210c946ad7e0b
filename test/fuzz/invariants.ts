// The properties every input must satisfy, as functions that return the first violation (or undefined).
import { isDeepStrictEqual } from 'node:util';
import { parseAllDocuments, stringify } from 'yaml';
import { runCli, type CliRun } from '../../src/cli/run-inject.js';
import { untouchedLineViolations } from '../yaml/untouched-lines.js';

const STACK_FRAME = /\n\s+at .+[:(]\d+:\d+\)?/;

export function cleanRun(what: string, run: CliRun): string | undefined {
  if (![0, 1, 2].includes(run.exitCode)) return `${what}: exit ${run.exitCode}`;
  if (STACK_FRAME.test(run.stderr)) return `${what}: stack trace on stderr: ${run.stderr.slice(0, 400)}`;
  if (run.stderr.includes('internal error')) return `${what}: ${run.stderr.split('\n').find((l) => l.includes('internal error'))}`;
  if (run.exitCode !== 0 && run.stdout !== '') return `${what}: exit ${run.exitCode} with output on stdout`;
  return undefined;
}

/**
 * The KRM function's rule (issue 11): on exit 1 stdout is the input ResourceList unchanged (byte for
 * byte, so its items too) followed by the results, at least one an error; on exit 2 nothing.
 */
export function cleanKrmRun(run: CliRun, input: string): string | undefined {
  if (run.exitCode !== 1) return cleanRun('KRM function', run);
  const rest = cleanRun('KRM function', { ...run, stdout: '' });
  if (rest) return rest;
  if (!run.stdout.startsWith(input)) return `KRM function: exit 1 but stdout does not start with the input ResourceList unchanged:\n${firstDifference(input, run.stdout)}`;
  let out: { results?: { severity?: string }[] } | undefined;
  try {
    out = parseAllDocuments(run.stdout)[0]!.toJS() as typeof out;
  } catch (e) {
    return `KRM function: exit 1 and stdout does not parse: ${(e as Error).message}`;
  }
  if (!out?.results?.some((r) => r.severity === 'error')) return 'KRM function: exit 1 without an error result on stdout';
  return undefined;
}

interface Doc {
  text: string;
  value: unknown;
  /** Offsets of the document in the text given to `documents`. */
  start: number;
  end: number;
}

function documents(text: string): Doc[] | undefined {
  const body = text.replace(/^\uFEFF/, '');
  const docs = parseAllDocuments(body, { merge: true, uniqueKeys: false });
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return undefined;
  try {
    const skip = text.length - body.length;
    return docs.map((d) => ({ text: body.slice(d.range[0], d.range[2]), value: d.toJS({ maxAliasCount: -1 }) as unknown, start: d.range[0] + skip, end: d.range[2] + skip }));
  } catch {
    return undefined;
  }
}

/** Documents whose value did not change come out as the same bytes. */
export function untouchedIdentical(input: string, output: string): string | undefined {
  const before = documents(input);
  const after = documents(output);
  if (!before || !after) return before && !after ? 'output does not parse' : undefined;
  if (before.length !== after.length) return `document count ${before.length} -> ${after.length}`;
  for (let i = 0; i < before.length; i++) {
    if (isDeepStrictEqual(before[i]!.value, after[i]!.value) && before[i]!.text !== after[i]!.text) {
      return `document ${i} has the same value but different bytes:\n${before[i]!.text}\n---- became ----\n${after[i]!.text}`;
    }
  }
  return undefined;
}

export async function injectStream(input: string, selector: string): Promise<CliRun> {
  return runCli(['inject', '-q', '--selector', selector, '-f', '-'], { stdin: input });
}

/** Every document that differs between `a` and `b` is one whose injection from `input` warned that Istio appends a
 *  second ISTIO_KUBE_APP_PROBERS (the warning names the document by its input line). */
export async function onlyWarnedDocumentsDiffer(input: string, selector: string, a: string, b: string): Promise<boolean> {
  const [docsIn, docsA, docsB] = [documents(input), documents(a), documents(b)];
  if (!docsIn || !docsA || !docsB || docsA.length !== docsB.length || docsIn.length !== docsA.length) return false;
  const loud = await runCli(['inject', '--selector', selector, '-f', '-'], { stdin: input });
  const warned = new Set<number>();
  for (const m of loud.stderr.matchAll(/^warning .*\(<stdin>:(\d+)\) \[warning\]: the pod's own istio-proxy container already sets ISTIO_KUBE_APP_PROBERS/gm)) {
    const offset = input.split('\n').slice(0, Number(m[1]) - 1).join('\n').length;
    const at = docsIn.findIndex((d) => d.start <= offset && offset < d.end);
    if (at >= 0) warned.add(at);
  }
  return docsA.every((d, i) => d.text === docsB[i]!.text || warned.has(i));
}

/** inject, then: clean, untouched documents identical, fixpoint, and check agrees. */
export async function streamInvariants(input: string, selector: string): Promise<{ violation?: string; first: CliRun }> {
  const first = await injectStream(input, selector);
  const bad = cleanRun('inject', first);
  if (bad) return { violation: bad, first };
  if (first.exitCode !== 0) return { first };
  const untouched = untouchedIdentical(input, first.stdout);
  if (untouched) return { violation: untouched, first };
  // Finding 12: in changed documents, every line injection does not add or rewrite keeps its bytes.
  const lines = untouchedLineViolations(input, first.stdout);
  if (typeof lines === 'string' || lines.length > 0) {
    return { violation: `untouched lines changed: ${typeof lines === 'string' ? lines : lines.slice(0, 3).map((v) => `doc ${v.document} line ${v.line} ${JSON.stringify(v.text)}`).join('; ')}`, first };
  }
  const second = await injectStream(first.stdout, selector);
  const bad2 = cleanRun('inject (second run)', second);
  if (bad2) return { violation: bad2, first };
  if (second.exitCode !== 0) return { violation: `the second run fails: ${second.stderr}`, first };
  // One input Istio itself does not bring to a fixpoint in one run, and the first run says so: a pod's own
  // istio-proxy that already sets ISTIO_KUBE_APP_PROBERS, with no status annotation, gets a second one appended;
  // re-injecting the result (now with a status) merges them (spec d.5). Only documents the warning names may
  // differ, the next run must be a fixpoint, and check is held to that settled output.
  let settled = first.stdout;
  if (second.stdout !== first.stdout) {
    if (!(await onlyWarnedDocumentsDiffer(input, selector, first.stdout, second.stdout))) {
      return { violation: `not a fixpoint:\n${firstDifference(first.stdout, second.stdout)}`, first };
    }
    const third = await injectStream(second.stdout, selector);
    if (third.exitCode !== 0 || third.stdout !== second.stdout) {
      return { violation: `not a fixpoint after the warned second run:\n${firstDifference(second.stdout, third.stdout)}`, first };
    }
    settled = second.stdout;
  }
  // inject leaves a sidecar the selection no longer wants where it is (with a warning); the strict check
  // (issue 11) calls exactly those `unexpected`, and with --allow-unexpected it passes.
  const check = await runCli(['check', '-q', '--selector', selector, '-f', '-'], { stdin: settled });
  const bad3 = cleanRun('check', check);
  if (bad3) return { violation: bad3, first };
  const failures = check.stderr.split('\n').filter((l) => l.startsWith('error'));
  if (failures.some((l) => !l.includes('[unexpected]'))) return { violation: `check fails on inject's output: ${check.stderr}`, first };
  if (check.exitCode !== 0) {
    const relaxed = await runCli(['check', '-q', '--allow-unexpected', '--selector', selector, '-f', '-'], { stdin: settled });
    if (relaxed.exitCode !== 0) return { violation: `check --allow-unexpected fails on inject's output: ${relaxed.stderr}`, first };
  }
  return { first };
}

/** The KRM function and `inject -f` give the same objects (and both succeed or both fail). */
export async function krmAgrees(objs: readonly unknown[], selector: string, stream: CliRun): Promise<string | undefined> {
  const list = stringify({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', functionConfig: { apiVersion: 'v1', kind: 'ConfigMap', data: { selector } }, items: objs }, { aliasDuplicateObjects: false });
  const krm = await runCli([], { stdin: list });
  const bad = cleanKrmRun(krm, list);
  if (bad) return bad;
  if ((krm.exitCode === 0) !== (stream.exitCode === 0)) return `KRM exit ${krm.exitCode} but inject exit ${stream.exitCode}:\n${krm.stderr}\n${stream.stderr}`;
  if (krm.exitCode !== 0) return undefined;
  const items = (parseAllDocuments(krm.stdout)[0]!.toJS() as { items: unknown[] }).items;
  const docs = documents(stream.stdout)!.map((d) => d.value);
  if (!isDeepStrictEqual(items, docs)) return 'KRM items differ from inject -f documents';
  return undefined;
}

function firstDifference(a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) return `line ${i + 1}: ${JSON.stringify(x[i])} -> ${JSON.stringify(y[i])}`;
  return '';
}
