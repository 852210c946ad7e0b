// The ProxyConfig one pod is injected with (kube-inject semantics, spec c.4): the mesh
// `defaultConfig` with the pod's `proxy.istio.io/config` annotation merged on top.
import type { Json } from '../k8s/types.js';
import type { MeshConfig, ProxyConfig } from './types.js';
import { InjectError } from '../errors.js';
import { mergeProxyConfig } from './merge-proxy-config.js';
import { parseYamlText } from './parse-document.js';
import { ProtoTypeError } from './proto-schema.js';
import { ConfigError } from '../errors.js';

export const PROXY_CONFIG_ANNOTATION = 'proxy.istio.io/config';

/** Parses the annotation value (YAML or JSON) to JSON; throws InjectError('invalid-annotation'). */
export function parseProxyConfigAnnotation(value: string): Json {
  try {
    const v = parseYamlText(value, `annotation ${PROXY_CONFIG_ANNOTATION}`);
    if (v !== null && (typeof v !== 'object' || Array.isArray(v))) {
      throw new InjectError(`annotation ${PROXY_CONFIG_ANNOTATION} must be a YAML/JSON mapping of ProxyConfig fields`, 'invalid-annotation', PROXY_CONFIG_ANNOTATION);
    }
    return v;
  } catch (err) {
    if (err instanceof ConfigError) throw new InjectError(err.message, 'invalid-annotation', PROXY_CONFIG_ANNOTATION);
    throw err;
  }
}

export function effectiveProxyConfig(mesh: MeshConfig, podAnnotations: Record<string, string>): ProxyConfig {
  const value = podAnnotations[PROXY_CONFIG_ANNOTATION];
  if (value === undefined) return structuredClone(mesh.defaultConfig);
  const fragment = parseProxyConfigAnnotation(value);
  try {
    return mergeProxyConfig(mesh.defaultConfig, fragment ?? {});
  } catch (err) {
    if (err instanceof ProtoTypeError) {
      throw new InjectError(`annotation ${PROXY_CONFIG_ANNOTATION}: ${err.message}`, 'invalid-annotation', PROXY_CONFIG_ANNOTATION);
    }
    throw err;
  }
}
