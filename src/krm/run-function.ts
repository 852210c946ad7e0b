// The KRM function face: one ResourceList on stdin, one on stdout (kpt, kustomize --enable-exec).
// Results follow the KRM spec. On an error result the items go back unchanged with every result
// attached and the run fails (exit 1): kpt shows a failing function's results only when it emits
// its ResourceList, so a validator's findings are visible instead of one truncated stderr line.
import { parseResourceList, parseResourceListSelective, FastPathUnsure } from '../yaml/index.js';
import { parseWhen } from '../process/needs-full-parse.js';
import type { Json } from '../k8s/types.js';
import { processDocuments, type ProcessDocument } from '../process/process-documents.js';
import { loadRunSettings } from '../process/load-run-settings.js';
import { noticeResults } from '../process/notice-results.js';
import { settingsResult } from '../process/settings-result.js';
import { runOptionsFromFunctionConfig } from '../process/options-from-function-config.js';
import { defaultRunOptions } from '../process/run-options.js';
import { hasErrors, type DocumentOrigin, type Result } from '../process/result.js';
import { withCheckFailures } from '../process/check-failures.js';
import { isObject } from '../k8s/json.js';
import { DEFAULT_LIMITS, type InputLimits } from '../files/input-limits.js';
import { ConfigError } from '../errors.js';
import { heapGuard } from '../files/heap-guard.js';

export interface FunctionRun {
  /** The output ResourceList: transformed items, or on failure the input items unchanged; always with results. */
  output: string;
  results: Result[];
  /** An error result: the run must exit 1 and its items must not be used. */
  failed: boolean;
}

/** `fastPath: false` parses every item (the differential test compares both paths). */
export function runFunction(input: string, cwd: string, limits: InputLimits = DEFAULT_LIMITS, { fastPath = true } = {}): FunctionRun {
  try {
    return runOnce(input, cwd, limits, fastPath);
  } catch (err) {
    // A workload parsed on first use did not parse on its own: the full parser decides (and names the error).
    if (!(err instanceof FastPathUnsure)) throw err;
    return runOnce(input, cwd, limits, false);
  }
}

function runOnce(input: string, cwd: string, limits: InputLimits, fastPath: boolean): FunctionRun {
  const checkMemory = heapGuard('<stdin>');
  const bounds = { ...limits, checkMemory };
  const list = (fastPath && parseResourceListSelective(input, '<stdin>', itemsToParse, bounds)) || parseResourceList(input, '<stdin>', bounds);
  const { options, results } = list.functionConfig === undefined || list.functionConfig === null
    ? { options: defaultRunOptions(), results: [] as Result[] }
    : runOptionsFromFunctionConfig(list.functionConfig, 'functionConfig');
  if (hasErrors(results)) return failure(input, results);
  const docs: ProcessDocument[] = list.items.map((item) => {
    let origin: DocumentOrigin | undefined;
    return {
      get value() {
        return item.value;
      },
      get origin() {
        return (origin ??= originOf(item.value));
      },
      update: (next: Json) => item.update(next),
      // Lines of the ResourceList are not lines of the user's file: only what the key is.
      nonScalarKey: () => (item.nonScalarKey ? { what: item.nonScalarKey.what } : undefined),
      deferred: item.deferred === true,
      release: item.release && (() => item.release!()),
    };
  });
  // Workloads parsed on first use are not read here: configuration comes from ConfigMaps and Lists.
  const context = docs.filter((d) => !d.deferred);
  let settings;
  try {
    // The orchestrator's path annotation names the file of an input ConfigMap with a problem.
    settings = loadRunSettings(options, context.map((d) => d.value), cwd, limits, (i) => ({ file: context[i]!.origin.path }));
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return failure(input, [...results, configErrorResult(err)]);
  }
  results.unshift(settingsResult(settings));
  results.push(...noticeResults(settings.notices));
  const check = options.mode === 'check';
  const outcome = processDocuments(docs, options, settings, { write: !check, checkMemory });
  results.push(...(check ? withCheckFailures(outcome.results, options) : outcome.results));
  if (hasErrors(results)) return failure(input, results);
  list.setResults(results as unknown as Json[]);
  return { output: list.toString(), results, failed: false };
}

/** The input's items, untouched (a fresh parse: the run may have updated the first one), with the results. */
function failure(input: string, results: Result[]): FunctionRun {
  const list = parseResourceList(input, '<stdin>');
  list.setResults(results as unknown as Json[]);
  return { output: list.toString(), results, failed: true };
}

function configErrorResult(err: ConfigError): Result {
  const r: Result = { message: err.message, severity: 'error', tags: { reason: 'config/error' } };
  if (err.field) r.field = { path: err.field };
  if (err.file) r.file = { path: err.file };
  return r;
}

/** The items the run must read, given the function config (custom workload kinds). */
function itemsToParse(functionConfig: Json | undefined) {
  const options = functionConfig === undefined || functionConfig === null ? defaultRunOptions() : runOptionsFromFunctionConfig(functionConfig, 'functionConfig').options;
  return parseWhen(options);
}

/** `file` of a result comes from the orchestrator's annotations (kpt sets both forms). */
function originOf(item: Json): DocumentOrigin {
  const meta = isObject(item) && isObject(item.metadata) ? item.metadata : {};
  const ann = isObject(meta.annotations) ? meta.annotations : {};
  const path = ann['internal.config.kubernetes.io/path'] ?? ann['config.kubernetes.io/path'];
  const index = ann['internal.config.kubernetes.io/index'] ?? ann['config.kubernetes.io/index'];
  const origin: DocumentOrigin = {};
  if (typeof path === 'string') origin.path = path;
  if (index !== undefined && index !== null && /^\d+$/.test(String(index))) origin.index = Number(index);
  return origin;
}
