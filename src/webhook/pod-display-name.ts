// The name logs use for a pod that may not have one yet: controller-created pods arrive at the
// webhook with only generateName (upstream logs them as `<generateName>***`).
import type { PodJson } from '../k8s/types.js';

export function podDisplayName(pod: PodJson): string {
  const name = typeof pod.metadata.name === 'string' ? pod.metadata.name : '';
  if (name !== '') return name;
  const generated = typeof pod.metadata.generateName === 'string' ? pod.metadata.generateName : '';
  return generated !== '' ? `${generated}***` : '';
}
