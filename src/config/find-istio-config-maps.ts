// Istio's own ConfigMaps among the input documents: `istio-sidecar-injector[-<rev>]` (keys
// `config`, `values`) and `istio[-<rev>]` (key `mesh`), as istioctl kube-inject reads them from a
// cluster. The revision picks the suffix; '' or 'default' means the unsuffixed names.
import type { Json } from '../k8s/types.js';
import { isObject } from '../k8s/json.js';

export interface IstioConfigMaps {
  injector?: { config?: string; values?: string };
  mesh?: string;
}

export function findIstioConfigMaps(docs: Json[], revision: string): IstioConfigMaps {
  const suffix = revision === '' || revision === 'default' ? '' : `-${revision}`;
  const out: IstioConfigMaps = {};
  for (const doc of docs) {
    if (!isObject(doc) || doc.kind !== 'ConfigMap' || !isObject(doc.metadata) || !isObject(doc.data)) continue;
    const name = doc.metadata.name;
    const data = doc.data;
    const str = (k: string) => (typeof data[k] === 'string' ? (data[k] as string) : undefined);
    if (name === `istio-sidecar-injector${suffix}`) {
      const injector: { config?: string; values?: string } = {};
      if (str('config') !== undefined) injector.config = str('config');
      if (str('values') !== undefined) injector.values = str('values');
      out.injector = injector;
    } else if (name === `istio${suffix}` && str('mesh') !== undefined) {
      out.mesh = str('mesh');
    }
  }
  return out;
}
