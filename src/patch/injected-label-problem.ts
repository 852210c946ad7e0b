// Labels injection writes must be labels Kubernetes accepts. Istio's templates derive the canonical
// name and revision from the pod's labels and its workload name; from a value Kubernetes rejects
// ("---", a name cut at 63 characters inside "--") they produce another rejected value, which the API
// server refuses and which the next injection would derive differently again.
import { InjectError } from '../errors.js';

/** Kubernetes' label value syntax (validation.IsValidLabelValue). */
const LABEL_VALUE = /^(?:(?:[A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

export function isValidLabelValue(value: string): boolean {
  return LABEL_VALUE.test(value);
}

/**
 * Throws InjectError('invalid-label') for the first label injection added or changed whose new value,
 * or whose value before, Kubernetes rejects. Labels injection leaves alone are the user's business.
 */
export function checkInjectedLabels(before: Record<string, string>, after: Record<string, string>): void {
  for (const [key, value] of Object.entries(after)) {
    if (typeof value !== 'string') continue;
    const had = Object.prototype.hasOwnProperty.call(before, key) ? before[key] : undefined;
    if (had === value) continue;
    const bad = !isValidLabelValue(value) ? value : had !== undefined && !isValidLabelValue(had) ? had : undefined;
    if (bad === undefined) continue;
    const change = had === undefined ? `sets label ${key} to ${JSON.stringify(value)}` : `changes label ${key} from ${JSON.stringify(had)} to ${JSON.stringify(value)}`;
    throw new InjectError(
      `injection ${change}, and Kubernetes rejects the label value ${JSON.stringify(bad)} (at most 63 characters: letters, digits, ` +
        `'-', '_' and '.', starting and ending with a letter or digit); the API server would refuse the pod, and the next ` +
        `injection would derive the label differently again. Fix the label it comes from (service.istio.io/canonical-name, ` +
        `app.kubernetes.io/name, app, the version labels) or the workload's name`,
      'invalid-label',
      key,
    );
  }
}
