// The subcommands by name, loaded only when run: the KRM function path never loads the webhook's
// https/tls/crypto code or the other commands (a cold start is the user's wait in kpt and kustomize).
import type { Command } from './command.js';

export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

export const commandIndex: CommandEntry[] = [
  { name: 'inject', summary: 'write manifests with the Istio sidecar injected', load: async () => (await import('./commands/inject.js')).command },
  { name: 'check', summary: 'exit 1 if any workload lacks its up-to-date sidecar (for CI and pre-commit)', load: async () => (await import('./commands/check.js')).command },
  { name: 'webhook', summary: 'serve sidecar injection as an HTTPS mutating admission webhook', load: async () => (await import('./commands/webhook.js')).command },
  {
    name: 'webhook-config',
    summary: 'print the MutatingWebhookConfiguration, Service, Deployment, ... that run the webhook',
    load: async () => (await import('./commands/webhook-config.js')).command,
  },
];
