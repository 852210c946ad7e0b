// TEMPORARY stand-in for `runInject` (src/cli/run-inject.ts) while the CLI is being built: parses
// the documents with `yaml` and calls injectPod per workload pod template, with kube-inject's skips
// (hostNetwork, pod opt-out). Delete once runInject runs end to end.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { buildSettings } from '../../src/config/index.js';
import { InjectError } from '../../src/errors.js';
import { injectPod } from '../../src/inject.js';
import { podIdentity } from '../../src/workloads/pod-identity.js';

const KINDS = new Set(['Pod', 'ReplicationController', 'Deployment', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'StatefulSet', 'DeploymentConfig']);

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function adapterRunInject(args: string[], io: { stdin?: string; cwd?: string }): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const cwd = io.cwd ?? process.cwd();
  const doc = (f: string | undefined) => (f ? { text: readFileSync(resolve(cwd, f), 'utf8'), origin: f } : undefined);
  try {
    const settings = buildSettings({
      injectorConfig: doc(flag(args, '--injectConfigFile')),
      values: doc(flag(args, '--valuesFile')),
      meshConfig: doc(flag(args, '--meshConfigFile')),
      templates: templateFlags(args, cwd),
      nativeSidecars: flag(args, '--native-sidecars') !== 'false',
      compliancePolicy: flag(args, '--compliance-policy') ?? '',
    });
    const file = flag(args, '-f')!;
    const text = file === '-' ? io.stdin ?? '' : readFileSync(resolve(cwd, file), 'utf8');
    const warnings: string[] = [];
    const out: unknown[] = [];
    for (const d of parseAllDocuments(text)) {
      const obj = d.toJS() as any;
      if (obj === null || obj === undefined) continue;
      out.push(processDoc(obj, settings, warnings));
    }
    return { stdout: out.map((o) => stringify(o)).join('---\n'), stderr: warnings.join('\n'), exitCode: 0 };
  } catch (e) {
    if (e instanceof InjectError || (e instanceof Error && e.name === 'ConfigError')) return { stdout: '', stderr: e.message, exitCode: 1 };
    throw e;
  }
}

/** `--template NAME=FILE.ejs`, repeatable. */
function templateFlags(args: string[], cwd: string): Record<string, { source: string; origin: string }> {
  const out: Record<string, { source: string; origin: string }> = {};
  args.forEach((a, i) => {
    if (a !== '--template') return;
    const [name, file] = String(args[i + 1]).split('=');
    out[name!] = { source: readFileSync(resolve(cwd, file!), 'utf8'), origin: file! };
  });
  return out;
}

function processDoc(obj: any, settings: ReturnType<typeof buildSettings>, warnings: string[]): any {
  if (obj.kind === 'List') {
    obj.items = (obj.items ?? []).map((i: any) => processDoc(i, settings, warnings));
    return obj;
  }
  if (!KINDS.has(obj.kind)) return obj;
  const tpl = obj.kind === 'Pod' ? obj : obj.kind === 'CronJob' ? obj.spec.jobTemplate.spec.template : obj.spec.template;
  const pod = { metadata: tpl.metadata ?? {}, spec: tpl.spec ?? {} };
  const name = obj.metadata?.name ?? '';
  const ns = obj.metadata?.namespace ?? '';
  if (pod.spec.hostNetwork) {
    warnings.push(`===> Skipping injection because ${obj.kind} "${ns ? ns + '/' : ''}${name}" has host networking enabled`);
    return obj;
  }
  const choice = pod.metadata.labels?.['sidecar.istio.io/inject'] ?? pod.metadata.annotations?.['sidecar.istio.io/inject'];
  if (choice === 'false') return obj;
  const workload = obj.kind === 'Pod' ? podIdentity(pod) : { apiVersion: obj.apiVersion, kind: obj.kind, name, namespace: ns };
  const res = injectPod({ pod, workload, flavor: 'kube-inject' }, settings);
  tpl.metadata = res.pod.metadata;
  tpl.spec = res.pod.spec;
  return obj;
}
