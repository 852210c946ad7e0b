// When the input holds Istio's MutatingWebhookConfigurations, selection uses their webhooks instead of
// the chart-derived ones; the run says so in a result, so a report shows which selectors decided.
import type { Json } from '../k8s/types.js';
import type { SelectionOptions } from '../select/types.js';
import { clusterWebhooksFrom } from '../select/cluster-webhooks.js';
import type { Result } from './result.js';

export function useClusterWebhooks(docs: readonly Json[], selection: SelectionOptions): Result[] {
  const set = clusterWebhooksFrom(docs);
  if (!set) return [];
  selection.clusterWebhooks = set.webhooks;
  const results: Result[] = [
    {
      severity: 'info',
      message: `selection uses the ${set.webhooks.length} webhook(s) of the cluster's MutatingWebhookConfigurations in the input (${set.configurations.join(', ')}), in the order the API server calls them, instead of the selectors Istio's chart would generate`,
      tags: { reason: 'config/info' },
    },
  ];
  for (const p of set.problems) results.push({ severity: 'warning', message: p, tags: { reason: 'config/warning' } });
  return results;
}
