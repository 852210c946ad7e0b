// The stream face shared by `inject`, `check` and the kustomize exec-plugin mode: parse every input
// as a multi-document YAML stream, process all documents together (a Namespace in one file decides
// for a Deployment in another), and hand back the rewritten text of each input.
import type { Json } from '../k8s/types.js';
import { parseStream, parseStreamSelective, type YamlStream } from '../yaml/index.js';
import { needsFullParse } from '../process/needs-full-parse.js';
import { processDocuments, type ProcessDocument } from '../process/process-documents.js';
import { loadRunSettings } from '../process/load-run-settings.js';
import { noticeResults } from '../process/notice-results.js';
import { settingsResult } from '../process/settings-result.js';
import type { Result, ResourceRef } from '../process/result.js';
import type { RunOptions } from '../process/run-options.js';
import type { InputFile } from './read-inputs.js';

export interface StreamRun {
  outputs: { input: InputFile; text: string; changed: boolean }[];
  results: Result[];
  changed: ResourceRef[];
}

/** `fastPath: false` parses every document (the differential test compares both paths). */
export function runStreams(inputs: readonly InputFile[], options: RunOptions, cwd: string, write: boolean, preResults: Result[] = [], { fastPath = true } = {}): StreamRun {
  const wants = needsFullParse(options);
  const streams: YamlStream[] = inputs.map((input) => (fastPath && parseStreamSelective(input.text, input.display, wants)) || parseStream(input.text, input.display));
  const docs: ProcessDocument[] = [];
  streams.forEach((stream, i) => {
    for (const handle of stream.docs) {
      docs.push({
        get value() {
          return handle.value;
        },
        origin: { path: inputs[i]!.display, index: handle.index, line: handle.line },
        update: (next: Json) => handle.update(next),
      });
    }
  });
  const settings = loadRunSettings(options, docs.map((d) => d.value), cwd);
  const results = [settingsResult(settings), ...preResults, ...noticeResults(settings.notices)];
  const outcome = processDocuments(docs, options, settings, { write });
  results.push(...outcome.results);
  const outputs = streams.map((stream, i) => ({
    input: inputs[i]!,
    text: stream.toString(),
    changed: stream.docs.some((d) => d.changed),
  }));
  return { outputs, results, changed: outcome.changed };
}
