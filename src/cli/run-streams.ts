// The stream face shared by `inject`, `check` and the kustomize exec-plugin mode: parse every input
// as a multi-document YAML stream, process all documents together (a Namespace in one file decides
// for a Deployment in another), and hand back the rewritten text of each input.
import type { Json } from '../k8s/types.js';
import { FastPathUnsure, parseStream, parseStreamSelective, type YamlStream } from '../yaml/index.js';
import { heapGuard } from '../files/heap-guard.js';
import { parseWhen } from '../process/needs-full-parse.js';
import { processDocuments, type ProcessDocument, type ProcessOutcome } from '../process/process-documents.js';
import type { Settings } from '../config/types.js';
import { loadRunSettings } from '../process/load-run-settings.js';
import { noticeResults } from '../process/notice-results.js';
import { settingsResult } from '../process/settings-result.js';
import type { Result, ResourceRef } from '../process/result.js';
import type { RunOptions } from '../process/run-options.js';
import type { InputFile } from './read-inputs.js';
import { DEFAULT_LIMITS, type InputLimits } from '../files/input-limits.js';

export interface StreamRun {
  outputs: { input: InputFile; text: string; changed: boolean }[];
  results: Result[];
  changed: ResourceRef[];
  /** The line where document `index` of `file` (as displayed) starts, for reports. */
  lineOf: (file: string, index: number) => number | undefined;
}

/** inject/check run processDocuments; uninject hands in its own processor of the same shape. */
export type DocumentProcessor = (docs: readonly ProcessDocument[], options: RunOptions, settings: Settings, mode: { write: boolean; checkMemory?: () => void }) => ProcessOutcome;

export interface StreamRunOptions {
  /** Rewrite the documents (inject, uninject) or only judge them (check). */
  write: boolean;
  /** Results to report before the run's own (skipped inputs, flags). */
  preResults?: Result[];
  limits?: InputLimits;
  /** inject/check: processDocuments; uninject: its own processor. */
  processor?: DocumentProcessor;
  /** false parses every document (the differential test compares both paths). */
  fastPath?: boolean;
}

export function runStreams(inputs: readonly InputFile[], options: RunOptions, cwd: string, run: StreamRunOptions): StreamRun {
  try {
    return runStreamsOnce(inputs, options, cwd, run, run.fastPath ?? true);
  } catch (err) {
    // A workload parsed on first use did not parse on its own: the full parser decides (and names the error).
    if (!(err instanceof FastPathUnsure)) throw err;
    return runStreamsOnce(inputs, options, cwd, run, false);
  }
}

function runStreamsOnce(inputs: readonly InputFile[], options: RunOptions, cwd: string, run: StreamRunOptions, fastPath: boolean): StreamRun {
  const { write, preResults = [], limits = DEFAULT_LIMITS, processor = processDocuments } = run;
  const wants = parseWhen(options);
  const checkMemory = heapGuard(inputs.length === 1 ? inputs[0]!.display : `${inputs.length} inputs`);
  // The document bound is for the whole run: each input gets what the ones before it left.
  let documentsLeft = limits.maxDocuments;
  const streams: YamlStream[] = inputs.map((input) => {
    const bounds = { maxDocuments: documentsLeft, maxDocumentBytes: limits.maxDocumentBytes, checkMemory };
    const selective = fastPath ? parseStreamSelective(input.text, input.display, wants, bounds) : undefined;
    const stream = selective ?? parseStream(input.text, input.display, bounds);
    documentsLeft -= selective ? selective.documentCount : stream.docs.length;
    return stream;
  });
  const docs: ProcessDocument[] = [];
  const handles = new Map<string, YamlStream['docs'][number]>();
  streams.forEach((stream, i) => {
    for (const handle of stream.docs) {
      handles.set(`${inputs[i]!.display}\0${handle.index}`, handle);
      let origin: ProcessDocument['origin'] | undefined;
      docs.push({
        get value() {
          return handle.value;
        },
        // A deferred document's line is known once it is parsed (it is, before anything reports it).
        get origin() {
          return (origin ??= { path: inputs[i]!.display, index: handle.index, line: handle.line });
        },
        update: (next: Json) => handle.update(next),
        lineAt: (path) => handle.lineAt?.(path),
        nonScalarKey: () => handle.nonScalarKey,
        deferred: handle.deferred === true,
        release: handle.release && (() => handle.release!()),
      });
    }
  });
  // Workloads parsed on first use are not read here: configuration comes from ConfigMaps and Lists.
  const context = docs.filter((d) => !d.deferred);
  const settings = loadRunSettings(options, context.map((d) => d.value), cwd, limits, (i, path) => ({ file: context[i]!.origin.path, line: context[i]!.lineAt?.(path) }));
  const results = [settingsResult(settings), ...preResults, ...noticeResults(settings.notices)];
  const outcome = processor(docs, options, settings, { write, checkMemory });
  results.push(...outcome.results);
  const outputs = streams.map((stream, i) => ({
    input: inputs[i]!,
    text: stream.toString(),
    changed: stream.docs.some((d) => d.changed),
  }));
  return { outputs, results, changed: outcome.changed, lineOf: (file, index) => handles.get(`${file}\0${index}`)?.line };
}
