// injectPod: the one pipeline every face calls (spec d.1-d.3). Pure: same pod + settings -> same pod.
//
//   validate annotations -> effective ProxyConfig -> strip a previous injection -> template names ->
//   render + strategic-merge each template -> re-apply user overrides -> post-process (cluster info,
//   prometheus, probes) -> status + injected annotations -> container order.
//
// Deliberate deviation from upstream (spec a.3, i.5): a previously injected pod is stripped and
// injected again from clean state; upstream merges onto the stale injection and can resurrect old
// proxy fields.
import type { Settings } from './config/types.js';
import { effectiveProxyConfig } from './config/effective-proxy-config.js';
import { proxyConfigJson } from './config/proxy-config-json.js';
import { validateAnnotations } from './config/validate-annotations.js';
import { InjectError } from './errors.js';
import type { InjectOutcome, InjectRequest } from './inject-types.js';
import type { Json, PodJson } from './k8s/types.js';
import { strategicMergePod } from './patch/strategic-merge.js';
import { stripInjection } from './patch/strip-injection.js';
import { moveUserProxyToInitContainers } from './patch/move-user-proxy-to-init-containers.js';
import { reapplyOverwrittenContainers } from './patch/reapply-overwritten-containers.js';
import { overwriteClusterInfo } from './patch/overwrite-cluster-info.js';
import { applyPrometheusMerge, prometheusMergeEnabled } from './patch/prometheus-merge.js';
import { applySecurePrometheusAnnotation } from './patch/secure-prometheus-annotation.js';
import { duplicateProbersEnv, PROBERS_ENV, rewriteAppHTTPProbeEnabled, rewriteAppProbes } from './patch/rewrite-app-probes.js';
import { statusAnnotationValue } from './patch/sidecar-status.js';
import { reorderContainers } from './patch/reorder-containers.js';
import { fillResourceFieldDivisors } from './patch/resource-field-divisor.js';
import { canonicalTemplateQuantities } from './patch/canonical-template-quantities.js';
import { checkInjectedLabels } from './patch/injected-label-problem.js';
import { buildTemplateContext, type TemplateContext } from './render/template-context.js';
import { get } from './render/template-helpers.js';
import { renderTemplate } from './render/render-template.js';
import { resolveTemplate } from './render/template-set.js';
import { renderGoTemplate } from './render/go/render-go-template.js';
import { goTemplateData } from './render/go/go-template-data.js';
import type { GoValue } from './gotemplate/value.js';
import { proxyImage, proxyInitImage, PROXY_IMAGE_TYPE_ANNOTATION } from './render/images.js';

export const STATUS_ANNOTATION = 'sidecar.istio.io/status';
export const TEMPLATES_ANNOTATION = 'inject.istio.io/templates';
const NATIVE_SIDECAR_ANNOTATION = 'sidecar.istio.io/nativeSidecar';
const NETWORK_LABEL = 'topology.istio.io/network';

/** Work that depends only on the Settings, done once per Settings object (never per pod). */
interface SettingsDerived {
  defaultProxyImage: string;
  defaultProxyInitImage: string;
  defaultProxyConfigJson: string;
  /** What the sidecar template writes into the CNI annotations when the pod does not say otherwise. */
  cniDefaults: Record<string, string>;
}
const derivedCache = new WeakMap<Settings, SettingsDerived>();

function derived(settings: Settings): SettingsDerived {
  let d = derivedCache.get(settings);
  if (!d) {
    d = {
      defaultProxyImage: proxyImage(settings.values, settings.mesh.defaultConfig),
      defaultProxyInitImage: proxyInitImage(settings.values),
      defaultProxyConfigJson: proxyConfigJson(settings.mesh.defaultConfig),
      cniDefaults: {
        'sidecar.istio.io/interceptionMode': String(settings.mesh.defaultConfig.interceptionMode ?? 'REDIRECT'),
        'traffic.sidecar.istio.io/includeInboundPorts': String(get(settings.values, 'global.proxy.includeInboundPorts') ?? '*'),
        'traffic.sidecar.istio.io/includeOutboundIPRanges': String(get(settings.values, 'global.proxy.includeIPRanges') ?? '*'),
      },
    };
    derivedCache.set(settings, d);
  }
  return d;
}

/** Template names for this pod: the annotation (trimmed items), else the flavor's defaults (spec b.2, d.5). */
export function templateNamesFor(req: InjectRequest, settings: Settings, annotations: Record<string, string>): string[] {
  const requested = annotations[TEMPLATES_ANNOTATION];
  let names =
    requested !== undefined
      ? requested.split(',').map((s) => s.trim()).filter((s) => s !== '')
      : [];
  if (names.length === 0) {
    names = req.flavor === 'webhook' && settings.injector.defaultTemplates.length > 0 ? [...settings.injector.defaultTemplates] : ['sidecar'];
  }
  if (req.flavor !== 'webhook') return names;
  // Aliases resolve one level: an alias naming another alias is not expanded again.
  const aliases = settings.injector.aliases ?? {};
  return names.flatMap((n) => (Object.prototype.hasOwnProperty.call(aliases, n) ? aliases[n]! : [n]));
}

export function injectPod(req: InjectRequest, settings: Settings): InjectOutcome {
  const warnings: string[] = [];
  const originalAnnotations = (req.pod.metadata.annotations ?? {}) as Record<string, string>;

  // 1. Validation: all failures in one error.
  const problems = validateAnnotations(originalAnnotations);
  if (problems.length > 0) {
    // The first bad annotation is the error's field, so a report can point at its line.
    const first = Object.keys(originalAnnotations).find((n) => validateAnnotations({ [n]: originalAnnotations[n]! }).length > 0);
    throw new InjectError(problems.join('; '), 'invalid-annotation', first);
  }

  // 2. ProxyConfig (mesh defaultConfig + proxy.istio.io/config).
  const proxyConfig = effectiveProxyConfig(settings.mesh, originalAnnotations);
  const d = derived(settings);
  const pcJson = originalAnnotations['proxy.istio.io/config'] === undefined ? d.defaultProxyConfigJson : proxyConfigJson(proxyConfig);

  // 3. Clean re-injection.
  const stripped = stripInjection(req.pod, { statusPort: Number(settings.mesh.defaultConfig.statusPort ?? 15020), cniDefaults: d.cniDefaults });
  const wasInjected = stripped.wasInjected;
  const pod: PodJson = stripped.pod;
  const annotations = (pod.metadata.annotations ?? {}) as Record<string, string>;

  // 4. Templates.
  const names = templateNamesFor(req, settings, annotations);
  const templates = names.map((n) => resolveTemplate(settings, n));

  const customImages = annotations[PROXY_IMAGE_TYPE_ANNOTATION] !== undefined || proxyConfig.image !== undefined;
  const renderInput = {
    pod,
    workload: req.workload,
    proxyConfig,
    proxyConfigJson: pcJson,
    settings,
    proxyImage: customImages ? proxyImage(settings.values, proxyConfig, annotations) : d.defaultProxyImage,
    proxyInitImage: customImages ? proxyInitImage(settings.values, annotations) : d.defaultProxyInitImage,
    proxyUID: req.proxyUID ?? 1337,
    proxyGID: req.proxyGID ?? 1337,
  };
  // Each kind of data is built once per pod, and only when a template of that kind runs.
  let ejsContext: TemplateContext | undefined;
  let goData: GoValue | undefined;

  // Native sidecar as Go code sees it (only "true"/"false" override the global setting, spec c.3).
  const nativeAnnotation = annotations[NATIVE_SIDECAR_ANNOTATION];
  if (nativeAnnotation !== undefined && nativeAnnotation !== '' && nativeAnnotation !== 'true' && nativeAnnotation !== 'false') {
    warnings.push(
      `annotation ${NATIVE_SIDECAR_ANNOTATION}: "${nativeAnnotation}" is neither "true" nor "false"; the sidecar template treats it as ` +
        `"true" but a user istio-proxy container is not moved to initContainers (use "true" or "false")`,
    );
  }
  const dnsPolicy = pod.spec.dnsPolicy;
  if (typeof dnsPolicy === 'string' && dnsPolicy !== '' && dnsPolicy !== 'ClusterFirst') {
    warnings.push(`dnsPolicy is ${dnsPolicy}; the sidecar expects ClusterFirst to reach istiod and mesh services by name`);
  }
  const native = nativeAnnotation === 'true' ? true : nativeAnnotation === 'false' ? false : settings.nativeSidecars;

  // 5. Render and merge every template twice: onto an empty "template pod" (what the templates
  //    produced, for status/overrides) and onto the real pod.
  let templatePod: PodJson = { metadata: {}, spec: {} };
  let merged: PodJson = pod;
  for (const template of templates) {
    const partial = canonicalTemplateQuantities(
      template.kind === 'go'
        ? renderGoTemplate(template, (goData ??= goTemplateData(renderInput)))
        : renderTemplate(template, (ejsContext ??= buildTemplateContext(renderInput))),
    );
    if (native) merged = moveUserProxyToInitContainers(merged, partial as Json);
    templatePod = strategicMergePod(templatePod, partial as Json);
    merged = strategicMergePod(merged, partial as Json);
  }

  // Go's typed Pod writes an unset resourceFieldRef divisor as "0".
  merged = fillResourceFieldDivisors(merged);

  // 6. User customisations of template containers (istio-proxy with image: auto, ...).
  const mode = annotations['sidecar.istio.io/interceptionMode'] ?? String(proxyConfig.interceptionMode ?? 'REDIRECT');
  merged = reapplyOverwrittenContainers({ merged, original: pod, templatePod, tproxy: mode === 'TPROXY', warnings });

  // 7. Post-processing (spec d.3), in Istio's order.
  // Fresh metadata maps: the merge shares untouched subtrees with the request pod, which must not change.
  merged = {
    ...merged,
    metadata: { ...merged.metadata, annotations: { ...(merged.metadata.annotations ?? {}) }, labels: { ...(merged.metadata.labels ?? {}) } },
  };

  const clusterEnv: Record<string, string> = {};
  const clusterName = String(get(settings.values, 'global.multiCluster.clusterName') ?? '');
  if (clusterName) clusterEnv.ISTIO_META_CLUSTER_ID = clusterName;
  let network = String(get(settings.values, 'global.network') ?? '');
  Object.assign(clusterEnv, req.proxyEnvs ?? {});
  if (req.proxyEnvs?.ISTIO_META_NETWORK) network = req.proxyEnvs.ISTIO_META_NETWORK;
  const podNetwork = (pod.metadata.labels ?? {})[NETWORK_LABEL];
  if (podNetwork) network = podNetwork;
  if (network) clusterEnv.ISTIO_META_NETWORK = network;
  for (const [k, v] of Object.entries(clusterEnv)) if (v === '') delete clusterEnv[k];
  if (Object.keys(clusterEnv).length > 0) merged = overwriteClusterInfo(merged, clusterEnv);

  // kube-inject reads the status port after the pod's proxy.istio.io/config; the webhook uses the mesh's.
  const meshStatusPort = Number(
    (req.flavor === 'webhook' ? settings.mesh.defaultConfig.statusPort : proxyConfig.statusPort) ?? 15020,
  );
  const mergedAnnotations = merged.metadata.annotations as Record<string, string>;
  const enabled = prometheusMergeEnabled(mergedAnnotations, settings.mesh.enablePrometheusMerge as boolean | undefined);
  merged = applyPrometheusMerge(merged, { statusPort: meshStatusPort, enabled });
  merged = applySecurePrometheusAnnotation(merged);

  const rewrite = rewriteAppHTTPProbeEnabled(
    merged.metadata.annotations as Record<string, string>,
    get(settings.values, 'sidecarInjectorWebhook.rewriteAppHTTPProbe') !== false,
  );
  if (rewrite) {
    merged = rewriteAppProbes(merged, { statusPort: meshStatusPort, wasInjected, previousProbers: stripped.previousProbers });
    if (duplicateProbersEnv(merged)) {
      warnings.push(
        `the pod's own istio-proxy container already sets ${PROBERS_ENV} but the pod has no ${STATUS_ANNOTATION} annotation, so, as ` +
          `Istio does, a second ${PROBERS_ENV} is appended (Kubernetes uses the last one, so the agent no longer serves ` +
          `the probes only the first one lists) and injecting the result again gives a different pod. This looks like an earlier injection whose status ` +
          `annotation was removed: remove its istio-proxy container (and istio-init), or restore the annotation`,
      );
    }
  }

  const finalLabels = { ...(merged.metadata.labels ?? {}) };
  if (network) finalLabels[NETWORK_LABEL] = network;
  const finalAnnotations: Record<string, string> = {
    ...(merged.metadata.annotations ?? {}),
    [STATUS_ANNOTATION]: statusAnnotationValue(templatePod, settings.revision || 'default'),
    ...(req.flavor === 'webhook' ? (settings.injector.injectedAnnotations ?? {}) : {}),
  };
  checkInjectedLabels((req.pod.metadata.labels ?? {}) as Record<string, string>, finalLabels);
  merged = { ...merged, metadata: { ...merged.metadata, labels: finalLabels, annotations: finalAnnotations } };

  const hold =
    proxyConfig.holdApplicationUntilProxyStarts === true || get(settings.values, 'global.proxy.holdApplicationUntilProxyStarts') === true;
  merged = reorderContainers(merged, { hold });

  return { pod: merged, wasInjected, warnings };
}
