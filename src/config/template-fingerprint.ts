// Recognises Istio's stock Go template bodies by their SHA-256 (spec templates/README.md).
import { createHash } from 'node:crypto';
import { TEMPLATE_FINGERPRINTS } from './defaults/template-fingerprints.js';

export function templateFingerprint(body: string): string {
  return createHash('sha256').update(body.trim(), 'utf8').digest('hex');
}

/** True when `body` is exactly Istio 1.32's built-in template `name` (white space around it ignored). */
export function isStockTemplate(name: string, body: string, fingerprints: Readonly<Record<string, string>> = TEMPLATE_FINGERPRINTS): boolean {
  const want = fingerprints[name];
  return want !== undefined && templateFingerprint(body) === want;
}
