// A reference row for the webhook bench: the real server (TLS, request limits, the injection decision, the
// JSON patch diff, base64, the answer's text, one log line, metrics) around an injection that costs nothing:
// every pod gets the first pod's injected pod with its own labels. Its CPU per admission is what a distinct
// pod would cost if injecting took no time at all, so the bench shows how much of that cost is the injection.
import { pathToFileURL } from 'node:url';
import { jsonLogger } from '../src/cli/commands/webhook.js';
import type { InjectOutcome } from '../src/inject-types.js';
import { coreEngine } from '../src/webhook/engine.js';
import type { Engine } from '../src/webhook/review-admission.js';
import { startWebhook } from '../src/webhook/start-webhook.js';

export function freeInjectionEngine(): Engine {
  let first: InjectOutcome | undefined;
  return {
    injectRequired: coreEngine.injectRequired,
    injectPod(req, settings) {
      first ??= coreEngine.injectPod(req, settings);
      const labels = { ...first.pod.metadata.labels, ...req.pod.metadata.labels };
      return { ...first, pod: { ...first.pod, metadata: { ...first.pod.metadata, labels } } };
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const [port, tlsCertFile, tlsKeyFile] = process.argv.slice(2);
  await startWebhook({
    port: Number(port), host: '127.0.0.1', tlsCertFile, tlsKeyFile, configFiles: {}, settingsFlags: {},
    engine: freeInjectionEngine(), log: jsonLogger(process.stderr),
  });
}
