// "kind/namespace/name" of a document for error messages, from whatever could be parsed.
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node } from 'yaml';

export function describeDocument(contents: unknown): string | undefined {
  if (!isMap(contents)) return undefined;
  const kind = scalarString(contents.get('kind', true));
  const metadata = contents.get('metadata', true);
  const name = isMap(metadata) ? scalarString(metadata.get('name', true)) : undefined;
  const namespace = isMap(metadata) ? scalarString(metadata.get('namespace', true)) : undefined;
  const parts = [kind, namespace, name].filter((p): p is string => p !== undefined && p !== '');
  return parts.length > 0 ? parts.join('/') : undefined;
}

/** Like describeDocument, but inside a ResourceList names the item that contains `offset`. */
export function describeAt(contents: unknown, offset: number): string | undefined {
  if (isMap(contents) && scalarString(contents.get('kind', true)) === 'ResourceList') {
    const items = contents.get('items', true);
    if (isSeq(items)) {
      const index = items.items.findIndex((item) => {
        const range = (item as Node | null)?.range;
        return range != null && range[0] <= offset && offset <= range[2];
      });
      if (index >= 0) return `ResourceList item ${index}${labelOf(items.items[index])}`;
    }
  }
  return describeDocument(contents);
}

function labelOf(item: unknown): string {
  const what = describeDocument(item);
  return what ? ` (${what})` : '';
}

function scalarString(node: unknown): string | undefined {
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') ? String(node.value) : undefined;
}
