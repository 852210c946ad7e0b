// Image naming (spec c.2): `<hub>/<name>:<tag>` with the image type (variant) folded into the tag.
import type { IstioValues, ProxyConfig } from '../config/types.js';
import type { Json } from '../k8s/types.js';

export const PROXY_IMAGE_TYPE_ANNOTATION = 'sidecar.istio.io/proxyImageType';

function obj(v: Json | undefined): { [k: string]: Json } {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {};
}

/** Go's `%v` of a scalar from JSON; enough for tags such as `1.12` or `latest`. */
function goPrint(v: Json | undefined): string {
  if (v === undefined || v === null) return '';
  return String(v);
}

/**
 * Applies an image type to a tag: a type that is already part of the tag (`-distroless`, `-debug`)
 * is replaced rather than doubled, and `default` means "no suffix".
 */
export function tagWithImageType(tag: string, imageType: string): string {
  if (!imageType) return tag;
  let base = tag;
  for (const suffix of ['-distroless', '-debug']) {
    if (base.endsWith(suffix)) {
      base = base.slice(0, -suffix.length);
      break;
    }
  }
  return imageType === 'default' ? base : `${base}-${imageType}`;
}

function imageUrl(values: IstioValues, name: string, imageType: string): string {
  const global = obj(values.global);
  const tag = tagWithImageType(goPrint(global.tag), imageType);
  return `${goPrint(global.hub)}/${name || 'proxyv2'}:${tag}`;
}

/** The istio-proxy image: type from the pod annotation, else ProxyConfig `image.imageType`, else values variant. */
export function proxyImage(values: IstioValues, proxyConfig: ProxyConfig, annotations: Record<string, string> = {}): string {
  const global = obj(values.global);
  const name = goPrint(obj(global.proxy).image);
  const pcType = goPrint(obj(proxyConfig.image).imageType);
  const type = annotations[PROXY_IMAGE_TYPE_ANNOTATION] ?? (pcType || goPrint(global.variant));
  return imageUrl(values, name, type);
}

/** The iptables init/validation image: type from the pod annotation, else values variant. */
export function proxyInitImage(values: IstioValues, annotations: Record<string, string> = {}): string {
  const global = obj(values.global);
  const name = goPrint(obj(global.proxy_init).image);
  const type = annotations[PROXY_IMAGE_TYPE_ANNOTATION] ?? goPrint(global.variant);
  return imageUrl(values, name, type);
}
