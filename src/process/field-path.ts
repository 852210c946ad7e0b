// The field paths of results (`spec.template.metadata.annotations[inject.istio.io/templates]`,
// `spec.template.spec.containers[0].name`) as JSON path steps, to find the field's line in its document.

export function parseFieldPath(path: string): (string | number)[] {
  const steps: (string | number)[] = [];
  const re = /([^.[\]]+)|\[([^\]]*)\]/g;
  for (let m = re.exec(path); m; m = re.exec(path)) {
    if (m[1] !== undefined) steps.push(m[1]);
    else {
      const inner = m[2]!.replace(/^"(.*)"$/, '$1');
      steps.push(/^\d+$/.test(inner) ? Number(inner) : inner);
    }
  }
  return steps;
}
