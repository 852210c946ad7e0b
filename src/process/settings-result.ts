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
  // With the cluster's own injector config, its Go templates decide what is injected: name the proxy tag
  // its values carry rather than claim the built-in release (which then only fills what is missing).
  const emulated = builtIn(injectorConfig)
    ? `Istio ${istio.label} (--istio-version ${istio.key})`
    : `the cluster's Istio${clusterTag(settings, builtIn(values)) ?? ''} through its injector config's own templates, Istio ${istio.release} built-ins filling only what its documents leave out (--istio-version ${istio.key})`;
  return {
    message: `emulating ${emulated}; ${source}`,
    severity: 'info',
    tags: { reason: 'config/istio-version', istioVersion: istio.release },
  };
}

/** ` (proxy tag X)` from the values the cluster gave, when it names one. */
function clusterTag(settings: Settings, valuesBuiltIn: boolean): string | undefined {
  if (valuesBuiltIn) return undefined;
  const global = settings.values.global;
  const tag = global && typeof global === 'object' && !Array.isArray(global) ? (global as Record<string, unknown>).tag : undefined;
  return typeof tag === 'string' || typeof tag === 'number' ? ` (proxy tag ${String(tag)})` : undefined;
}
