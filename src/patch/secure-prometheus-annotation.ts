// With ENVOY_SECURE_MERGED_METRICS_PORT set on the proxy, Prometheus must be told where the mTLS
// metrics endpoint is; a user-set annotation is left alone.
import type { PodJson } from '../k8s/types.js';
import { annotationsOf, envValue, findProxy, withAnnotations } from './pod-access.js';

export const SECURE_PORT_ANNOTATION = 'prometheus.istio.io/secure-port';
export const SECURE_PORT_ENV = 'ENVOY_SECURE_MERGED_METRICS_PORT';

export function applySecurePrometheusAnnotation(pod: PodJson): PodJson {
  const proxy = findProxy(pod);
  if (!proxy || SECURE_PORT_ANNOTATION in annotationsOf(pod)) return pod;
  const port = envValue(proxy.container, SECURE_PORT_ENV);
  if (port === undefined || port === '' || port === '0') return pod;
  return withAnnotations(pod, (a) => {
    a[SECURE_PORT_ANNOTATION] = port;
  });
}
