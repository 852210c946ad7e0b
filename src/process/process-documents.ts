// One run over a set of documents (the items of a ResourceList, or the documents of YAML files):
// learn the namespaces, decide for every workload, inject the selected ones and explain each decision.
// Faces hand in documents that can be updated in place; this file never sees bytes or YAML.
import { isDeepStrictEqual } from 'node:util';
import type { Json, JsonObject, PodJson } from '../k8s/types.js';
import type { Settings } from '../config/types.js';
import { findPodTemplates, getAt, workloadIdentity, isLocalConfig, type PodTemplateLocation } from '../workloads/index.js';
import { decide, selectionOptions } from '../select/index.js';
import { injectPod } from '../inject.js';
import { InjectError } from '../errors.js';
import { NamespaceIndex } from './namespace-index.js';
import { workloadResult, type DocumentOrigin, type Result, type ResourceRef } from './result.js';
import type { RunOptions } from './run-options.js';
import { isObject } from '../k8s/json.js';
import { duplicateContainerName, podTemplateProblem } from './pod-template-problem.js';
import { parseFieldPath } from './field-path.js';
import { CARRIES_SIDECAR_TAG } from './check-failures.js';
import { useClusterWebhooks } from './use-cluster-webhooks.js';

export interface ProcessDocument {
  readonly value: Json;
  readonly origin: DocumentOrigin;
  update(next: Json): boolean;
  /** The line of a field in the document's file (CLI inputs), for error and warning results. */
  lineAt?(path: readonly (string | number)[]): number | undefined;
  /** See YamlDocHandle.nonScalarKey (YAML faces; JSON has no such keys). */
  nonScalarKey?(): { what: string; line?: number } | undefined;
  /** A workload read only when the run reaches it: Namespaces, Lists, ConfigMaps and webhook configurations never are. */
  readonly deferred?: boolean;
  /** The run is done with this document (the face may keep only its new text). */
  release?(): void;
}

export interface ProcessOutcome {
  results: Result[];
  /** Workloads whose manifest changed (or would change, in check mode). */
  changed: ResourceRef[];
}

const STATUS = 'sidecar.istio.io/status';

export function processDocuments(
  docs: readonly ProcessDocument[],
  options: RunOptions,
  settings: Settings,
  mode: { write: boolean; checkMemory?: () => void },
): ProcessOutcome {
  const namespaces = new NamespaceIndex(options.namespaces);
  // Deferred documents are workloads: reading them here would parse them all at once.
  const context = docs.filter((d) => !d.deferred);
  for (const doc of context) namespaces.observe(doc.value);

  const results: Result[] = [];
  const changed: ResourceRef[] = [];
  const selection = selectionOptions(settings, options.selector);
  if (options.selector === 'webhook') results.push(...useClusterWebhooks(context.map((d) => d.value), selection));

  eachDocument(docs, processDocument);
  return { results, changed };

  function processDocument(doc: ProcessDocument): void {
    mode.checkMemory?.();
    if (isLocalConfig(doc.value)) return;
    const firstResult = results.length;
    const locations = findPodTemplates(doc.value, options.workloadKinds);
    if (locations.length === 0) return;
    let next: Json | undefined;
    for (const loc of locations) {
      const ref: ResourceRef = { apiVersion: loc.apiVersion, kind: loc.kind, name: loc.name };
      if (loc.namespace) ref.namespace = loc.namespace;
      const fieldPath = formatPath(loc.path);
      const template = getAt(doc.value, loc.path);
      if (loc.problem || !isObject(template) || !isObject(template.spec)) {
        const problem = loc.problem ?? `${loc.kind} "${loc.name}" has no pod template at ${fieldPath || 'the document root'}`;
        results.push(workloadResult('error', 'error/invalid-workload', problem, ref, fieldPath, doc.origin));
        continue;
      }
      const pod: PodJson = { metadata: (isObject(template.metadata) ? template.metadata : {}) as PodJson['metadata'], spec: template.spec };
      const nsName = loc.namespace || 'default';
      const decision = decide(pod, namespaces.view(nsName), selection);
      for (const w of decision.warnings) results.push(workloadResult('warning', 'warning', w, ref, fieldPath, doc.origin));
      if (!decision.inject) {
        const stale = typeof pod.metadata.annotations?.[STATUS] === 'string';
        // istioctl kube-inject's own wording for the two skips it reports, so logs grep the same.
        const upstream = decision.reason === 'skipped/host-network' ? `Skipping injection because ${loc.kind} ${JSON.stringify(qualifiedName(loc))} has host networking enabled: ` : '';
        const message = upstream + (stale
          ? `${decision.message}; it still carries a sidecar from an earlier injection (remove it, or enable injection again)`
          : decision.message);
        const tags: Record<string, string> = stale ? { [CARRIES_SIDECAR_TAG]: 'present' } : {};
        results.push(workloadResult(stale ? 'warning' : 'info', decision.reason, message, ref, fieldPath, doc.origin, tags));
        continue;
      }
      const badKey = doc.nonScalarKey?.();
      if (badKey !== undefined) {
        // kubectl and the API server refuse such a manifest ("invalid map key"); injecting into it would hide that.
        const message = `a mapping key is ${badKey.what}: Kubernetes reads manifests as JSON, whose keys are strings, so this ${loc.kind} cannot be applied; nothing was injected`;
        const result = workloadResult('error', 'error/invalid-workload', message, ref, fieldPath, doc.origin);
        if (badKey.line !== undefined) result.line = badKey.line;
        results.push(result);
        continue;
      }
      const templateProblem = podTemplateProblem(template);
      if (templateProblem) {
        results.push(workloadResult('error', 'error/invalid-workload', templateProblem.message, ref, `${fieldPath}.${templateProblem.field}`, doc.origin));
        continue;
      }
      let injected: PodJson;
      let wasInjected: boolean;
      try {
        const outcome = injectPod(
          { pod, workload: workloadIdentity(loc, doc.value), flavor: options.selector === 'all' ? 'kube-inject' : 'webhook' },
          settings,
        );
        injected = outcome.pod;
        wasInjected = outcome.wasInjected;
        for (const w of outcome.warnings) results.push(workloadResult('warning', 'warning', w, ref, fieldPath, doc.origin));
      } catch (err) {
        if (!(err instanceof InjectError)) {
          // A bug, not bad input: still say which workload, and keep going with the others.
          const detail = err instanceof Error ? err.message : String(err);
          results.push(workloadResult('error', 'error/internal', `internal error while injecting (this is a bug: please report it with this workload): ${detail.split('\n')[0]}`, ref, fieldPath, doc.origin));
          continue;
        }
        // The result's resourceRef names the workload; the message says what is wrong with it.
        results.push(workloadResult('error', `error/${err.code}`, err.message, ref, err.field ? `${fieldPath}.metadata.${err.code === 'invalid-label' ? 'labels' : 'annotations'}[${err.field}]` : fieldPath, doc.origin));
        continue;
      }
      // A container of the pod with the name of one injection adds in the other list (an earlier injection's
      // istio-init left under containers): the API server would refuse the pod, and the next run this input.
      const clash = duplicateContainerName(injected);
      if (clash !== undefined) {
        const message = `injection would give two containers the name ${JSON.stringify(clash)} (one of the pod's, one of the sidecar's, in containers and initContainers); Kubernetes requires unique names: rename or remove the pod's ${JSON.stringify(clash)}`;
        results.push(workloadResult('error', 'error/injection-failed', message, ref, fieldPath, doc.origin));
        continue;
      }
      const before: JsonObject = template;
      const after: JsonObject = { ...before, metadata: injected.metadata, spec: injected.spec };
      if (!isObject(before.metadata) && isEmptyObject(injected.metadata)) delete after.metadata;
      if (isDeepStrictEqual(before, after)) {
        results.push(workloadResult('info', 'up-to-date', `${decision.message}; the sidecar is already up to date`, ref, fieldPath, doc.origin));
        continue;
      }
      const reason = wasInjected ? 'reinjected' : 'injected';
      // In check mode nothing is written: say what is wrong rather than what was done.
      const verb = mode.write
        ? wasInjected ? 're-injected (the previous sidecar was built from another configuration)' : 'injected'
        : wasInjected ? 'is stale (it was built from another configuration)' : 'is missing';
      results.push(workloadResult('info', reason, `${decision.message}; sidecar ${verb}`, ref, fieldPath, doc.origin));
      changed.push(ref);
      next = withValueAt(next ?? doc.value, loc.path, after);
    }
    if (doc.lineAt) locateProblems(results.slice(firstResult), doc.lineAt.bind(doc));
    if (next !== undefined && mode.write) doc.update(next);
  }
}

/** Visits the documents in order, releasing each when its visit ends (the face may then drop its parse). */
export function eachDocument(docs: readonly ProcessDocument[], visit: (doc: ProcessDocument) => void): void {
  for (const doc of docs) {
    try {
      visit(doc);
    } finally {
      doc.release?.();
    }
  }
}

/** Errors and warnings name the line of their field, not only where the document starts. */
function locateProblems(results: readonly Result[], lineAt: (path: readonly (string | number)[]) => number | undefined): void {
  for (const r of results) {
    if (r.severity === 'info' || !r.field || r.line !== undefined) continue;
    const line = lineAt(parseFieldPath(r.field.path));
    if (line !== undefined) r.line = line;
  }
}

function qualifiedName(loc: PodTemplateLocation): string {
  return loc.namespace ? `${loc.namespace}/${loc.name}` : loc.name;
}

function isEmptyObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && Object.keys(v).length === 0;
}

/**
 * `root` with `value` at `path`, copying only the containers along the path: the rest is shared with
 * `root`, which stays as it was (it is the document's cached view; update() only reads `next`).
 * Cloning the whole document instead cost a deep copy of every changed workload.
 */
export function withValueAt(root: Json, path: readonly (string | number)[], value: Json): Json {
  if (path.length === 0) return value;
  const [key, ...rest] = path;
  const child = withValueAt((root as Record<string, Json>)[key as string]!, rest, value);
  if (Array.isArray(root)) {
    const copy = root.slice();
    copy[key as number] = child;
    return copy;
  }
  return { ...(root as JsonObject), [key as string]: child };
}

/** `spec.template` / `items[1].spec.template` — the KRM `field.path` syntax. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out ? `.${key}` : key;
  return out;
}
