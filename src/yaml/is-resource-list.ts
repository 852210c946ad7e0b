// Cheap detection of a KRM ResourceList on stdin (versus a plain manifest stream), without parsing:
// a top-level `kind: ResourceList` in the first document, or a JSON (flow) object with that kind.
const YAML_KIND = /^kind:[ \t]*(["']?)ResourceList\1[ \t]*(?:#.*)?$/;
const FLOW_KIND = /(["']?)kind\1\s*:\s*(["']?)ResourceList\2\s*[,}]/;

export function isResourceList(text: string): boolean {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = body.trimStart()[0];
  if (first === '{') return FLOW_KIND.test(body);
  let seenContent = false;
  let from = 0;
  while (from < body.length) {
    let to = body.indexOf('\n', from);
    if (to < 0) to = body.length;
    const line = body.slice(from, to).replace(/\r$/, '');
    from = to + 1;
    if (line.startsWith('---') || line.startsWith('...')) {
      // A separator after content ends the first document; one before it just opens it.
      if (seenContent) return false;
      if (line.startsWith('...')) continue;
      if (YAML_KIND.test(line.slice(3).trimStart())) return true;
      continue;
    }
    if (line === '' || line.startsWith('#') || line.startsWith('%')) continue;
    seenContent = true;
    if (YAML_KIND.test(line)) return true;
  }
  return false;
}
