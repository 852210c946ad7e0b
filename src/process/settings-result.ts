// The first line of every decision report (and the first KRM result): which Istio the run emulated
// and where each of Istio's three documents came from, so a reader of a diff knows what produced it.
import type { Settings } from '../config/types.js';
import { builtinIstio } from '../config/defaults/istio-versions.js';
import type { Result } from './result.js';

export function settingsResult(settings: Settings): Result {
  const istio = builtinIstio(settings.istioVersion);
  const { injectorConfig, values, meshConfig } = settings.provenance;
  const builtIn = (origin: string) => origin === 'built-in';
  const image = `${istio.hub}/proxyv2:${istio.tag}`;
  let source: string;
  if (builtIn(injectorConfig) && builtIn(values) && builtIn(meshConfig)) {
    source = `config: built-in defaults (chart values, mesh config, injector config and templates of Istio ${istio.release}; image ${image})`;
  } else {
    const part = (what: string, origin: string) => `${what} from ${builtIn(origin) ? `the built-in ${istio.release} defaults` : origin}`;
    source = `config: ${[part('injector config', injectorConfig), part('values', values), part('mesh config', meshConfig)].join(', ')}`;
  }
  return {
    message: `emulating Istio ${istio.label} (--istio-version ${istio.key}); ${source}`,
    severity: 'info',
    tags: { reason: 'config/istio-version', istioVersion: istio.release },
  };
}
