// No Docker engine runs here, so this replays the Dockerfile outside Docker: a clean copy of the
// build context (git's files minus .dockerignore), the build stage's COPY and RUN steps verbatim in a
// directory standing for the build image, the run stage's COPY --from steps into a directory standing
// for the run image, then the ENTRYPOINT (as the USER it names, when we can switch user) on a sample
// ResourceList with an empty environment, as kpt's container runtime would start it.
import test from 'ava';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { parse } from 'yaml';
import { execForm, parseCopy, parseDockerfile, stageInstructions, substitute, type Stage } from './dockerfile.js';
import { repoRoot } from './paths.js';

const dockerfile = parseDockerfile(readFileSync(join(repoRoot, 'Dockerfile'), 'utf8'));

function contextFiles(): string[] {
  const r = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ls-files failed: ${r.stderr}`);
  const ignore = readFileSync(join(repoRoot, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((p) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}(/|$)`));
  return r.stdout.split('\0').filter((f) => f && existsSync(join(repoRoot, f)) && !ignore.some((re) => re.test(f)));
}

/** A directory standing for one image's file system; image paths map under it. */
class FakeImage {
  workdir = '/';
  env: Record<string, string> = {};
  constructor(readonly root: string) {}
  path(imagePath: string): string {
    return join(this.root, posix.resolve(this.workdir, imagePath));
  }
}

function copyInto(fromRoot: (p: string) => string, sources: string[], dest: string, image: FakeImage) {
  const destIsDir = dest.endsWith('/') || sources.length > 1;
  for (const src of sources) {
    const from = fromRoot(src);
    if (!existsSync(from)) throw new Error(`COPY source ${src} does not exist (${from})`);
    const target = statSync(from).isDirectory() ? image.path(dest) : destIsDir ? join(image.path(dest), posix.basename(src)) : image.path(dest);
    mkdirSync(dirname(target), { recursive: true });
    cpSync(from, target, { recursive: true });
  }
}

function replayStage(stage: Stage, image: FakeImage, contextRoot: string, others: Map<string, FakeImage>, t: { log: (s: string) => void }) {
  for (const ins of stage.instructions) {
    const args = substitute(ins.args, { ...dockerfile.globalArgs, ...image.env });
    switch (ins.keyword) {
      case 'WORKDIR':
        image.workdir = posix.resolve(image.workdir, args);
        mkdirSync(image.path('.'), { recursive: true });
        break;
      case 'ENV': {
        for (const m of args.matchAll(/(\w+)=("[^"]*"|\S+)/g)) image.env[m[1]!] = m[2]!.replace(/^"|"$/g, '');
        break;
      }
      case 'COPY': {
        const copy = parseCopy(args);
        if (copy.from) {
          const other = others.get(copy.from);
          if (!other) throw new Error(`line ${ins.line}: COPY --from=${copy.from} names no earlier stage`);
          copyInto((p) => other.path(p), copy.sources, copy.dest, image);
        } else {
          copyInto((p) => join(contextRoot, p), copy.sources, copy.dest, image);
        }
        break;
      }
      case 'RUN': {
        t.log(`RUN ${args}`);
        const r = spawnSync('sh', ['-c', args], {
          cwd: image.path('.'),
          encoding: 'utf8',
          // npm may answer from its cache; the registry is reachable too, as in a real docker build.
          env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', npm_config_prefer_offline: 'true', npm_config_update_notifier: 'false', ...image.env },
          maxBuffer: 64 << 20,
        });
        if (r.status !== 0) throw new Error(`line ${ins.line}: RUN ${args} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
        break;
      }
      case 'USER': case 'EXPOSE': case 'LABEL': case 'ENTRYPOINT': case 'CMD': case 'ARG':
        break;
      default:
        throw new Error(`line ${ins.line}: the replay does not know ${ins.keyword}; teach test/e2e/dockerfile-steps.test.ts`);
    }
  }
}

const sampleResourceList = `apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
- apiVersion: v1
  kind: Namespace
  metadata:
    name: shop
    labels:
      istio-injection: enabled
- apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    namespace: shop
  spec:
    selector:
      matchLabels: {app: web}
    template:
      metadata:
        labels: {app: web}
      spec:
        containers:
        - name: web
          image: nginx:1.27
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: untouched
    namespace: shop
  data: {mode: "0755"}
`;

test('the Dockerfile, replayed without Docker, builds an image whose entrypoint is the KRM function (the webhook by args) and needs no node_modules', async (t) => {
  const work = mkdtempSync(join(tmpdir(), 'iis-docker-'));
  chmodSync(work, 0o755);
  const context = join(work, 'context');
  for (const f of contextFiles()) {
    mkdirSync(dirname(join(context, f)), { recursive: true });
    cpSync(join(repoRoot, f), join(context, f));
  }
  t.false(existsSync(join(context, 'node_modules')), 'the context excludes node_modules');

  const images = new Map<string, FakeImage>();
  dockerfile.stages.forEach((stage, i) => {
    const image = new FakeImage(join(work, `stage-${i}`));
    mkdirSync(image.root, { recursive: true, mode: 0o755 });
    replayStage(stage, image, context, images, t);
    images.set(stage.name ?? String(i), image);
    images.set(String(i), image);
  });

  const final = dockerfile.stages[dockerfile.stages.length - 1]!;
  const runImage = images.get(final.name ?? String(dockerfile.stages.length - 1))!;
  const entry = execForm(stageInstructions(final, 'ENTRYPOINT').at(-1)!.args)!;
  t.truthy(entry, 'ENTRYPOINT is in exec form');
  // The base image provides node (distroless: /nodejs/bin/node); here it is the node running the test.
  const [nodePath, ...entryArgs] = entry;
  t.regex(nodePath!, /(^|\/)node$/);
  const argv = entryArgs.map((a) => (a.startsWith('/') ? runImage.path(a) : a));

  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else files.push(join(d, e.name).slice(runImage.root.length));
    }
  };
  walk(runImage.root);
  t.false(files.some((f) => f.includes('/node_modules/')), `the run image carries no node_modules: ${files.join(', ')}`);
  t.true(files.includes('/app/dist/bundle/inject-istio-sidecar.mjs'), 'the run image carries the bundle');

  // Run as the image's USER when we can switch users (root + setpriv), like `docker run` would.
  const user = stageInstructions(final, 'USER').at(-1)?.args;
  const canSwitch = process.getuid?.() === 0 && user !== undefined && spawnSync('setpriv', ['--version']).status === 0;
  const [uid, gid = uid] = (user ?? '').split(':');
  const run = (args: string[], input: string) => {
    const cmd = canSwitch ? 'setpriv' : process.execPath;
    const cmdArgs = canSwitch ? [`--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', process.execPath, ...argv, ...args] : [...argv, ...args];
    // Containers started by kpt get no environment from the caller: only PATH.
    return spawnSync(cmd, cmdArgs, { cwd: runImage.path('/app'), input, encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } });
  };
  if (!canSwitch) t.log(`running the entrypoint as the current user: cannot switch to USER ${user}`);

  const fn = run([], sampleResourceList);
  t.is(fn.status, 0, fn.stderr);
  const out = parse(fn.stdout) as { kind: string; items: { kind: string; metadata: { name: string }; spec?: { template?: { spec?: Record<string, { name: string }[]> } } }[] };
  t.is(out.kind, 'ResourceList');
  const web = out.items.find((i) => i.kind === 'Deployment')!;
  const podSpec = web.spec!.template!.spec!;
  const names = [...(podSpec.containers ?? []), ...(podSpec.initContainers ?? [])].map((c) => c.name);
  t.true(names.includes('istio-proxy'), `istio-proxy injected into shop/web: ${names.join(', ')}`);
  t.true(fn.stdout.includes('data: {mode: "0755"}'), 'an untouched item keeps its bytes');

  const webhookHelp = run(['webhook', '--help'], '');
  t.is(webhookHelp.status, 0, `overriding the args selects the webhook: ${webhookHelp.stderr}`);
  t.regex(webhookHelp.stdout, /webhook/);

  // And the webhook serves from the image: /ready, then an AdmissionReview answered with a patch.
  const port = 20000 + Math.floor(Math.random() * 20000);
  const webhookArgs = ['webhook', '--insecure-http', '--address', '127.0.0.1', '--port', String(port)];
  const server = spawn(canSwitch ? 'setpriv' : process.execPath, canSwitch ? [`--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', process.execPath, ...argv, ...webhookArgs] : [...argv, ...webhookArgs], {
    cwd: runImage.path('/app'),
    env: { PATH: '/usr/bin:/bin' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let serverLog = '';
  server.stderr!.on('data', (c: Buffer) => (serverLog += c.toString()));
  try {
    let ready = false;
    for (let i = 0; i < 100 && !ready && server.exitCode === null; i++) {
      ready = await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.ok, () => false);
      if (!ready) await new Promise((r) => setTimeout(r, 100));
    }
    t.true(ready, `the webhook became ready: ${serverLog}`);
    const review = {
      apiVersion: 'admission.k8s.io/v1',
      kind: 'AdmissionReview',
      request: {
        uid: '0d2c6e1a-0000-4000-8000-000000000001',
        kind: { group: '', version: 'v1', kind: 'Pod' },
        resource: { group: '', version: 'v1', resource: 'pods' },
        namespace: 'shop',
        operation: 'CREATE',
        object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
      },
    };
    const res = await fetch(`http://127.0.0.1:${port}/inject`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(review) });
    t.is(res.status, 200);
    const answer = (await res.json()) as { response: { uid: string; allowed: boolean; patch?: string } };
    t.is(answer.response.uid, review.request.uid);
    t.true(answer.response.allowed);
    t.true(Buffer.from(answer.response.patch ?? '', 'base64').toString().includes('istio-proxy'), 'the patch adds istio-proxy');
  } finally {
    server.kill('SIGTERM');
  }
});
