// The flags shared by `inject`, `check` and `webhook`, named like `istioctl kube-inject` where it has them.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { parseDocument } from 'yaml';
import { lineCol, nonScalarKey } from '../config/parse-document.js';
import { UsageError } from './command.js';
import { defaultRunOptions, type RunOptions } from '../process/run-options.js';
import { runOptionsFromFunctionConfig } from '../process/options-from-function-config.js';
import type { Result } from '../process/result.js';
import { istioVersionChoices, parseIstioVersion, type IstioVersionKey } from '../config/defaults/istio-versions.js';
import { resolveLimits, type InputLimits } from '../files/input-limits.js';
import { ownValue, setOwn } from '../k8s/own-keys.js';

/** Istio's three documents and the istiod settings: shared by `inject`, `check` and `webhook`. */
export const istioConfigFlagOptions = {
  injectConfigFile: { type: 'string' },
  meshConfigFile: { type: 'string' },
  valuesFile: { type: 'string' },
  revision: { type: 'string' },
  'native-sidecars': { type: 'string' },
  'compliance-policy': { type: 'string' },
  'istio-version': { type: 'string' },
  'istiod-env': { type: 'string', multiple: true },
} as const satisfies ParseArgsConfig['options'];

export const configFlagOptions = {
  ...istioConfigFlagOptions,
  selector: { type: 'string' },
  'namespace-labels': { type: 'string', multiple: true },
  template: { type: 'string', multiple: true },
  config: { type: 'string' },
  'max-input-bytes': { type: 'string' },
  'max-documents': { type: 'string' },
  'max-document-bytes': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export const configFlagsUsage = `Istio configuration (defaults: Istio 1.30.3's chart, image docker.io/istio/proxyv2:1.30.3):
  --istio-version V         whose built-in defaults fill what no file gives: 1.28 (= 1.28.10), 1.30 (= 1.30.3, default), master
  --injectConfigFile FILE   injector config in Istio's format (the 'config' key of the istio-sidecar-injector ConfigMap)
  --valuesFile FILE         Helm values, JSON or YAML (the 'values' key of that ConfigMap)
  --meshConfigFile FILE     mesh config (the 'mesh' key of the 'istio' ConfigMap)
  --revision REV            serving revision ('' = default)
  --native-sidecars BOOL    inject istio-proxy as a native sidecar (default true)
  --compliance-policy P     istiod's COMPLIANCE_POLICY, e.g. fips-140-3
  --istiod-env NAME=VALUE   istiod's environment as Go templates read it with \`env\` (repeatable; never
                            this process's environment); --native-sidecars sets ENABLE_NATIVE_SIDECARS
Selection:
  --selector webhook|all    webhook (default): emulate the cluster's namespace selectors and policy;
                            all: every workload is a candidate, like istioctl kube-inject
  --namespace-labels NS:K=V[,K=V]   labels of a namespace that is not in the input (repeatable)
  --template NAME=FILE      an injection template in ejs, by name (repeatable; replaces a built-in of that name)
  --config FILE             a function config file (kind InjectIstioSidecar or a ConfigMap); flags win over it
Input bounds (see README "Security"; N may end in Ki, Mi or Gi):
  --max-input-bytes N       all inputs together (default 256Mi, capped by the heap)
  --max-documents N         documents in the run (default 100000)
  --max-document-bytes N    one document (default 32Mi)`;

type FlagValues = { [K in keyof typeof configFlagOptions]?: (typeof configFlagOptions)[K] extends { multiple: true } ? string[] : string };

/** Builds run options from the shared flags; a `--config` file is read first and flags override it. */
export function runOptionsFromFlags(values: FlagValues, cwd: string, env: NodeJS.ProcessEnv = {}): { options: RunOptions; results: Result[]; limits: InputLimits } {
  const limits = resolveLimits(
    env,
    { maxInputBytes: values['max-input-bytes'], maxDocuments: values['max-documents'], maxDocumentBytes: values['max-document-bytes'] },
    (what, value) => new UsageError(`${what} expects a positive number of bytes/documents (suffix Ki, Mi or Gi allowed), not "${value}"`),
  );
  let options = defaultRunOptions();
  let results: Result[] = [];
  if (values.config !== undefined) {
    let parsed: unknown;
    try {
      const text = readFileSync(resolve(cwd, values.config), 'utf8');
      const doc = parseDocument(text);
      if (doc.errors[0]) throw doc.errors[0];
      // yaml would make up a string for such a key (and warn on stderr); kpt and kustomize refuse it.
      const badKey = nonScalarKey(doc);
      if (badKey) throw new Error(`${badKey.offset === undefined ? '' : `line ${lineCol(text, badKey.offset)}: `}a mapping key must be a string, number or boolean, not ${badKey.what}`);
      parsed = doc.toJS();
    } catch (err) {
      throw new UsageError(`cannot read --config ${values.config}: ${(err as Error).message.split('\n')[0]}`);
    }
    ({ options, results } = runOptionsFromFunctionConfig(parsed as never, values.config));
  }
  // Paths on the command line are the operator's: they may point anywhere (trusted).
  if (values.injectConfigFile !== undefined) options.injectorConfig = { path: values.injectConfigFile, trusted: true };
  if (values.valuesFile !== undefined) options.values = { path: values.valuesFile, trusted: true };
  if (values.meshConfigFile !== undefined) options.meshConfig = { path: values.meshConfigFile, trusted: true };
  if (values.revision !== undefined) options.revision = values.revision;
  if (values.selector !== undefined) {
    if (values.selector !== 'webhook' && values.selector !== 'all') throw new UsageError(`--selector must be webhook or all, not "${values.selector}"`);
    options.selector = values.selector;
  }
  if (values['native-sidecars'] !== undefined) options.nativeSidecars = parseBoolFlag('--native-sidecars', values['native-sidecars']);
  if (values['compliance-policy'] !== undefined) options.compliancePolicy = values['compliance-policy'];
  if (values['istio-version'] !== undefined) options.istioVersion = parseIstioVersionFlag(values['istio-version']);
  if (values['istiod-env'] !== undefined) options.istiodEnv = parseIstiodEnvFlags(values['istiod-env'], options.istiodEnv);
  for (const spec of values.template ?? []) {
    const [name, file] = splitOnce(spec, '=');
    if (!name || !file) throw new UsageError(`--template expects NAME=FILE, got "${spec}"`);
    setOwn(options.templates, name, { path: file, trusted: true });
  }
  for (const spec of values['namespace-labels'] ?? []) {
    const [ns, labels] = splitOnce(spec, ':');
    if (!ns || labels === undefined) throw new UsageError(`--namespace-labels expects NS:KEY=VALUE[,KEY=VALUE], got "${spec}"`);
    const map: Record<string, string> = { ...ownValue(options.namespaces, ns) };
    for (const pair of labels.split(',').filter(Boolean)) {
      const [k, v] = splitOnce(pair, '=');
      if (!k || v === undefined) throw new UsageError(`--namespace-labels expects NS:KEY=VALUE[,KEY=VALUE], got "${spec}"`);
      setOwn(map, k, v);
    }
    setOwn(options.namespaces, ns, map);
  }
  return { options, results, limits };
}

/** `--istio-version`: a built-in version key, or a UsageError listing the choices. */
export function parseIstioVersionFlag(value: string | undefined): IstioVersionKey | undefined {
  if (value === undefined) return undefined;
  const key = parseIstioVersion(value);
  if (key === undefined) throw new UsageError(`--istio-version must be one of ${istioVersionChoices()}, not "${value}"`);
  return key;
}

/** `--istiod-env NAME=VALUE` (repeatable), merged over what a --config file gave; later flags win. */
export function parseIstiodEnvFlags(specs: readonly string[], base: Readonly<Record<string, string>> = {}): Record<string, string> {
  const entries = Object.entries(base);
  for (const spec of specs) {
    const [name, value] = splitOnce(spec, '=');
    if (!name || value === undefined) throw new UsageError(`--istiod-env expects NAME=VALUE, got "${spec}"`);
    entries.push([name, value]);
  }
  // Object.fromEntries keeps `__proto__` as a plain key; the last entry of a name wins.
  return Object.fromEntries(entries);
}

export function parseBoolFlag(flag: string, value: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new UsageError(`${flag} must be true or false, not "${value}"`);
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}
