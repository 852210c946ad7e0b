// The namespaces a run knows about: Namespace objects in the input first, then labels declared in the
// function config. A namespace in neither is "unknown" and is treated as unlabeled (with a warning).
import type { Json } from '../k8s/types.js';
import type { NamespaceView } from '../select/types.js';
import { isObject } from '../k8s/json.js';
import { ownValue, setOwn } from '../k8s/own-keys.js';

export class NamespaceIndex {
  private readonly fromInput = new Map<string, Record<string, string>>();

  constructor(private readonly declared: Record<string, Record<string, string>>) {}

  /** Records `doc` if it is a core/v1 Namespace, or the Namespaces of a `v1` List (`kubectl get ns -o yaml`). */
  observe(doc: Json): void {
    if (isObject(doc) && doc.kind === 'List' && Array.isArray(doc.items)) {
      for (const item of doc.items) this.observe(item);
      return;
    }
    if (!isObject(doc) || doc.kind !== 'Namespace' || doc.apiVersion !== 'v1') return;
    const meta = isObject(doc.metadata) ? doc.metadata : {};
    if (typeof meta.name !== 'string') return;
    this.fromInput.set(meta.name, stringMap(meta.labels));
  }

  view(name: string): NamespaceView {
    const input = this.fromInput.get(name);
    if (input) return { name, labels: { 'kubernetes.io/metadata.name': name, ...input }, source: 'input' };
    const declared = ownValue(this.declared, name);
    if (declared) return { name, labels: { 'kubernetes.io/metadata.name': name, ...declared }, source: 'declared' };
    // The API server sets kubernetes.io/metadata.name on every namespace; the `auto.` webhook reads it.
    return { name, labels: { 'kubernetes.io/metadata.name': name }, source: 'unknown' };
  }
}

function stringMap(v: Json | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(v)) return out;
  for (const [k, val] of Object.entries(v)) if (val !== null && val !== undefined) setOwn(out, k, String(val));
  return out;
}
