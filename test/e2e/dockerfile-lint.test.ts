// The structure the container image promises: a multi-stage build, a small Node 22 LTS run image as a
// non-root user, the function as the exec-form ENTRYPOINT with no default arguments (so kpt and
// kustomize can run it bare and `docker run IMAGE webhook ...` overrides the args), nothing fetched at
// run time, and every COPY naming something that exists.
import test from 'ava';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execForm, parseCopy, parseDockerfile, stageInstructions } from './dockerfile.js';
import { repoRoot } from './paths.js';

const text = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
const df = parseDockerfile(text);
const build = df.stages[0]!;
const final = df.stages[df.stages.length - 1]!;

test('multi-stage: a full Node image builds, a small Node 22 image runs', (t) => {
  t.true(df.stages.length >= 2, 'at least a build and a run stage');
  // The full image (not -slim/-alpine): node-gyp toolchains and git are there if a dependency needs them.
  t.regex(build.base, /^node:22(\.\d+)*(-bookworm|-bullseye)?$/, `build stage base (the full Node image): ${build.base}`);
  t.regex(final.base, /^(gcr\.io\/distroless\/nodejs22-debian1[23](:nonroot)?|node:22(\.\d+)*-(alpine|bookworm-slim))(@sha256:[0-9a-f]{64})?$/, `run stage base: ${final.base}`);
  t.false(/:latest\b/.test(text), 'no floating :latest tags');
});

test('the run stage runs as a non-root user', (t) => {
  const user = stageInstructions(final, 'USER').at(-1)?.args;
  t.truthy(user, 'a USER instruction in the run stage');
  const name = user!.split(':')[0]!;
  t.not(name, 'root');
  t.not(name, '0');
});

test('ENTRYPOINT is the function in exec form, with no CMD so kpt/kustomize run it with no arguments', (t) => {
  const entry = stageInstructions(final, 'ENTRYPOINT');
  t.is(entry.length, 1, 'exactly one ENTRYPOINT in the run stage');
  const argv = execForm(entry[0]!.args);
  t.truthy(argv, 'exec form (a JSON array): no shell, signals reach node');
  t.regex(argv![0]!, /(^|\/)node$/);
  t.regex(argv![1]!, /bin\/inject-istio-sidecar\.js$/);
  t.is(argv!.length, 2, 'no arguments baked in: no arguments = KRM function, `webhook ...` = the webhook');
  t.is(stageInstructions(final, 'CMD').length, 0, 'no CMD: default arguments would turn the function into something else');
});

test('nothing is downloaded at run time and the run stage installs nothing', (t) => {
  t.is(stageInstructions(final, 'RUN').length, 0, 'no RUN in the run stage (distroless has no shell; all work happens in the build stage)');
  t.false(/^\s*ADD\s+https?:/im.test(text), 'no ADD of a URL');
  for (const run of df.stages.flatMap((s) => stageInstructions(s, 'RUN'))) {
    t.false(/\b(curl|wget)\b/.test(run.args), `line ${run.line}: fetches only through npm`);
  }
  const npmCi = stageInstructions(build, 'RUN').find((r) => /\bnpm ci\b/.test(r.args));
  t.truthy(npmCi, 'the build stage installs the locked dependencies with npm ci');
});

test('the build stage builds the bundle the run stage copies', (t) => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  t.regex(pkg.scripts.build!, /node scripts\/bundle\.js/, 'npm run build ends with the bundle step');
  t.true(stageInstructions(build, 'RUN').some((r) => /\bnpm run build\b/.test(r.args)), 'the build stage runs npm run build');
  const fromBuild = stageInstructions(final, 'COPY').map((c) => parseCopy(c.args)).filter((c) => c.from !== undefined);
  const stageNames = df.stages.slice(0, -1).map((s, i) => s.name ?? String(i));
  for (const c of fromBuild) t.true(stageNames.includes(c.from!), `COPY --from=${c.from} names an earlier stage`);
  const sources = fromBuild.flatMap((c) => c.sources);
  t.true(sources.some((s) => s.endsWith('dist/bundle/inject-istio-sidecar.mjs') || s.endsWith('dist/bundle/')), 'the bundle');
  t.true(sources.some((s) => s.endsWith('bin/inject-istio-sidecar.js')), 'the bin script');
  t.true(sources.some((s) => s.endsWith('package.json')), 'package.json ("type": "module" for the bin script)');
});

test('every build-context COPY names a file or folder of the repository, and .dockerignore keeps local state out', (t) => {
  for (const c of stageInstructions(build, 'COPY').map((i) => parseCopy(i.args))) {
    if (c.from) continue;
    for (const src of c.sources) t.true(existsSync(join(repoRoot, src)), `COPY ${src}: exists in the repository`);
  }
  const ignore = readFileSync(join(repoRoot, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
  for (const must of ['.git', 'node_modules', 'dist', '.tmp']) t.true(ignore.includes(must), `.dockerignore lists ${must}`);
});
