// `webhook`: serve Istio sidecar injection as a Kubernetes mutating admission webhook over HTTPS.
import { EXIT_ERROR, EXIT_OK, EXIT_USAGE, parseFlags, UsageError, write, type Command, type CommandIO } from '../command.js';
import { istioConfigFlagOptions, parseBoolFlag, parseIstioVersionFlag, parseIstiodEnvFlags } from '../config-flags.js';
import type { IstioVersionKey } from '../../config/defaults/istio-versions.js';
import { resolveConfigFiles } from '../../webhook/config-files.js';
import { startWebhook } from '../../webhook/start-webhook.js';
import { coreEngine } from '../../webhook/engine.js';
import type { FailureMode } from '../../webhook/review-admission.js';
import { resolve } from 'node:path';
import cluster from 'node:cluster';
import { isWebhookWorker, runClusterPrimary } from '../../webhook/cluster-primary.js';
import { loadStartupSources } from '../../webhook/start-webhook.js';
import { usableCpus } from '../../webhook/usable-cpus.js';
import { primaryChannel, workerMetrics } from '../../webhook/cluster-metrics.js';
import { emptySnapshot } from '../../webhook/metrics.js';

const usage = `Usage: inject-istio-sidecar webhook --tls-cert-file FILE --tls-key-file FILE [flags]
       inject-istio-sidecar webhook --insecure-http [flags]

Serves Istio sidecar injection as a mutating admission webhook: POST /inject (and Istio's
/inject/cluster/<id>/net/<network> path parameters) takes an admission.k8s.io/v1 or v1beta1
AdmissionReview of a Pod and answers with a JSON patch. Namespace selection is the API server's job
(see 'webhook-config'); the injector policy and pod opt-outs apply here.
Also serves GET /ready, GET /healthz and GET /metrics (Prometheus). Logs one JSON line per request on
stderr. Certificate and configuration files are reloaded when they change; a bad new configuration
is logged and the last good one stays in use. On SIGTERM readiness fails, and for --drain-seconds
every request is still answered, with 'Connection: close' so keep-alive clients reconnect elsewhere;
then the webhook stops accepting, finishes in-flight requests and exits 0.

Server:
  --port N                  HTTPS port (default 15017)
  --address ADDR            listen address (default: all interfaces)
  --tls-cert-file FILE      serving certificate (PEM)
  --tls-key-file FILE       its private key (PEM)
  --insecure-http           serve plain HTTP, for use behind a TLS terminator
  --failure-mode deny|allow what an injection error does: deny (default, like Istio) rejects the pod;
                            allow admits it without a sidecar and returns the error as a warning
  --drain-seconds S         after SIGTERM, keep answering for S seconds (default 3, at most 20)
                            while the API server's endpoints catch up
  --workers N               serving processes sharing the port (default: the CPUs this process may
                            use, CPU affinity capped by the container's cgroup CPU limit; 1 = one
                            process, no cluster). Each worker reloads
                            files and drains on its own; a crashed worker is restarted (at most 10 a minute)
Istio configuration (defaults: Istio 1.30.3's chart, image docker.io/istio/proxyv2:1.30.3):
  --istio-version V         whose built-in defaults fill what no file gives: 1.28 (= 1.28.10), 1.30 (= 1.30.3, default), master
  --config-dir DIR          a mounted ConfigMap directory with files 'config', 'values' and 'mesh'
                            (Istio's istio-sidecar-injector keys config/values and the istio key mesh)
  --injectConfigFile FILE   injector config in Istio's format (overrides DIR/config)
  --valuesFile FILE         Helm values, JSON or YAML (overrides DIR/values)
  --meshConfigFile FILE     mesh config (overrides DIR/mesh)
  --revision REV            serving revision ('' = default)
  --native-sidecars BOOL    inject istio-proxy as a native sidecar (default true)
  --compliance-policy P     istiod's COMPLIANCE_POLICY, e.g. fips-140-3
  --istiod-env NAME=VALUE   istiod's environment as Go templates read it with \`env\` (repeatable)

Exit codes: 0 after a clean shutdown, 1 when the server cannot start, 2 usage error.`;

export interface WebhookFlags {
  port: number;
  address?: string;
  tlsCertFile?: string;
  tlsKeyFile?: string;
  failureMode: FailureMode;
  /** After SIGTERM, how long requests are still answered before the listener closes. */
  drainMs: number;
  /** Serving processes; 1 serves in this process. */
  workers: number;
  configDir?: string;
  injectConfigFile?: string;
  valuesFile?: string;
  meshConfigFile?: string;
  revision?: string;
  nativeSidecars?: boolean;
  compliancePolicy?: string;
  istioVersion?: IstioVersionKey;
  istiodEnv?: Record<string, string>;
}

/** Parses and checks the flags; throws UsageError naming the flag. */
export function parseWebhookFlags(args: string[]): WebhookFlags | 'help' {
  const values = parseFlags(args, {
    help: { type: 'boolean', short: 'h' },
    port: { type: 'string' },
    address: { type: 'string' },
    'tls-cert-file': { type: 'string' },
    'tls-key-file': { type: 'string' },
    'insecure-http': { type: 'boolean' },
    'failure-mode': { type: 'string' },
    'drain-seconds': { type: 'string' },
    workers: { type: 'string' },
    'config-dir': { type: 'string' },
    ...istioConfigFlagOptions,
  });
  if (values.help) return 'help';
  const port = values.port === undefined ? 15017 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number 0..65535, not "${values.port}"`);
  const cert = values['tls-cert-file'];
  const key = values['tls-key-file'];
  if (values['insecure-http']) {
    if (cert !== undefined || key !== undefined) throw new UsageError('--insecure-http cannot be combined with --tls-cert-file/--tls-key-file');
  } else if (cert === undefined || key === undefined) {
    throw new UsageError('--tls-cert-file and --tls-key-file are required (or --insecure-http behind a TLS terminator)');
  }
  const failureMode = values['failure-mode'] ?? 'deny';
  if (failureMode !== 'deny' && failureMode !== 'allow') throw new UsageError(`--failure-mode must be deny or allow, not "${failureMode}"`);
  const drain = values['drain-seconds'] === undefined ? 3 : Number(values['drain-seconds']);
  // Kubernetes gives 30 s by default; 25 s of them are the grace for in-flight requests.
  if (!(drain >= 0 && drain <= 20)) throw new UsageError(`--drain-seconds must be a number of seconds 0..20, not "${values['drain-seconds']}"`);
  const workers = values.workers === undefined ? usableCpus() : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 256) throw new UsageError(`--workers must be a whole number 1..256, not "${values.workers}"`);
  return {
    port,
    address: values.address,
    tlsCertFile: cert,
    tlsKeyFile: key,
    failureMode,
    drainMs: Math.round(drain * 1000),
    workers,
    configDir: values['config-dir'],
    injectConfigFile: values.injectConfigFile,
    valuesFile: values.valuesFile,
    meshConfigFile: values.meshConfigFile,
    revision: values.revision,
    nativeSidecars: values['native-sidecars'] === undefined ? undefined : parseBoolFlag('--native-sidecars', values['native-sidecars']),
    compliancePolicy: values['compliance-policy'],
    istioVersion: parseIstioVersionFlag(values['istio-version']),
    istiodEnv: values['istiod-env'] === undefined ? undefined : parseIstiodEnvFlags(values['istiod-env']),
  };
}

/** JSON lines on stderr, one object per event, with a timestamp first. */
export function jsonLogger(stream: NodeJS.WritableStream, fields: Record<string, unknown> = {}): (entry: Record<string, unknown>) => void {
  return (entry) => {
    stream.write(JSON.stringify({ time: new Date().toISOString(), ...fields, ...entry }) + '\n');
  };
}

export const command: Command = {
  name: 'webhook',
  summary: 'serve sidecar injection as an HTTPS mutating admission webhook',
  usage,
  async run(args: string[], io: CommandIO): Promise<number> {
    let flags;
    try {
      flags = parseWebhookFlags(args);
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      await write(io.stderr, `error: ${err.message}\nRun 'inject-istio-sidecar webhook --help' for usage.\n`);
      return EXIT_USAGE;
    }
    if (flags === 'help') {
      await write(io.stdout, usage + '\n');
      return EXIT_OK;
    }
    const worker = isWebhookWorker();
    const log = jsonLogger(io.stderr, worker ? { worker: cluster.worker!.id, pid: process.pid } : {});
    let running: Awaited<ReturnType<typeof startWebhook>> | undefined;
    // A worker's /metrics reports every worker's counts, which the primary adds up.
    const clusterMetrics = worker ? workerMetrics(() => running?.webhook.metrics.snapshot() ?? emptySnapshot(), primaryChannel()) : undefined;
    try {
      const files = {
        tlsCertFile: flags.tlsCertFile && resolve(io.cwd, flags.tlsCertFile),
        tlsKeyFile: flags.tlsKeyFile && resolve(io.cwd, flags.tlsKeyFile),
        configFiles: resolveConfigFiles(flags, io.cwd),
        settingsFlags: { revision: flags.revision, nativeSidecars: flags.nativeSidecars, compliancePolicy: flags.compliancePolicy, istioVersion: flags.istioVersion, istiodEnv: flags.istiodEnv },
      };
      if (!worker && flags.workers > 1) {
        // Fail on a bad file here, once, rather than in every worker.
        loadStartupSources({ ...files, log: () => {} });
        return await runClusterPrimary({ workers: flags.workers, args, cwd: io.cwd, drainMs: flags.drainMs, log });
      }
      running = await startWebhook({
        port: flags.port,
        host: flags.address,
        ...files,
        engine: coreEngine,
        failureMode: flags.failureMode,
        log,
        metricsSnapshot: clusterMetrics?.total,
      });
    } catch (err) {
      clusterMetrics?.stop();
      log({ level: 'error', msg: 'webhook cannot start', error: (err as Error).message });
      return EXIT_ERROR;
    }
    const server = running;
    await new Promise<void>((done) => {
      const stop = (signal: string) => {
        process.off('SIGTERM', onTerm);
        process.off('SIGINT', onInt);
        log({ level: 'info', msg: 'shutting down', signal, inFlight: server.webhook.inFlight(), drain_ms: flags.drainMs });
        server.shutdown(undefined, flags.drainMs).then(done, done);
      };
      const onTerm = () => stop('SIGTERM');
      const onInt = () => stop('SIGINT');
      process.on('SIGTERM', onTerm);
      process.on('SIGINT', onInt);
    });
    log({ level: 'info', msg: 'webhook stopped' });
    clusterMetrics?.stop();
    // The IPC channel to the primary would keep a worker alive after its server closed.
    if (worker) cluster.worker!.disconnect();
    return EXIT_OK;
  },
};
