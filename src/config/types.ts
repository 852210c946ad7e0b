// The settings every injection is computed from. Built once per run (KRM, CLI) or per config
// reload (webhook) by buildSettings (src/config/build-settings.ts), never per pod.
import type { Json, JsonObject, V1LabelSelector } from '../k8s/types.js';
import type { IstioVersionKey } from './defaults/istio-versions.js';

/** Istio's `values` document (the `values` key of the istio-sidecar-injector ConfigMap), as JSON. */
export type IstioValues = JsonObject;

/** Mesh config in protobuf-JSON names, already applied on top of Istio's DefaultMeshConfig(). */
export type MeshConfig = JsonObject & { defaultConfig: ProxyConfig };

/** A ProxyConfig (mesh `defaultConfig`, possibly with a pod's `proxy.istio.io/config` merged on top). */
export type ProxyConfig = JsonObject;

/** The `config` key of the istio-sidecar-injector ConfigMap (Istio's injector config), parsed. */
export interface InjectorConfig {
  policy: string; // 'enabled' | 'disabled' | anything else = illegal (never inject)
  defaultTemplates: string[];
  aliases: Record<string, string[]>;
  neverInjectSelector: V1LabelSelector[];
  alwaysInjectSelector: V1LabelSelector[];
  injectedAnnotations: Record<string, string>;
  /** Go template bodies of the config's `templates:` (and a legacy `template:` as `sidecar`), by name.
   *  Rendered by src/render/go/; a name not here falls back to the built-in ejs template. */
  goTemplates: Record<string, string>;
}

/** One injection template in our engine: ejs source producing a partial Pod as YAML. */
export interface TemplateSource {
  name: string;
  /** ejs source text. */
  source: string;
  /** Where it came from, for messages: `built-in`, a file path, or `functionConfig.templates.<name>`. */
  origin: string;
}

/** A message about the configuration itself (not about one workload), surfaced as a result. */
export interface ConfigNotice {
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** Field path in the function config or Istio document, when there is one. */
  field?: string;
}

/** Where each of Istio's three documents came from: `built-in`, a file path or a ConfigMap key. */
export interface SettingsProvenance {
  injectorConfig: string;
  values: string;
  meshConfig: string;
}

export interface Settings {
  /** The Istio version whose built-in defaults fill what the config does not give ('1.28' | '1.30' | 'master'). */
  istioVersion: IstioVersionKey;
  provenance: SettingsProvenance;
  values: IstioValues;
  mesh: MeshConfig;
  injector: InjectorConfig;
  /** User-supplied ejs templates by name (a user template with a built-in's name replaces it).
   *  Built-in templates live in src/render/ and are looked up there when a name is not here. */
  templates: Record<string, TemplateSource>;
  /** Serving revision; '' means the default revision (written as `default`). */
  revision: string;
  /** Revision tags (values.revisionTags) that select this revision, for namespace emulation. */
  revisionTags: string[];
  /** values.sidecarInjectorWebhook.enableNamespacesByDefault */
  enableNamespacesByDefault: boolean;
  /** Global native-sidecar decision (ENABLE_NATIVE_SIDECARS), before the pod annotation. */
  nativeSidecars: boolean;
  /** istiod's COMPLIANCE_POLICY ('' or e.g. 'fips-140-3'). */
  compliancePolicy: string;
  /** istiod's environment as Go templates see it through `env` (never our own process environment).
   *  Holds ENABLE_NATIVE_SIDECARS as decided by nativeSidecars. */
  istiodEnv: Record<string, string>;
  /** Problems found while loading (unknown fields, differing built-in template bodies, ...). */
  notices: ConfigNotice[];
}

export type { Json, JsonObject };
