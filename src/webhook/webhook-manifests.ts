// The Kubernetes objects that run this webhook in a cluster: ServiceAccount, Service, Deployment,
// PodDisruptionBudget and the MutatingWebhookConfigurations. The webhooks' selectors come from
// select/ (the same definitions the offline namespace emulation evaluates), so what the cluster
// sends us and what `inject` decides offline cannot drift apart.
import type {
  AdmissionregistrationV1WebhookClientConfig,
  V1Deployment,
  V1MutatingWebhook,
  V1MutatingWebhookConfiguration,
  V1PodDisruptionBudget,
  V1Service,
  V1ServiceAccount,
} from '@kubernetes/client-node';
import { emulatedWebhooks, revisionLabelValue, isDefaultRevision, type EmulatedWebhook } from '../select/index.js';

export interface WebhookManifestOptions {
  /** Namespace the webhook runs in. */
  namespace: string;
  /** Base name of the Service, Deployment, ServiceAccount, PDB and MWC. */
  name: string;
  revision: string;
  revisionTags: string[];
  enableNamespacesByDefault: boolean;
  failurePolicy: 'Fail' | 'Ignore';
  timeoutSeconds: number;
  reinvocationPolicy: 'Never' | 'IfNeeded';
  /** Base64 PEM bundle of the CA that signed the serving certificate. */
  caBundle?: string;
  image: string;
  replicas: number;
  /** Container port the server listens on (Service port 443 targets it). */
  port: number;
  /** Secret of type kubernetes.io/tls with tls.crt / tls.key. */
  tlsSecretName: string;
  /** ConfigMaps holding Istio's `config`/`values` and `mesh` keys. */
  injectorConfigMap: string;
  meshConfigMap: string;
  failureMode: 'deny' | 'allow';
}

export function defaultManifestOptions(revision = ''): WebhookManifestOptions {
  const suffix = isDefaultRevision(revision) ? '' : `-${revision}`;
  return {
    namespace: 'istio-system',
    name: `inject-istio-sidecar${suffix}`,
    revision,
    revisionTags: [],
    enableNamespacesByDefault: false,
    failurePolicy: 'Fail',
    timeoutSeconds: 10,
    reinvocationPolicy: 'Never',
    image: 'inject-istio-sidecar:dev',
    replicas: 2,
    port: 15017,
    tlsSecretName: `inject-istio-sidecar${suffix}-tls`,
    injectorConfigMap: `istio-sidecar-injector${suffix}`,
    meshConfigMap: `istio${suffix}`,
    failureMode: 'deny',
  };
}

type Manifest = V1ServiceAccount | V1Service | V1Deployment | V1PodDisruptionBudget | V1MutatingWebhookConfiguration;

const TLS_DIR = '/etc/inject-istio-sidecar/tls';
const CONFIG_DIR = '/etc/inject-istio-sidecar/config';

export function webhookManifests(o: WebhookManifestOptions): Manifest[] {
  const labels = { 'app.kubernetes.io/name': 'inject-istio-sidecar', 'app.kubernetes.io/instance': o.name, 'istio.io/rev': revisionLabelValue(o.revision) };
  const selector = { 'app.kubernetes.io/name': 'inject-istio-sidecar', 'app.kubernetes.io/instance': o.name };
  const meta = (name = o.name) => ({ name, namespace: o.namespace, labels: { ...labels } });
  const serviceAccount: V1ServiceAccount = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta() };
  const service: V1Service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(),
    spec: { selector: { ...selector }, ports: [{ name: 'https-webhook', port: 443, targetPort: o.port as never, protocol: 'TCP' }] },
  };
  const args = [
    'webhook',
    `--port=${o.port}`,
    `--tls-cert-file=${TLS_DIR}/tls.crt`,
    `--tls-key-file=${TLS_DIR}/tls.key`,
    `--config-dir=${CONFIG_DIR}`,
    `--failure-mode=${o.failureMode}`,
    // One process per pod: the pod asks for 100m and has no CPU limit, so the default (the node's
    // CPUs) could start dozens of workers inside a 512Mi memory limit. Scale with replicas instead.
    '--workers=1',
  ];
  if (!isDefaultRevision(o.revision)) args.push(`--revision=${o.revision}`);
  const probe = (path: string) => ({ httpGet: { path, port: o.port as never, scheme: 'HTTPS' }, periodSeconds: 5 });
  const deployment: V1Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(),
    spec: {
      replicas: o.replicas,
      selector: { matchLabels: { ...selector } },
      template: {
        metadata: {
          labels: { ...labels, 'sidecar.istio.io/inject': 'false' },
        },
        spec: {
          serviceAccountName: o.name,
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          // SIGTERM drains in-flight reviews; the API server retries elsewhere meanwhile.
          terminationGracePeriodSeconds: 30,
          containers: [
            {
              name: 'webhook',
              image: o.image,
              args,
              ports: [{ name: 'https-webhook', containerPort: o.port, protocol: 'TCP' }],
              readinessProbe: probe('/ready'),
              livenessProbe: { ...probe('/healthz'), failureThreshold: 6 },
              resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
              volumeMounts: [
                { name: 'tls', mountPath: TLS_DIR, readOnly: true },
                { name: 'config', mountPath: CONFIG_DIR, readOnly: true },
              ],
            },
          ],
          volumes: [
            { name: 'tls', secret: { secretName: o.tlsSecretName } },
            {
              // One directory with config, values and mesh; kubelet swaps it atomically on change.
              name: 'config',
              projected: {
                sources: [
                  { configMap: { name: o.injectorConfigMap, items: [{ key: 'config', path: 'config' }, { key: 'values', path: 'values' }], optional: true } },
                  { configMap: { name: o.meshConfigMap, items: [{ key: 'mesh', path: 'mesh' }], optional: true } },
                ],
              },
            },
          ],
        },
      },
    },
  };
  const pdb: V1PodDisruptionBudget = {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: meta(),
    spec: { minAvailable: 1 as never, selector: { matchLabels: { ...selector } } },
  };
  const hooks = emulatedWebhooks({ revision: o.revision, revisionTags: o.revisionTags, enableNamespacesByDefault: o.enableNamespacesByDefault });
  const configs: V1MutatingWebhookConfiguration[] = [];
  const main = hooks.filter((h) => h.tag === undefined);
  configs.push(mwc(o.name, main, o, labels));
  const tags = [...new Set(o.revisionTags)].filter((t) => t !== revisionLabelValue(o.revision));
  for (const tag of tags) {
    configs.push(mwc(`${o.name}-tag-${tag}`, hooks.filter((h) => h.tag === tag), o, { ...labels, 'istio.io/tag': tag }));
  }
  return [serviceAccount, service, deployment, pdb, ...configs];
}

function mwc(name: string, hooks: EmulatedWebhook[], o: WebhookManifestOptions, labels: Record<string, string>): V1MutatingWebhookConfiguration {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'MutatingWebhookConfiguration',
    metadata: { name, labels: { ...labels } },
    webhooks: hooks.map((h) => webhook(h, o)),
  };
}

function webhook(h: EmulatedWebhook, o: WebhookManifestOptions): V1MutatingWebhook {
  const clientConfig: AdmissionregistrationV1WebhookClientConfig = {
    service: { name: o.name, namespace: o.namespace, path: '/inject', port: 443 },
  };
  if (o.caBundle !== undefined) clientConfig.caBundle = o.caBundle;
  return {
    name: h.name,
    clientConfig,
    rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }],
    namespaceSelector: structuredClone(h.namespaceSelector),
    objectSelector: structuredClone(h.objectSelector),
    sideEffects: 'None',
    admissionReviewVersions: ['v1'],
    timeoutSeconds: o.timeoutSeconds,
    failurePolicy: o.failurePolicy,
    reinvocationPolicy: o.reinvocationPolicy,
  };
}
