// Kubernetes object shapes used across the core. Types only: @kubernetes/client-node is never
// loaded at run time (its 1.4.x line is the last that imports on Node 20, and we only need types).
import type { V1Pod, V1PodSpec, V1ObjectMeta, V1Container, V1Volume, V1Probe, V1LabelSelector } from '@kubernetes/client-node';

export type { V1Pod, V1PodSpec, V1ObjectMeta, V1Container, V1Volume, V1Probe, V1LabelSelector };

/** A JSON value as parsed from YAML or an AdmissionReview (no Dates, no class instances). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** The pod as the core sees it: plain JSON with the Kubernetes field names (`metadata`, `spec`). */
export interface PodJson {
  metadata: JsonObject & { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: JsonObject;
}
