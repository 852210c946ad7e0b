// Problems in an Istio ConfigMap of the input (a mesh config that does not parse, a template that does
// not compile) are reported by the config layer under the ConfigMap's name; this finds the document
// that holds the chosen text and names its file and the line of its key, so the user can go there.
import type { Json } from '../k8s/types.js';
import { isObject } from '../k8s/json.js';

export interface SourceLocation {
  file?: string;
  line?: number;
}

/** Where a document's field is: the face knows (file and line in the CLI, the path annotation in KRM). */
export type LocateInput = (docIndex: number, path: readonly (string | number)[]) => SourceLocation | undefined;

/** The last ConfigMap (or `v1` List item) whose `data[key]` is exactly `text`, as findIstioConfigMaps chose. */
export function locateConfigMapKey(docs: readonly Json[], key: string, text: string, locate: LocateInput): SourceLocation | undefined {
  let found: { index: number; path: (string | number)[] } | undefined;
  const visit = (doc: Json, index: number, path: (string | number)[]) => {
    if (!isObject(doc)) return;
    if (doc.kind === 'ConfigMap' && isObject(doc.data) && Object.prototype.hasOwnProperty.call(doc.data, key) && doc.data[key] === text) {
      found = { index, path: [...path, 'data', key] };
    }
    if (doc.kind === 'List' && Array.isArray(doc.items)) doc.items.forEach((item, i) => visit(item, index, [...path, 'items', i]));
  };
  docs.forEach((doc, i) => visit(doc, i, []));
  return found && locate(found.index, found.path);
}
