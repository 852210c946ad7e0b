// Build step: bundle the CLI (src/cli/main.ts and everything it imports, yaml and ejs
// included) into ES modules: dist/bundle/inject-istio-sidecar.mjs plus shared chunks. Node then reads
// and compiles a few files instead of resolving ~100 modules, which is most of a cold start: kpt and
// kustomize start the function once per run, so start-up time is the user's wait time. Subcommands
// are dynamic imports (src/cli/command-index.ts), split into their own chunks: the function path
// loads none of the webhook's https/tls code.
// bin/inject-istio-sidecar.js prefers this file when it exists.
import { build } from 'esbuild';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = `${root}src/cli/main.ts`;
const outdir = `${root}dist/bundle`;

if (!existsSync(entry)) {
  console.error(`bundle: ${entry} does not exist yet; skipping the bundle (bin/ falls back to dist/src)`);
  process.exit(0);
}
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

try {
  const result = await build({
    entryPoints: { 'inject-istio-sidecar': entry },
    outdir,
    splitting: true,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
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
  if (process.env.BUNDLE_VERBOSE) console.error(`bundle: ${outdir} (${bytes} bytes)`);
} catch (err) {
  // esbuild has already printed the located errors.
  console.error(`bundle: esbuild failed for ${entry}`);
  process.exit(1);
}
