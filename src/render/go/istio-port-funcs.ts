// Istio's helpers that read containers: includeInboundPorts, applicationPorts and
// otelResourceAttributes (spec c.5). Containers come typed ([]corev1.Container) or as JSON maps.
import { FuncError } from '../../gotemplate/func-def.js';
import type { GoValue } from '../../gotemplate/value.js';
import { containersArg, fieldOf, firstField, intOf, stringMapReader, stringOf } from './helper-args.js';

/** The TCP container ports of the containers `include` accepts, comma-joined (UDP and SCTP skipped). */
function containerPorts(fn: string, containers: GoValue, include: (c: GoValue) => boolean): string {
  const out: string[] = [];
  for (const c of containersArg(fn, containers)) {
    if (!include(c)) continue;
    const ports = fieldOf(c, 'Ports');
    for (const p of containersArg(fn, ports)) {
      const protocol = stringOf(fieldOf(p, 'Protocol'));
      if (protocol === 'UDP' || protocol === 'SCTP') continue;
      out.push(String(intOf(fieldOf(p, 'ContainerPort'))));
    }
  }
  return out.join(',');
}

export function includeInboundPorts(containers: GoValue): string {
  return containerPorts('includeInboundPorts', containers, () => true);
}

export function applicationPorts(containers: GoValue): string {
  return containerPorts('applicationPorts', containers, (c) => stringOf(fieldOf(c, 'Name')) !== 'istio-proxy');
}

/** Tag and digest of an image reference (`reg:5000/img:1.0@sha256:ff` gives `1.0`, `sha256:ff`). */
export function imageTagDigest(image: string): { tag: string; digest: string } {
  let digest = '';
  const at = image.indexOf('@');
  if (at >= 0) {
    digest = image.slice(at + 1);
    image = image.slice(0, at);
  }
  const colon = image.lastIndexOf(':');
  const tag = colon > image.lastIndexOf('/') ? image.slice(colon + 1) : '';
  return { tag, digest };
}

/** Does some extension provider ask for OpenTelemetry semantic conventions? */
function wantsOtelSemanticConventions(mesh: GoValue): boolean {
  const providers = firstField(mesh, 'ExtensionProviders', 'extensionProviders');
  for (const ep of containersArg('otelResourceAttributes', providers ?? null)) {
    const otel = firstField(ep, 'Opentelemetry', 'opentelemetry') ?? firstField(firstField(ep, 'Provider') ?? null, 'Opentelemetry');
    if (otel === undefined) continue;
    if (stringOf(firstField(otel, 'ServiceAttributeEnrichment', 'serviceAttributeEnrichment') ?? null) === 'OTEL_SEMANTIC_CONVENTIONS') return true;
  }
  return false;
}

/** otelResourceAttributes mesh annotations labels namespace containers (Istio 1.30+). */
export function otelResourceAttributes(args: GoValue[]): string {
  const [mesh, annotationsArg, labelsArg, namespaceArg, containersValue] = args;
  const fn = 'otelResourceAttributes';
  const annotation = stringMapReader(fn, annotationsArg);
  const label = stringMapReader(fn, labelsArg);
  const namespace = typeof namespaceArg === 'string' ? namespaceArg : '';
  if (namespaceArg !== undefined && namespaceArg !== null && typeof namespaceArg !== 'string') throw new FuncError(`${fn}: namespace must be a string`);
  const containers = containersArg(fn, containersValue);
  if (!wantsOtelSemanticConventions(mesh)) return '';
  const attrs: string[] = [];
  const ann = (k: string) => annotation(`resource.opentelemetry.io/${k}`) ?? '';
  if (ann('service.namespace')) attrs.push(`service.namespace=${ann('service.namespace')}`);
  else if (namespace) attrs.push(`service.namespace=${namespace}`);
  if (ann('service.version')) attrs.push(`service.version=${ann('service.version')}`);
  else if (label('app.kubernetes.io/version')) attrs.push(`service.version=${label('app.kubernetes.io/version')}`);
  else if (containers.length === 1) {
    const { tag, digest } = imageTagDigest(stringOf(fieldOf(containers[0], 'Image')));
    const version = tag && digest ? `${tag}@${digest}` : digest || tag;
    if (version) attrs.push(`service.version=${version}`);
  }
  if (ann('service.instance.id')) attrs.push(`service.instance.id=${ann('service.instance.id')}`);
  else if (containers.length > 0) attrs.push(`service.instance.id=${namespace}.$(POD_NAME).${stringOf(fieldOf(containers[0], 'Name'))}`);
  return attrs.join(',');
}
