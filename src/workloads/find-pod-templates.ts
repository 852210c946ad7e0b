// Which objects carry a pod template Istio would inject, and where.
import type { Json } from '../k8s/types.js';
import type { CustomWorkloadKind, PodTemplateLocation } from './types.js';
import { BUILT_IN_WORKLOAD_KINDS, apiGroupOf, apiVersionMatches } from './workload-kinds.js';
import { getAt, parseDottedPath, stringField } from './json-path.js';
import { isObject } from '../k8s/json.js';
import { isLocalConfig } from './is-local-config.js';

/**
 * The pod templates of one document: one entry for a workload, one per workload item of a `v1`
 * List (recursively; paths start with ['items', i, ...]), [] for anything else and for
 * local-config objects. A recognised workload whose template is missing is returned with
 * `problem` set instead of being silently passed through.
 */
export function findPodTemplates(doc: Json, custom: readonly CustomWorkloadKind[] = []): PodTemplateLocation[] {
  const out: PodTemplateLocation[] = [];
  collect(doc, [], custom, out);
  return out;
}

function collect(doc: Json, prefix: (string | number)[], custom: readonly CustomWorkloadKind[], out: PodTemplateLocation[]): void {
  if (!isObject(doc) || isLocalConfig(doc)) return;
  const apiVersion = stringField(doc, 'apiVersion');
  const kind = stringField(doc, 'kind');
  if (kind === '') return;

  if (kind === 'List' && apiGroupOf(apiVersion) === '') {
    const items = doc.items;
    if (Array.isArray(items)) items.forEach((item, i) => collect(item, [...prefix, 'items', i], custom, out));
    return;
  }

  const templatePath = podTemplatePathFor(apiVersion, kind, custom);
  if (!templatePath) return;

  const metadata = doc.metadata;
  const loc: PodTemplateLocation = {
    path: [...prefix, ...templatePath],
    kind,
    apiVersion,
    name: stringField(metadata, 'name'),
    namespace: stringField(metadata, 'namespace'),
  };
  if (templatePath.length > 0 && !isObject(getAt(doc, templatePath))) {
    const named = loc.name ? `${kind} ${JSON.stringify(loc.name)}` : kind;
    loc.problem = `${named}: ${templatePath.join('.')} is required (the pod template to inject into is missing or not a mapping)`;
  }
  out.push(loc);
}

function podTemplatePathFor(apiVersion: string, kind: string, custom: readonly CustomWorkloadKind[]): (string | number)[] | undefined {
  for (const c of custom) {
    if (c.kind === kind && apiVersionMatches(c.apiVersion, apiVersion)) return parseDottedPath(c.podTemplatePath);
  }
  const builtIn = Object.prototype.hasOwnProperty.call(BUILT_IN_WORKLOAD_KINDS, kind) ? BUILT_IN_WORKLOAD_KINDS[kind] : undefined;
  if (builtIn && builtIn.groups.includes(apiGroupOf(apiVersion))) return [...builtIn.podTemplatePath];
  return undefined;
}
