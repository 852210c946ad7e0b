// Everything `inject-istio-sidecar webhook` runs, minus flag parsing: load settings and the
// certificate, serve, and keep both fresh as their files change.
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import type { Settings } from '../config/types.js';
import { configPaths, settingsFromContents, type ConfigFiles, type SettingsFlags } from './config-files.js';
import { ReloadingSource } from './reloading-source.js';
import { createWebhookServer, secureContextOptions, type LogEntry, type ServerLimits, type TlsMaterial, type WebhookServer } from './server.js';
import type { Engine, FailureMode } from './review-admission.js';
import type { WatchOptions } from './watch-files.js';
import type { MetricsSnapshot } from './metrics.js';

export interface StartOptions {
  port: number;
  host?: string;
  /** Both or neither; neither means plain HTTP. */
  tlsCertFile?: string;
  tlsKeyFile?: string;
  configFiles: ConfigFiles;
  settingsFlags: SettingsFlags;
  engine: Engine;
  failureMode?: FailureMode;
  log: (entry: LogEntry) => void;
  limits?: Partial<ServerLimits>;
  watch?: WatchOptions;
  /** See WebhookServerOptions.metricsSnapshot (a --workers worker reports the whole cluster's). */
  metricsSnapshot?: () => Promise<MetricsSnapshot>;
}

export interface RunningWebhook {
  address: AddressInfo;
  webhook: WebhookServer;
  settings: ReloadingSource<Settings>;
  certificate?: ReloadingSource<TlsMaterial>;
  /** See WebhookServer.shutdown; file watching stops at once. */
  shutdown(graceMs?: number, drainMs?: number): Promise<void>;
}

/** The settings and certificate the server starts with; throws (naming the file) when one cannot be loaded. */
export interface StartupSources {
  settings: ReloadingSource<Settings>;
  certificate?: ReloadingSource<TlsMaterial>;
}

/**
 * Loads the first settings and certificate without watching or serving: what startWebhook does
 * first, and what a --workers primary runs once so a bad file fails start-up before any fork.
 */
export function loadStartupSources(
  options: Pick<StartOptions, 'tlsCertFile' | 'tlsKeyFile' | 'configFiles' | 'settingsFlags' | 'log'>,
  onCertificate: (material: TlsMaterial) => void = () => {},
): StartupSources {
  const { log } = options;
  const files = options.configFiles;
  const settings = new ReloadingSource(
    configPaths(files),
    (contents) => settingsFromContents(files, options.settingsFlags, contents),
    {
      onReload: (s) => {
        log({ level: 'info', msg: 'configuration reloaded', files: configPaths(files), revision: s.revision || 'default' });
        logNotices(s);
      },
      onReject: (err) => log({ level: 'error', msg: 'configuration change rejected; keeping the last good configuration', error: err.message }),
    },
  );
  function logNotices(s: Settings): void {
    for (const n of s.notices) log({ level: n.severity, msg: 'configuration notice', notice: n.message, field: n.field });
  }
  logNotices(settings.current);

  let certificate: ReloadingSource<TlsMaterial> | undefined;
  if (options.tlsCertFile !== undefined && options.tlsKeyFile !== undefined) {
    const certFile = options.tlsCertFile;
    const keyFile = options.tlsKeyFile;
    certificate = new ReloadingSource<TlsMaterial>(
      [certFile, keyFile],
      (contents) => {
        const material = { cert: contents.get(certFile)!, key: contents.get(keyFile)! };
        try {
          tls.createSecureContext(secureContextOptions(material));
        } catch (err) {
          throw new Error(`TLS certificate ${certFile} / key ${keyFile} are not usable: ${(err as Error).message}`);
        }
        return material;
      },
      {
        onReload: (m) => {
          onCertificate(m);
          log({ level: 'info', msg: 'TLS certificate reloaded', certFile });
        },
        onReject: (err) => log({ level: 'error', msg: 'TLS certificate change rejected; keeping the current certificate', error: err.message }),
      },
    );
  }
  return { settings, certificate };
}

/** Throws (with a message naming the file) when the first config or certificate cannot be loaded. */
export async function startWebhook(options: StartOptions): Promise<RunningWebhook> {
  const { log } = options;
  let webhook: WebhookServer;
  const { settings, certificate } = loadStartupSources(options, (m) => webhook.setCertificate(m));
  webhook = createWebhookServer({
    tls: certificate?.current,
    settings: () => settings.current,
    engine: options.engine,
    failureMode: options.failureMode,
    log,
    limits: options.limits,
    metricsSnapshot: options.metricsSnapshot,
  });
  const address = await webhook.listen(options.port, options.host);
  settings.start(options.watch);
  certificate?.start(options.watch);
  log({ level: 'info', msg: 'webhook listening', address: address.address, port: address.port, tls: certificate !== undefined });
  return {
    address,
    webhook,
    settings,
    certificate,
    async shutdown(graceMs, drainMs) {
      settings.stop();
      certificate?.stop();
      await webhook.shutdown(graceMs, drainMs);
    },
  };
}

