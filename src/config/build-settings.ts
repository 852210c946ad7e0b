// Settings for one run (KRM, CLI) or one config reload (webhook): Istio's three documents, each
// given or else the built-in defaults of the chosen Istio version (default 1.30.3), plus the few
// istiod-level switches.
import type { Json } from '../k8s/types.js';
import type { ConfigNotice, InjectorConfig, IstioValues, MeshConfig, Settings, TemplateSource } from './types.js';
import { DEFAULT_ISTIO_VERSION, injectorConfigFor, type IstioVersionKey } from './defaults/istio-versions.js';
import { isObject } from '../k8s/json.js';
import { chartMeshConfig, parseMeshConfig } from './parse-mesh-config.js';
import { parseInjectorConfig } from './parse-injector-config.js';
import { defaultValues, parseValues } from './parse-values.js';
import { resolveIstiodEnv } from './istiod-env.js';

export type SettingsDocument = { text: string; origin: string } | { object: Json; origin: string };

export interface SettingsInput {
  /** Whose built-in defaults fill the documents not given (and which built-in templates render); default 1.30. */
  istioVersion?: IstioVersionKey;
  values?: SettingsDocument;
  meshConfig?: SettingsDocument;
  injectorConfig?: SettingsDocument;
  /** User ejs templates by name. */
  templates?: Record<string, { source: string; origin: string }>;
  /** Overrides values.revision; default values.revision or ''. */
  revision?: string;
  /** ENABLE_NATIVE_SIDECARS decision; default true. */
  nativeSidecars?: boolean;
  /** istiod COMPLIANCE_POLICY; default ''. */
  compliancePolicy?: string;
  /** istiod's environment for the templates' `env` function (istiod-env.ts); default {}. */
  istiodEnv?: Record<string, string>;
}

const content = (d: SettingsDocument): string | Json => ('text' in d ? d.text : d.object);

/** Throws ConfigError (naming the document) when a document is malformed. */
export function buildSettings(input: SettingsInput = {}): Settings {
  const notices: ConfigNotice[] = [];
  const istioVersion = input.istioVersion ?? DEFAULT_ISTIO_VERSION;
  const values: IstioValues = input.values ? parseValues(content(input.values), input.values.origin, istioVersion) : defaultValues(istioVersion);
  const mesh: MeshConfig = input.meshConfig ? parseMeshConfig(content(input.meshConfig), input.meshConfig.origin) : chartMeshConfig();
  let injector: InjectorConfig;
  if (input.injectorConfig) {
    const parsed = parseInjectorConfig(content(input.injectorConfig), input.injectorConfig.origin);
    injector = parsed.injector;
    notices.push(...parsed.notices);
  } else injector = injectorConfigFor(istioVersion);

  const templates: Record<string, TemplateSource> = {};
  for (const [name, t] of Object.entries(input.templates ?? {})) templates[name] = { name, source: t.source, origin: t.origin };

  const istiod = resolveIstiodEnv(input.istiodEnv, input.nativeSidecars);
  const tags = values.revisionTags;
  const webhook = isObject(values.sidecarInjectorWebhook) ? values.sidecarInjectorWebhook : {};
  return {
    istioVersion,
    provenance: {
      injectorConfig: input.injectorConfig?.origin ?? 'built-in',
      values: input.values?.origin ?? 'built-in',
      meshConfig: input.meshConfig?.origin ?? 'built-in',
    },
    values,
    mesh,
    injector,
    templates,
    revision: input.revision ?? (typeof values.revision === 'string' ? values.revision : ''),
    revisionTags: Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [],
    enableNamespacesByDefault: webhook.enableNamespacesByDefault === true,
    nativeSidecars: istiod.nativeSidecars,
    compliancePolicy: input.compliancePolicy ?? '',
    istiodEnv: istiod.env,
    notices,
  };
}
