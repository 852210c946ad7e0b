// The Istio versions whose stock install the tool can emulate without any config given, chosen by one
// key (`--istio-version`, function config `istioVersion`). Each version's defaults are its chart's
// values and mesh document, its injector config and its templates' behaviour (the built-in ejs
// templates read `istioVersion` where the versions differ; see src/render/templates/).
//
// What differs between the three (learned from each version's golden cases, chart and templates):
//  * values: only the image hub and tag. A release chart names its own image (docker.io/istio,
//    tag = the release); master's chart names a CI build (registry.istio.io/testing, latest).
//  * sidecar/gateway templates, 1.28 -> 1.30: 1.30 adds the `divisor: "1"` of the downward-API
//    resource references (1.28 sets none, which Go's typed pod writes out as `divisor: "0"`), the
//    OTEL_RESOURCE_ATTRIBUTES env and a CRL ConfigMap name taken from values.pilot.crlConfigMapName
//    (1.28: always `istio-ca-crl`).
//  * 1.30 -> master: master drops the GOMAXPROCS env, adds GODEBUG=fips140=only under the
//    fips-140-3 compliance policy, and adds the istio-ca-crl volume only when istiod issues the
//    certificates (1.28 and 1.30 add it always).
//  * mesh document, DefaultMeshConfig() and the injector config (policy, defaultTemplates, selectors):
//    the same in all three.
import type { JsonObject } from '../../k8s/types.js';
import type { InjectorConfig } from '../types.js';
import { CHART_VALUES } from './values.js';
import { DEFAULT_INJECTOR_CONFIG } from './injector-config.js';

export const ISTIO_VERSION_KEYS = ['1.28', '1.30', 'master'] as const;
export type IstioVersionKey = (typeof ISTIO_VERSION_KEYS)[number];

/** With no config and no --istio-version, the newest release in the conformance corpora. */
export const DEFAULT_ISTIO_VERSION: IstioVersionKey = '1.30';

export interface BuiltinIstio {
  key: IstioVersionKey;
  /** The exact version the built-ins reproduce and were verified against. */
  release: string;
  /** How the report names it: `1.30.3`, `master (commit 86c9f01f, 2026-08-22)`. */
  label: string;
  hub: string;
  tag: string;
}

const VERSIONS: Readonly<Record<IstioVersionKey, BuiltinIstio>> = {
  '1.28': { key: '1.28', release: '1.28.10', label: '1.28.10', hub: 'docker.io/istio', tag: '1.28.10' },
  '1.30': { key: '1.30', release: '1.30.3', label: '1.30.3', hub: 'docker.io/istio', tag: '1.30.3' },
  master: { key: 'master', release: 'master', label: 'master (commit 86c9f01f, 2026-08-22)', hub: 'registry.istio.io/testing', tag: 'latest' },
};

export function builtinIstio(key: IstioVersionKey): BuiltinIstio {
  return VERSIONS[key];
}

/**
 * The key for a user's spelling: `1.30`, `1.30.3`, `v1.30.3`, `master`. Only the patch releases the
 * built-ins were verified against are accepted, so `1.30.1` is an error rather than a silent 1.30.3.
 */
export function parseIstioVersion(text: string): IstioVersionKey | undefined {
  const t = text.trim().replace(/^v/, '');
  for (const v of Object.values(VERSIONS)) if (t === v.key || t === v.release) return v.key;
  return undefined;
}

/** What `--istio-version` accepts, for messages. */
export function istioVersionChoices(): string {
  return Object.values(VERSIONS).map((v) => (v.key === v.release ? v.key : `${v.key} (= ${v.release})`)).join(', ');
}

/** The chart values of `key`: the common chart values with that version's image hub and tag. */
export function chartValuesFor(key: IstioVersionKey): JsonObject {
  const values = structuredClone(CHART_VALUES);
  const global = values.global as JsonObject;
  global.hub = VERSIONS[key].hub;
  global.tag = VERSIONS[key].tag;
  return values;
}

/** The injector config (the `config` key without template bodies) of `key`. */
export function injectorConfigFor(_key: IstioVersionKey): InjectorConfig {
  return structuredClone(DEFAULT_INJECTOR_CONFIG);
}

/** Values of the default version (docker.io/istio/proxyv2:1.30.3). */
export const DEFAULT_VALUES: JsonObject = chartValuesFor(DEFAULT_ISTIO_VERSION);
