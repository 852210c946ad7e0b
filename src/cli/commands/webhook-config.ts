// `webhook-config`: print the objects that run `inject-istio-sidecar webhook` in a cluster.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { stringify } from 'yaml';
import { EXIT_ERROR, EXIT_OK, EXIT_USAGE, parseFlags, UsageError, write, type Command, type CommandIO } from '../command.js';
import { defaultManifestOptions, webhookManifests, type WebhookManifestOptions } from '../../webhook/webhook-manifests.js';

const usage = `Usage: inject-istio-sidecar webhook-config [flags] > webhook.yaml

Prints, as one YAML stream, the ServiceAccount, Service, Deployment and PodDisruptionBudget that run
'inject-istio-sidecar webhook', and the MutatingWebhookConfiguration(s) that send pod CREATEs to it,
with exactly the namespace/object selectors of Istio's chart for the revision and its tags (one extra
MutatingWebhookConfiguration per revision tag). The Deployment mounts the TLS Secret and a projected
volume of Istio's ConfigMaps (istio-sidecar-injector[-REV] keys config/values, istio[-REV] key mesh).
Disable istiod's own injector webhook for the same revision, or pods are handled twice.

  --namespace NS                 namespace of the webhook (default istio-system)
  --name NAME                    name of the Service/Deployment/... and MWC (default inject-istio-sidecar[-REV])
  --revision REV                 serving revision ('' or default = the default revision)
  --revision-tag TAG             a revision tag pointing at this revision (repeatable)
  --enable-namespaces-by-default add the auto. webhook (Istio's sidecarInjectorWebhook.enableNamespacesByDefault)
  --failure-policy Fail|Ignore   what the API server does when the webhook is unreachable (default Fail)
  --timeout-seconds N            webhook timeout, 1..30 (default 10)
  --reinvocation-policy Never|IfNeeded  (default Never)
  --ca-bundle-file FILE          PEM CA bundle that signed the serving certificate; fills caBundle
  --tls-secret NAME              kubernetes.io/tls Secret with the serving certificate (default NAME-tls)
  --image IMAGE                  container image (default inject-istio-sidecar:dev)
  --replicas N                   Deployment replicas (default 2)
  --port N                       container port (default 15017)
  --failure-mode deny|allow      the webhook's --failure-mode (default deny)

Exit codes: 0 ok, 1 unreadable --ca-bundle-file, 2 usage error.`;

export function parseWebhookConfigFlags(args: string[], cwd: string): WebhookManifestOptions | 'help' {
  const values = parseFlags(args, {
    help: { type: 'boolean', short: 'h' },
    namespace: { type: 'string' },
    name: { type: 'string' },
    revision: { type: 'string' },
    'revision-tag': { type: 'string', multiple: true },
    'enable-namespaces-by-default': { type: 'boolean' },
    'failure-policy': { type: 'string' },
    'timeout-seconds': { type: 'string' },
    'reinvocation-policy': { type: 'string' },
    'ca-bundle-file': { type: 'string' },
    'tls-secret': { type: 'string' },
    image: { type: 'string' },
    replicas: { type: 'string' },
    port: { type: 'string' },
    'failure-mode': { type: 'string' },
  });
  if (values.help) return 'help';
  const o = defaultManifestOptions(values.revision ?? '');
  if (values.namespace !== undefined) o.namespace = dnsName('--namespace', values.namespace);
  if (values.name !== undefined) {
    o.name = dnsName('--name', values.name);
    if (values['tls-secret'] === undefined) o.tlsSecretName = `${o.name}-tls`;
  }
  if (values['tls-secret'] !== undefined) o.tlsSecretName = dnsName('--tls-secret', values['tls-secret']);
  o.revisionTags = (values['revision-tag'] ?? []).map((t) => dnsName('--revision-tag', t));
  o.enableNamespacesByDefault = values['enable-namespaces-by-default'] === true;
  o.failurePolicy = oneOf('--failure-policy', values['failure-policy'], ['Fail', 'Ignore'] as const, o.failurePolicy);
  o.reinvocationPolicy = oneOf('--reinvocation-policy', values['reinvocation-policy'], ['Never', 'IfNeeded'] as const, o.reinvocationPolicy);
  o.failureMode = oneOf('--failure-mode', values['failure-mode'], ['deny', 'allow'] as const, o.failureMode);
  if (values['timeout-seconds'] !== undefined) o.timeoutSeconds = integer('--timeout-seconds', values['timeout-seconds'], 1, 30);
  if (values.replicas !== undefined) o.replicas = integer('--replicas', values.replicas, 0, 1000);
  if (values.port !== undefined) o.port = integer('--port', values.port, 1, 65535);
  if (values.image !== undefined) {
    if (values.image.trim() === '') throw new UsageError('--image must not be empty');
    o.image = values.image;
  }
  if (values['ca-bundle-file'] !== undefined) {
    const file = resolve(cwd, values['ca-bundle-file']);
    let pem: string;
    try {
      pem = readFileSync(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new Error(`cannot read --ca-bundle-file ${values['ca-bundle-file']}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
    }
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
      throw new Error(`--ca-bundle-file ${values['ca-bundle-file']} holds no PEM certificate (expected a "-----BEGIN CERTIFICATE-----" block)`);
    }
    o.caBundle = Buffer.from(pem).toString('base64');
  }
  return o;
}

export const command: Command = {
  name: 'webhook-config',
  summary: 'print the MutatingWebhookConfiguration, Service, Deployment, ... that run the webhook',
  usage,
  async run(args: string[], io: CommandIO): Promise<number> {
    let options;
    try {
      options = parseWebhookConfigFlags(args, io.cwd);
    } catch (err) {
      if (err instanceof UsageError) {
        await write(io.stderr, `error: ${err.message}\nRun 'inject-istio-sidecar webhook-config --help' for usage.\n`);
        return EXIT_USAGE;
      }
      await write(io.stderr, `error: ${(err as Error).message}\n`);
      return EXIT_ERROR;
    }
    if (options === 'help') {
      await write(io.stdout, usage + '\n');
      return EXIT_OK;
    }
    const docs = webhookManifests(options).map((m) => stringify(m, { lineWidth: 0 }));
    await write(io.stdout, docs.join('---\n'));
    return EXIT_OK;
  },
};

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not "${value}"`);
  return value as T;
}

function integer(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new UsageError(`${flag} must be an integer ${min}..${max}, not "${value}"`);
  return n;
}

function dnsName(flag: string, value: string): string {
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value) || value.length > 63) {
    throw new UsageError(`${flag} must be a lowercase DNS label (a-z, 0-9, '-'), not "${value}"`);
  }
  return value;
}
