// What one run of the KRM function or the CLI was asked to do, independent of where it was asked
// (function config, ConfigMap data, command-line flags).
import type { Json } from '../k8s/types.js';

/** An Istio document or template given inline or by a path relative to the working directory. */
export interface DocumentRef {
  text?: string;
  object?: Json;
  path?: string;
}

export interface CustomKind {
  apiVersion: string;
  kind: string;
  podTemplatePath: string;
}

export interface RunOptions {
  selector: 'webhook' | 'all';
  revision?: string;
  nativeSidecars?: boolean;
  compliancePolicy?: string;
  /** Labels of namespaces that are not in the input. */
  namespaces: Record<string, Record<string, string>>;
  injectorConfig?: DocumentRef;
  values?: DocumentRef;
  meshConfig?: DocumentRef;
  /** User ejs templates by name. */
  templates: Record<string, DocumentRef>;
  workloadKinds: CustomKind[];
  /** Use the istio-sidecar-injector / istio ConfigMaps found in the input for documents not given here. */
  useInputConfigMaps: boolean;
}

export function defaultRunOptions(): RunOptions {
  return { selector: 'webhook', namespaces: {}, templates: {}, workloadKinds: [], useInputConfigMaps: true };
}
