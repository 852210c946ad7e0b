// One uninject run over a set of documents: every pod template carrying `sidecar.istio.io/status`
// (our injection, istiod's, or istioctl kube-inject's) gets the pod back as it was written; documents
// without an injection are not touched. Same document contract as processDocuments.
import { isDeepStrictEqual } from 'node:util';
import type { Json, JsonObject, PodJson } from '../k8s/types.js';
import type { Settings } from '../config/types.js';
import { findPodTemplates, getAt, isLocalConfig, workloadIdentity } from '../workloads/index.js';
import { uninjectPod } from '../patch/uninject-pod.js';
import { get } from '../render/template-helpers.js';
import { InjectError } from '../errors.js';
import { isObject } from '../k8s/json.js';
import { eachDocument, formatPath, withValueAt, type ProcessDocument, type ProcessOutcome } from './process-documents.js';
import { workloadResult, type Result, type ResourceRef } from './result.js';
import type { RunOptions } from './run-options.js';
import type { StripOptions } from '../patch/strip-injection.js';

export function uninjectDocuments(docs: readonly ProcessDocument[], options: RunOptions, settings: Settings, mode: { write: boolean }): ProcessOutcome {
  const strip = stripOptions(settings);
  const results: Result[] = [];
  const changed: ResourceRef[] = [];
  eachDocument(docs, uninjectDocument);
  return { results, changed };

  function uninjectDocument(doc: ProcessDocument): void {
    if (isLocalConfig(doc.value)) return;
    let next: Json | undefined;
    for (const loc of findPodTemplates(doc.value, options.workloadKinds)) {
      const ref: ResourceRef = { apiVersion: loc.apiVersion, kind: loc.kind, name: loc.name };
      if (loc.namespace) ref.namespace = loc.namespace;
      const fieldPath = formatPath(loc.path);
      const template = getAt(next ?? doc.value, loc.path);
      if (loc.problem || !isObject(template) || !isObject(template.spec)) continue; // nothing injected can be there
      const pod: PodJson = { metadata: (isObject(template.metadata) ? template.metadata : {}) as PodJson['metadata'], spec: template.spec };
      let out;
      try {
        out = uninjectPod(pod, workloadIdentity(loc, doc.value).name, strip);
      } catch (err) {
        if (!(err instanceof InjectError)) throw err;
        results.push(workloadResult('error', `error/${err.code}`, err.message, ref, fieldPath, doc.origin));
        continue;
      }
      if (!out.wasInjected) {
        results.push(workloadResult('info', 'not-injected', 'carries no injection (no sidecar.istio.io/status); left as it is', ref, fieldPath, doc.origin));
        continue;
      }
      const after: JsonObject = { ...template, metadata: out.pod.metadata, spec: out.pod.spec };
      // A template that had no metadata before injection gets none back.
      if (isObject(after.metadata) && Object.keys(after.metadata).length === 0) delete after.metadata;
      if (isDeepStrictEqual(template, after)) continue;
      results.push(workloadResult('info', 'uninjected', mode.write ? 'injection removed; the pod is as it was written' : 'carries an injection that uninject would remove', ref, fieldPath, doc.origin));
      changed.push(ref);
      next = withValueAt(next ?? doc.value, loc.path, after);
    }
    if (next !== undefined && mode.write) doc.update(next);
  }
}

/** What the injection used that stripping needs to recognise (the same values inject.ts derives). */
function stripOptions(settings: Settings): StripOptions {
  return {
    statusPort: Number(settings.mesh.defaultConfig.statusPort ?? 15020),
    cniDefaults: {
      'sidecar.istio.io/interceptionMode': String(settings.mesh.defaultConfig.interceptionMode ?? 'REDIRECT'),
      'traffic.sidecar.istio.io/includeInboundPorts': String(get(settings.values, 'global.proxy.includeInboundPorts') ?? '*'),
      'traffic.sidecar.istio.io/includeOutboundIPRanges': String(get(settings.values, 'global.proxy.includeIPRanges') ?? '*'),
    },
  };
}
