#!/usr/bin/env node
// Entry point of the `inject-istio-sidecar` command: prefers the bundle (fast start; subcommands in chunks/),
// falls back to the compiled modules in a development checkout.
import { existsSync } from 'node:fs';
const bundle = new URL('../dist/bundle/inject-istio-sidecar.mjs', import.meta.url);
const { main } = await import(existsSync(bundle) ? bundle.href : '../dist/src/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
