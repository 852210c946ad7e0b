// Build step: bundle the CLI (src/cli/main.ts and everything it imports, yaml/ejs
// included) into one ES module, dist/bundle/inject-istio-sidecar.mjs. Node then reads and compiles
// one file instead of resolving ~100 modules, which is most of a cold start: kpt and kustomize
// start the function once per run, so start-up time is the user's wait time.
// bin/inject-istio-sidecar.js prefers this file when it exists.
import { build } from 'esbuild';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = `${root}src/cli/main.ts`;
const outfile = `${root}dist/bundle/inject-istio-sidecar.mjs`;

if (!existsSync(entry)) {
  console.error(`bundle: ${entry} does not exist yet; skipping the bundle (bin/ falls back to dist/src)`);
  process.exit(0);
}
mkdirSync(`${root}dist/bundle`, { recursive: true });

try {
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // CommonJS dependencies (ejs) call require() for Node built-ins; an ES module has no require,
    // so give the bundle one.
    banner: {
      js: "import { createRequire as __bundleCreateRequire } from 'node:module';\nconst require = __bundleCreateRequire(import.meta.url);",
    },
    // Whitespace and syntax only: identifiers stay readable in the rare stack trace of a bug.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
  });
  const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
  if (process.env.BUNDLE_VERBOSE) console.error(`bundle: ${outfile} (${bytes} bytes)`);
} catch (err) {
  // esbuild has already printed the located errors.
  console.error(`bundle: esbuild failed for ${entry}`);
  process.exit(1);
}
