// The `config` key of the istio-sidecar-injector ConfigMap as the chart renders it, the same for
// Istio 1.28.10, 1.30.3 and master (base/injector-config.json), minus the template bodies: our built-in ejs templates stand in for
// the eight stock Go templates, whose fingerprints are in template-fingerprints.ts.
import type { InjectorConfig } from '../types.js';

export const DEFAULT_INJECTOR_CONFIG: InjectorConfig = {
  policy: 'enabled',
  defaultTemplates: ['sidecar'],
  aliases: {},
  neverInjectSelector: [],
  alwaysInjectSelector: [],
  injectedAnnotations: {},
  goTemplates: {},
};

/** Names of the templates a stock ConfigMap carries (the four Gateway API ones render deployments, not pods). */
export const BUILT_IN_TEMPLATE_NAMES = [
  'agentgateway', 'agentgateway-waypoint', 'gateway', 'grpc-agent', 'grpc-simple', 'kube-gateway', 'sidecar', 'waypoint',
] as const;
