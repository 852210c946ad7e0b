// One AdmissionReview in, one AdmissionReview out: the webhook's translation of the admission
// protocol into calls of the core. Pure apart from the engine it is given; no HTTP here.
import type { JsonObject, PodJson } from '../k8s/types.js';
import type { Settings } from '../config/types.js';
import type { InjectOutcome, InjectRequest } from '../inject-types.js';
import type { Decision } from '../select/types.js';
import { InjectError } from '../errors.js';
import { decodeReview, encodeReview, encodeReviewText, ReviewDecodeError, type AdmissionRequest, type AdmissionResponse, type AdmissionVersion } from './admission.js';
import { isObject } from '../k8s/json.js';
import { podIdentity } from '../workloads/index.js';
import { podDisplayName } from './pod-display-name.js';
import { diffJsonPatch } from './diff-json-patch.js';
import type { AdmissionMemo } from './admission-memo.js';

/** The core functions the webhook calls; injected so the face can be tested and wired in one place. */
export interface Engine {
  /** a.2 without namespace labels (the API server already applied the namespace selectors). */
  injectRequired(pod: PodJson, settings: Settings): Decision & { warnings?: string[] };
  injectPod(req: InjectRequest, settings: Settings): InjectOutcome;
}

/** `deny`: an injection error rejects the pod (Istio's behaviour). `allow`: it is admitted uninjected. */
export type FailureMode = 'deny' | 'allow';

export interface ReviewContext {
  settings: Settings;
  engine: Engine;
  proxyEnvs: Record<string, string>;
  failureMode: FailureMode;
  /** Answers remembered for reviews repeated apart from their uid (pods of one ReplicaSet). */
  memo?: AdmissionMemo<Remembered>;
}

export type ReviewVerdict = 'injected' | 'skipped' | 'denied' | 'admitted-on-error' | 'bad-request';

export interface ReviewResult {
  httpStatus: number;
  body: JsonObject;
  verdict: ReviewVerdict;
  /** Decision reason code, or the failure reason for metrics (`decode`, `pod`, `injection`). */
  reason: string;
  message?: string;
  /** Observations worth a log line (e.g. an unrecognised sidecar.istio.io/inject value). */
  warnings?: string[];
  uid: string;
  namespace: string;
  pod: string;
  /** The answer is a remembered one (same review apart from its uid, same configuration). */
  remembered?: boolean;
  /** `body` as JSON text, when already known (an injection's, and remembered answers kept around the uid). */
  payload?: string;
}

/** What the memo keeps: the result, and (from its first reuse on) its JSON text split where the response's uid goes. */
interface Remembered {
  result: ReviewResult;
  text?: { before: string; after: string };
}

export function reviewAdmission(body: string, ctx: ReviewContext): ReviewResult {
  const decoded = decodeOrReject(body);
  if ('verdict' in decoded) return decoded;
  const { memo } = ctx;
  const key = memo?.keyOf(body, decoded.request.uid, `${ctx.failureMode}${JSON.stringify(ctx.proxyEnvs)}`);
  if (key !== undefined) {
    const known = memo!.get(ctx.settings, key);
    if (known !== undefined) return withUid(known, decoded.request.uid);
  }
  const result = answerReview(decoded.version, decoded.request, ctx);
  // Injection errors and skips are as repeatable as injections; only bad requests are not remembered.
  // Most pods are never asked about twice: the text is split only when an answer is reused.
  if (key !== undefined && result.verdict !== 'bad-request') memo!.set(ctx.settings, key, { result });
  return result;
}

/**
 * encodeReview writes the uid first in the response (after apiVersion and kind, fixed words), so the
 * answer's text splits around the uid's JSON text there; an injection's text is already at hand.
 */
function splitAtUid(result: ReviewResult): { before: string; after: string } {
  const text = result.payload ?? JSON.stringify(result.body);
  const at = text.indexOf('"response":{"uid":') + '"response":{"uid":'.length;
  return { before: text.slice(0, at), after: text.slice(at + JSON.stringify((result.body.response as JsonObject).uid).length) };
}

/** A remembered result as the answer to the request with this uid. */
function withUid(known: Remembered, uid: string): ReviewResult {
  const { result } = known;
  const { before, after } = (known.text ??= splitAtUid(result));
  const response = { ...(result.body.response as JsonObject), uid };
  return { ...result, uid, body: { ...result.body, response }, remembered: true, payload: before + JSON.stringify(uid) + after };
}

function decodeOrReject(body: string): ReturnType<typeof decodeReview> | ReviewResult {
  try {
    return decodeReview(body);
  } catch (e) {
    if (!(e instanceof ReviewDecodeError)) throw e;
    const response: AdmissionResponse = { uid: '', allowed: false, status: { code: 400, message: e.message } };
    return {
      httpStatus: 400, body: encodeReview(e.version, response), verdict: 'bad-request', reason: 'decode',
      message: e.message, uid: '', namespace: '', pod: '',
    };
  }
}

function answerReview(version: AdmissionVersion, request: AdmissionRequest, ctx: ReviewContext): ReviewResult {
  const { uid } = request;
  const answer = (response: Omit<AdmissionResponse, 'uid'>) => encodeReview(version, { uid, ...response });

  const problem = podShapeProblem(request.object);
  if (problem !== undefined) {
    const message = `request.object is not a valid Pod: ${problem}`;
    return { httpStatus: 200, body: answer({ allowed: false, status: { code: 400, message } }), verdict: 'denied',
      reason: 'pod', message, uid, namespace: request.namespace, pod: '' };
  }
  const pod = request.object as unknown as PodJson;
  pod.metadata ??= {};
  // managedFields can be large and are never read; upstream clears them before taking the patch base.
  delete pod.metadata.managedFields;
  if (!pod.metadata.namespace) pod.metadata.namespace = request.namespace;
  const namespace = pod.metadata.namespace;
  const podName = podDisplayName(pod);
  const base = { uid, namespace, pod: podName };

  const decision = ctx.engine.injectRequired(pod, ctx.settings);
  const decisionWarnings = decision.warnings ?? [];
  if (!decision.inject) {
    return { ...base, httpStatus: 200, body: answer({ allowed: true }), verdict: 'skipped', reason: decision.reason,
      message: decision.message, warnings: decisionWarnings };
  }

  let outcome: InjectOutcome;
  try {
    outcome = ctx.engine.injectPod(
      { pod, workload: podIdentity(pod), flavor: 'webhook', proxyEnvs: ctx.proxyEnvs },
      ctx.settings,
    );
  } catch (e) {
    // A bug in the core must not take the server down; it is reported like an injection error.
    const message = e instanceof InjectError ? `injection failed: ${e.message}` : `internal error while injecting: ${String((e as Error)?.message ?? e)}`;
    const code = e instanceof InjectError ? `error/${e.code}` : 'error/internal';
    if (ctx.failureMode === 'allow') {
      return { ...base, httpStatus: 200, body: answer({ allowed: true, warnings: [`sidecar not injected: ${message}`] }),
        verdict: 'admitted-on-error', reason: code, message };
    }
    return { ...base, httpStatus: 200, body: answer({ allowed: false, status: { code: 500, message } }), verdict: 'denied',
      reason: code, message };
  }
  const ops = diffJsonPatch(pod, outcome.pod);
  const patch = Buffer.from(JSON.stringify(ops)).toString('base64');
  const response: AdmissionResponse = { uid, allowed: true, patch, patchType: 'JSONPatch' };
  if (outcome.warnings.length > 0) response.warnings = outcome.warnings;
  return { ...base, httpStatus: 200, body: encodeReview(version, response), payload: encodeReviewText(version, response), verdict: 'injected',
    reason: outcome.wasInjected ? 'reinjected' : 'injected', message: decision.message,
    warnings: [...decisionWarnings, ...outcome.warnings] };
}

/** Why a value cannot be decoded as a Pod (what Go's typed decode would reject and the core relies on). */
function podShapeProblem(object: unknown): string | undefined {
  if (object === undefined || object === null) return 'request.object is missing';
  if (!isObject(object)) return 'request.object must be a JSON object';
  if (object.metadata !== undefined && !isObject(object.metadata)) return 'metadata must be an object';
  if (!isObject(object.spec)) return 'spec must be an object';
  const meta = (object.metadata ?? {}) as JsonObject;
  for (const field of ['labels', 'annotations'] as const) {
    const map = meta[field];
    if (map === undefined || map === null) continue;
    if (!isObject(map)) return `metadata.${field} must be a map of strings`;
    for (const [k, v] of Object.entries(map)) {
      if (typeof v !== 'string') return `metadata.${field}[${JSON.stringify(k)}] must be a string`;
    }
  }
  for (const field of ['name', 'namespace', 'generateName'] as const) {
    if (meta[field] !== undefined && meta[field] !== null && typeof meta[field] !== 'string') return `metadata.${field} must be a string`;
  }
  if (meta.ownerReferences !== undefined && meta.ownerReferences !== null && !Array.isArray(meta.ownerReferences)) {
    return 'metadata.ownerReferences must be a list';
  }
  const spec = object.spec as JsonObject;
  for (const field of ['containers', 'initContainers'] as const) {
    const list = spec[field];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) return `spec.${field} must be a list`;
    for (const [i, c] of list.entries()) {
      if (!isObject(c)) return `spec.${field}[${i}] must be an object`;
      if (c.name !== undefined && typeof c.name !== 'string') return `spec.${field}[${i}].name must be a string`;
    }
  }
  return undefined;
}
