// The subcommands by name, loaded only when run: the KRM function path never loads the webhook's
// https/tls/crypto code or the other commands (a cold start is the user's wait in kpt and kustomize).
// Each summary repeats the command's own (test/cli/command-index.test.ts keeps them equal).
import type { Command } from './command.js';

export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

export const commandIndex: CommandEntry[] = [
  { name: 'inject', summary: 'write manifests with the Istio sidecar injected', load: async () => (await import('./commands/inject.js')).command },
  { name: 'check', summary: 'exit 1 if a sidecar is missing, stale or unexpected (for CI and pre-commit)', load: async () => (await import('./commands/check.js')).command },
  { name: 'uninject', summary: 'remove the Istio sidecar injection, restoring the pods as written', load: async () => (await import('./commands/uninject.js')).command },
  { name: 'webhook', summary: 'serve sidecar injection as an HTTPS mutating admission webhook', load: async () => (await import('./commands/webhook.js')).command },
  {
    name: 'webhook-config',
    summary: 'print the MutatingWebhookConfiguration, Service, Deployment, ... that run the webhook',
    load: async () => (await import('./commands/webhook-config.js')).command,
  },
  // The completion script lists every command's flags, so it loads all the others.
  { name: 'completion', summary: 'print a bash or zsh completion script', load: loadCompletion },
];

async function loadCompletion(): Promise<Command> {
  const { completionCommand } = await import('./commands/completion.js');
  const others = await Promise.all(commandIndex.filter((e) => e.name !== 'completion').map((e) => e.load()));
  return completionCommand(others);
}
