// Istio's TestInjectRequired cases (spec a.2), through our injectRequired.
import test from 'ava';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { skippedCorpusGroup } from '../corpus.js';
import { injectRequired } from '../../src/select/index.js';
import type { PodJson, V1LabelSelector } from '../../src/k8s/types.js';

// dist/test/select/ -> repository root -> ../shared
const casesFile = fileURLToPath(new URL('../../../../shared/conformance/istio/policy-cases.json', import.meta.url));

interface PolicyCase {
  name: string;
  policy: string;
  namespace: string;
  hostNetwork: boolean;
  annotations: Record<string, string>;
  labels: Record<string, string>;
  alwaysInjectSelector: V1LabelSelector[];
  neverInjectSelector: V1LabelSelector[];
  want: boolean;
}

if (!existsSync(casesFile)) {
  skippedCorpusGroup("Istio's TestInjectRequired cases (policy-cases.json)");
} else {
  const data = JSON.parse(readFileSync(casesFile, 'utf8')) as { ignoredNamespaces: string[]; cases: PolicyCase[] };

  test('the corpus has the 36 upstream cases', (t) => {
    t.is(data.cases.length, 36);
  });

  data.cases.forEach((c, i) => {
    test(`[${String(i).padStart(2, '0')}] ${c.name} (policy ${c.policy}) -> ${c.want ? 'inject' : 'skip'}`, (t) => {
      const pod: PodJson = {
        metadata: { name: 'test', namespace: c.namespace, labels: { ...c.labels }, annotations: { ...c.annotations } },
        spec: { hostNetwork: c.hostNetwork, containers: [] },
      };
      const d = injectRequired(pod, c.namespace, {
        policy: c.policy,
        alwaysInjectSelector: c.alwaysInjectSelector,
        neverInjectSelector: c.neverInjectSelector,
      });
      t.is(d.inject, c.want, d.message);
      t.is(d.reason === 'injected', c.want, `reason ${d.reason} agrees with inject=${d.inject}`);
      t.true(d.message.length > 0);
    });
  });

  test('the corpus ignored namespaces are the ones we skip', (t) => {
    for (const ns of data.ignoredNamespaces) {
      const d = injectRequired({ metadata: {}, spec: {} }, ns, { policy: 'enabled', alwaysInjectSelector: [], neverInjectSelector: [] });
      t.is(d.reason, 'skipped/ignored-namespace', ns);
    }
  });
}
