// AdmissionReview envelopes (admission.k8s.io/v1 and v1beta1, spec d.8): reading a review and
// answering in the version it was asked in. The two versions have the same shape for our purposes.
import type { Json, JsonObject } from '../k8s/types.js';
import { isObject } from '../k8s/json.js';

export const ADMISSION_VERSIONS = ['admission.k8s.io/v1', 'admission.k8s.io/v1beta1'] as const;
export type AdmissionVersion = (typeof ADMISSION_VERSIONS)[number];

export interface AdmissionRequest {
  uid: string;
  namespace: string;
  object: Json | undefined;
}

export interface AdmissionResponse {
  uid: string;
  allowed: boolean;
  /** Base64 of the JSON patch bytes, with patchType JSONPatch. */
  patch?: string;
  patchType?: 'JSONPatch';
  status?: { code?: number; message: string };
  warnings?: string[];
}

/** A review that could not be understood; `version` is set when the envelope was recognisable. */
export class ReviewDecodeError extends Error {
  constructor(message: string, readonly version?: AdmissionVersion) {
    super(message);
    this.name = 'ReviewDecodeError';
  }
}

export function decodeReview(body: string): { version: AdmissionVersion; request: AdmissionRequest } {
  let review: Json;
  try {
    review = JSON.parse(body) as Json;
  } catch (e) {
    throw new ReviewDecodeError(`request body is not valid JSON: ${(e as Error).message}`);
  }
  if (!isObject(review)) throw new ReviewDecodeError('request body must be a JSON object (an AdmissionReview)');
  const { apiVersion, kind } = review;
  if (kind !== 'AdmissionReview') {
    throw new ReviewDecodeError(`expected kind AdmissionReview, got ${describe(kind)}`);
  }
  if (!ADMISSION_VERSIONS.includes(apiVersion as AdmissionVersion)) {
    throw new ReviewDecodeError(
      `unsupported AdmissionReview apiVersion ${describe(apiVersion)}; supported: ${ADMISSION_VERSIONS.join(', ')}`,
    );
  }
  const version = apiVersion as AdmissionVersion;
  const request = review.request;
  if (!isObject(request)) throw new ReviewDecodeError('AdmissionReview has no request', version);
  if (request.uid !== undefined && typeof request.uid !== 'string') {
    throw new ReviewDecodeError(`request.uid must be a string, got ${describe(request.uid)}`, version);
  }
  return {
    version,
    request: {
      uid: (request.uid as string | undefined) ?? '',
      namespace: typeof request.namespace === 'string' ? request.namespace : '',
      object: request.object,
    },
  };
}

/** The review sent back; `version` undefined means the request's version was unknown. */
export function encodeReview(version: AdmissionVersion | undefined, response: AdmissionResponse): JsonObject {
  const review: JsonObject = {};
  if (version) {
    review.apiVersion = version;
    review.kind = 'AdmissionReview';
  }
  review.response = response as unknown as JsonObject;
  return review;
}

/**
 * The JSON text of `encodeReview(version, response)`, with `patch` (base64: nothing to escape)
 * placed into the text instead of being scanned again by JSON.stringify: a patch is most of the
 * answer's bytes.
 */
export function encodeReviewText(version: AdmissionVersion | undefined, response: AdmissionResponse): string {
  if (response.patch === undefined) return JSON.stringify(encodeReview(version, response));
  const text = JSON.stringify(encodeReview(version, { ...response, patch: '' }));
  // Keys are written in insertion order and every string before `patch` is JSON-escaped, so the
  // first `"patch":""` in the text is the key itself.
  const at = text.indexOf('"patch":""') + '"patch":"'.length;
  return text.slice(0, at) + response.patch + text.slice(at);
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  return JSON.stringify(v)?.slice(0, 80) ?? String(v);
}
