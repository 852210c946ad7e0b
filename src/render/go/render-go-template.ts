// Executes one parsed Go template for one pod and reads its YAML exactly as the ejs path does
// (partialPodFromYaml): from there on the pipeline does not know which kind of template ran.
import { DEFAULT_LIMITS, executeTemplate, GoTemplateError, type ExecLimits } from '../../gotemplate/index.js';
import type { GoValue } from '../../gotemplate/value.js';
import { InjectError } from '../../errors.js';
import type { JsonObject } from '../../k8s/types.js';
import { partialPodFromYaml } from '../render-template.js';
import type { CompiledGoTemplate } from './go-template-set.js';

/**
 * A template renders one partial pod (Istio's sidecar: ~10 KB): a body from a ConfigMap that loops or
 * grows without end is stopped well before it can hold up a webhook request.
 */
export const POD_TEMPLATE_LIMITS: ExecLimits = { ...DEFAULT_LIMITS, maxOutputBytes: 4 * 1024 * 1024, timeBudgetMs: 2000 };

/**
 * Renders `template` with the pod's SidecarTemplateData. A failure names the template, where it came
 * from and Go's own message (`template: sidecar:12:5: executing "sidecar" at <...>: ...`, with the
 * line and column); the face names the workload.
 */
export function renderGoTemplate(template: CompiledGoTemplate, data: GoValue): JsonObject {
  let text: string;
  try {
    text = executeTemplate(template.template, data, POD_TEMPLATE_LIMITS);
  } catch (e) {
    if (e instanceof GoTemplateError) {
      throw new InjectError(`template "${template.name}" (${template.origin}) failed: ${e.message}`, 'template-failed', template.name);
    }
    throw e;
  }
  return partialPodFromYaml(text, template.name, template.origin);
}
