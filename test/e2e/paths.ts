// Where things are, seen from the compiled test file (dist/test/e2e/*.js).
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const examplesDir = `${repoRoot}examples/`;
export const binScript = `${repoRoot}bin/inject-istio-sidecar.js`;
export const bundleFile = `${repoRoot}dist/bundle/inject-istio-sidecar.mjs`;
