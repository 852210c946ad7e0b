// "kind/namespace/name" of a document for error messages, from whatever could be parsed.
import { isMap, isScalar } from 'yaml';

export function describeDocument(contents: unknown): string | undefined {
  if (!isMap(contents)) return undefined;
  const kind = scalarString(contents.get('kind', true));
  const metadata = contents.get('metadata', true);
  const name = isMap(metadata) ? scalarString(metadata.get('name', true)) : undefined;
  const namespace = isMap(metadata) ? scalarString(metadata.get('namespace', true)) : undefined;
  const parts = [kind, namespace, name].filter((p): p is string => p !== undefined && p !== '');
  return parts.length > 0 ? parts.join('/') : undefined;
}

function scalarString(node: unknown): string | undefined {
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') ? String(node.value) : undefined;
}
