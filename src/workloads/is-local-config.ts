// kpt/kustomize mark client-side-only objects (Kptfile, function configs) with this annotation; they
// are never applied to a cluster, so they are never injected.
import type { Json } from '../k8s/types.js';
import { getAt } from './json-path.js';

export const LOCAL_CONFIG_ANNOTATION = 'config.kubernetes.io/local-config';

export function isLocalConfig(doc: Json): boolean {
  return getAt(doc, ['metadata', 'annotations', LOCAL_CONFIG_ANNOTATION]) === 'true';
}
