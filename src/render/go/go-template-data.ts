// The pipeline's render input (the same one the ejs context is built from) as the typed
// SidecarTemplateData of template-data.ts. The mesh/values part is built once per Settings.
import type { GoStruct } from '../../gotemplate/value.js';
import type { ContextInput } from '../template-context.js';
import { rememberProxyConfigJson } from './istio-data-funcs.js';
import { buildTemplateData, cachedSettingsTemplateData } from './template-data.js';

export function goTemplateData(input: ContextInput): GoStruct {
  const s = input.settings;
  // The pipeline printed this ProxyConfig already (PROXY_CONFIG of the ejs context): protoToJSON reuses it.
  rememberProxyConfigJson(input.proxyConfig, input.proxyConfigJson);
  return buildTemplateData({
    pod: input.pod,
    workload: input.workload,
    proxyConfig: input.proxyConfig,
    settings: cachedSettingsTemplateData(s.mesh, s.values),
    revision: s.revision,
    nativeSidecars: s.nativeSidecars,
    proxyImage: input.proxyImage,
    proxyInitImage: input.proxyInitImage,
    proxyUID: input.proxyUID,
    proxyGID: input.proxyGID,
    compliancePolicy: s.compliancePolicy,
  });
}
