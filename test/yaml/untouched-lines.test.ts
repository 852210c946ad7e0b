// Finding 12 (issue 9): an injected document keeps the bytes of every line injection does not add or
// rewrite. One test per form the printer used to normalise, through the CLI and the KRM function.
import test from 'ava';
import { parse } from 'yaml';
import { runCli } from '../../src/cli/run-inject.js';
import { untouchedLineViolations } from './untouched-lines.js';
import { deploymentWithSpec } from '../hardening/helpers.js';

const deployment = (spec: string) => deploymentWithSpec(spec);

async function injected(input: string): Promise<string> {
  const run = await runCli(['inject', '-q', '--selector', 'all', '-f', '-'], { stdin: input });
  if (run.exitCode !== 0) throw new Error(run.stderr);
  return run.stdout;
}

/** Every line of `input` is in the output, in order (injection only added lines around them). */
function keptInOrder(input: string, output: string): string | undefined {
  const out = output.split('\n');
  let at = 0;
  for (const line of input.split('\n')) {
    const found = out.indexOf(line, at);
    if (found < 0) return line;
    at = found + 1;
  }
  return undefined;
}

const FORMS: Record<string, string> = {
  'a list indented differently from the others': `      containers:
      - name: web
        image: nginx
      volumes:
          - name: data
            emptyDir: {}
`,
  'a flow sequence without spaces': `      containers:
      - name: web
        image: nginx
        args: ["--port","8080"]
`,
  'trailing spaces': `      containers:   
      - name: web    
        image: nginx  
`,
  'whitespace on blank lines': `      containers:
      - name: web
    
        image: nginx
  
      restartPolicy: Always
`,
  'a flow value on its own line': `      containers:
      - name: web
        image: nginx
        resources:
         {}
`,
  'an over-indented map whose last value is empty with a comment': `      nodeSelector:
          disk: ssd
          zone: #
      containers:
      - name: web
        image: nginx
`,
  'comments and quoted scalars': `      # the app
      containers:
      - name: "web"   # main
        image: 'nginx'
        ports: [ {containerPort: 80} ]
`,
};

for (const [title, spec] of Object.entries(FORMS)) {
  test(`inject keeps ${title} byte for byte`, async (t) => {
    const input = deployment(spec);
    const output = await injected(input);
    t.true(output.includes('name: istio-proxy'));
    t.is(keptInOrder(input, output), undefined);
    t.deepEqual(untouchedLineViolations(input, output), []);
  });
}

test('CRLF input: untouched lines keep their bytes and new lines use CRLF', async (t) => {
  const input = deployment(FORMS['a list indented differently from the others']!).replace(/\n/g, '\r\n');
  const output = await injected(input);
  t.is(keptInOrder(input, output), undefined);
  t.false(/[^\r]\n/.test(output), 'every line break is CRLF');
});

test('a CRLF line in an LF file keeps its CR when the entry after it leaves (native sidecar moves the user istio-proxy at the end of input)', async (t) => {
  const input = deployment('      containers:\n        - name: web\n          image: nginx\n          securityContext:\n            runAsUser: \r\n        - name: istio-proxy\n          image: auto\n          resources: {}');
  const output = await injected(input);
  t.deepEqual(untouchedLineViolations(input, output), []);
  t.true(output.includes('            runAsUser: \r\n'));
  t.is(await injected(output), output, 'a fixpoint');
});

test('new lines follow the line break most of the file uses, not a stray first one (fuzz seed 22: a CRLF blank first line, no break at the end)', async (t) => {
  const lf = deployment('      containers:\n        - name: web\n          image: nginx\n      securityContext:\n        fsGroup: 1234');
  const input = `\r\n${lf}`;
  const output = await injected(input);
  t.deepEqual(untouchedLineViolations(input, output), []);
  t.true(output.includes('        fsGroup: 1234\n'), 'the last line gets an LF, as the file\'s other lines');
  t.is(output.split('\r\n').length, 2, 'the one CRLF stays the only one');
  // And the reverse: a CRLF file whose first line happens to end in LF.
  const crlfInput = `\n${lf.replace(/\n/g, '\r\n')}`;
  const crlfOutput = await injected(crlfInput);
  t.deepEqual(untouchedLineViolations(crlfInput, crlfOutput), []);
  t.false(/[^\r]\n/.test(crlfOutput.slice(1)), 'every new line break is CRLF');
});

test('the oracle: a comment just above a list item that injection moves away goes with it; one above an item that stays must survive (fuzz seed 19)', async (t) => {
  const input = deployment('      containers:\n      # about web\n      - name: web\n        image: nginx\n      #\n      - name: istio-proxy\n        image: auto\n        args: ["-c", "my.yaml"]\n');
  const output = await injected(input);
  t.false(output.includes('      #\n'), 'the comment above the moved istio-proxy left with it');
  t.deepEqual(untouchedLineViolations(input, output), []);
  t.deepEqual(untouchedLineViolations(input, output.replace('      # about web\n', '')), [{ document: 0, line: 15, text: '      # about web' }]);
});

test('the oracle: a comment just above a map entry that injection removes goes with it (fuzz seed 25)', async (t) => {
  const input = 'apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    prometheus.io/scrape: "true"\n    # targets\n    prometheus.istio.io/scrape-targets: "8080:/metrics"\n    # keep\n    team: a\n  name: p\nspec:\n  containers:\n    - name: app\n      image: nginx\n';
  const output = await injected(input);
  t.false(output.includes('prometheus.istio.io/scrape-targets'), 'injection takes the scrape targets over');
  t.false(output.includes('# targets'));
  t.deepEqual(untouchedLineViolations(input, output), []);
  t.deepEqual(untouchedLineViolations(input, output.replace('    # keep\n', '')), [{ document: 0, line: 8, text: '    # keep' }]);
});

test('the KRM function splices changed items the same way', async (t) => {
  const items = `- apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web, namespace: shop}
  spec:
    template:
      spec:
        containers:
            - name: web   
              image: nginx
              args: ["--port","8080"]
    
        volumes:
        - {name: data, emptyDir: {}}
`;
  const input = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nfunctionConfig: {apiVersion: v1, kind: ConfigMap, data: {selector: all}}\nitems:\n${items}`;
  const run = await runCli([], { stdin: input });
  t.is(run.exitCode, 0, run.stderr);
  t.is(keptInOrder(items, run.stdout), undefined);
  const pod = (parse(run.stdout) as { items: { spec: { template: { spec: Record<string, { name: string }[]> } } }[] }).items[0]!.spec.template.spec;
  t.deepEqual(pod.initContainers!.map((c) => c.name), ['istio-init', 'istio-proxy'], 'a native sidecar (Istio 1.30 default)');
});

test('the oracle flags a reformatted untouched line and accepts a rewritten value', (t) => {
  const input = deployment(FORMS['a flow sequence without spaces']!);
  const texts = (v: ReturnType<typeof untouchedLineViolations>) => (typeof v === 'string' ? [v] : v.map((x) => x.text));
  const reformatted = input.replace('args: ["--port","8080"]', 'args: ["--port", "8080"]').replace('image: nginx', 'image: nginx:2');
  t.deepEqual(texts(untouchedLineViolations(input, reformatted)), ['        args: ["--port","8080"]']);
  const rewritten = input.replace('args: ["--port","8080"]', 'args: ["--port", "9090"]');
  t.deepEqual(texts(untouchedLineViolations(input, rewritten)), []);
  const blankLost = deployment(FORMS['whitespace on blank lines']!);
  t.deepEqual(texts(untouchedLineViolations(blankLost, blankLost.replace('\n    \n', '\n\n').replace('image: nginx', 'image: nginx:2'))), ['    ']);
});

test('the oracle matches repeated names by their rank: a twin merged away is explained, a twin reformatted is flagged', (t) => {
  const input = 'volumes:\n- name: a\n- name: a\n- name: b\n';
  t.deepEqual(untouchedLineViolations(input, 'volumes:\n- name: a\n- name: b\n'), []);
  const flagged = untouchedLineViolations(input, 'volumes:\n- name: a\n-   name: a\n- name: b\n');
  t.deepEqual(typeof flagged === 'string' ? flagged : flagged.map((v) => v.text), ['- name: a']);
});

test('a list emptied by injection, with a blank line or comment before it, is written `key: []` (yaml put `[]` at the key column)', async (t) => {
  for (const before of ['      \t\n', '      # the proxy\n']) {
    const input = deployment(`      containers:\n${before}      - name: istio-proxy\n        image: auto\n`);
    const output = await injected(input);
    t.true(output.includes('      containers: []\n'), output);
    t.deepEqual(parse(output).spec.template.spec.containers, []);
    t.deepEqual(untouchedLineViolations(input, output), []);
    t.is(await injected(output), output, 'a fixpoint');
  }
});
