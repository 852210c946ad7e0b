// Differential test of the fast reader (src/render/parse-rendered-yaml.ts) on the shapes Istio's own
// Go templates render, literal block scalars and multi-line flow maps: on every text it must either
// decline (undefined) or return exactly what `yaml` returns, and it must take the real renders.
import test from 'ava';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { parseRenderedYaml } from '../../src/render/parse-rendered-yaml.js';
import { compareWithYaml } from './compare-fast-yaml.js';
import { buildSettings } from '../../src/config/index.js';
import { effectiveProxyConfig } from '../../src/config/effective-proxy-config.js';
import { proxyConfigJson } from '../../src/config/proxy-config-json.js';
import { executeTemplate } from '../../src/gotemplate/index.js';
import { compileGoTemplate } from '../../src/render/go/go-template-set.js';
import { goTemplateData } from '../../src/render/go/go-template-data.js';
import { proxyImage, proxyInitImage } from '../../src/render/images.js';
import { findPodTemplates, getAt, workloadIdentity } from '../../src/workloads/index.js';
import type { Json, JsonObject, PodJson } from '../../src/k8s/types.js';

const here = dirname(fileURLToPath(import.meta.url));
const RELEASE = join(here, '..', '..', '..', '..', 'shared', 'conformance', 'istio-versions', '1.30.3');

const compare = compareWithYaml;

const BLOCK_BODIES = [
  '  x\n', '  x\n  y\n', '  x\n\n  y\n', '  x\n    deeper\n  y\n', '    x\n  y\n', '\n  x\n', '  \n  x\n', '    \n  x\n', '  x\n    \n',
  '  x\n  \n', '  x\n\n\n', '  {}\n', '  [\n      {"a":1}\n      ,{"b":2}\n  ]\n', '  # not a comment\n', '  x: y\n', '  - x\n',
  '  "q"\n', "  'q'\n", '  x #y\n', '', '\n', '  x', '  x\n  y',
];
const FLOW_BODIES = [
  '', '  x: "1",\n', '  x: "1"\n', '  x: "1",\n  y: \'2\',\n', '  x: 1,\n', '  x: yes,\n', '  x: a b,\n', '  x: a,b\n', '  x: [1],\n',
  '  x: {},\n', '  x: "1", y: "2"\n', '  x: "1",,\n', '  "x y": "1",\n', "  'x': 1,\n", '  a.b/c: "1",\n', '  a,b: "1",\n',
  '  x: "1",\n  x: "2",\n', '  x: "1" # c\n', '  # c\n  x: "1",\n', '  x:\n', '  x: "a\\"b",\n', '  x: "\\x41",\n', '\n  x: "1",\n\n',
  '    x: "1",\n', '  x: "1",\n    y: "2",\n', '  <<: "1",\n', '  x: - y,\n', '  x: *a,\n', '  x: &a 1,\n', '  x: !t 1,\n',
  '  __proto__: "1",\n', '  x: 1:2,\n', '  x: http://a/b,\n',
];
const FLOW_CLOSERS = ['}\n', ' }\n', '  }\n', '}', '}  \n', '} # c\n', '},\n', '}}\n', ''];

function shapes(): string[] {
  const texts: string[] = [];
  for (const header of ['|', '|-', '|+', '>', '|2', '| # c', '|  ']) {
    for (const body of BLOCK_BODIES) {
      texts.push(`a: ${header}\n${body}b: 1\n`, `a:\n  k: ${header}\n  ${body.replaceAll('\n  ', '\n    ')}  j: 2\nb: 1\n`);
      texts.push(`a:\n- n: x\n  v: ${header}\n${body.replaceAll(/^ {2}|(?<=\n) {2}/g, '      ')}- n: y\n`, `a: ${header}\n${body}`);
    }
  }
  for (const body of FLOW_BODIES) {
    for (const closer of FLOW_CLOSERS) {
      texts.push(`a: {\n${body}${closer}b: 1\n`, `m:\n  a: {\n  ${body.replaceAll('\n  ', '\n    ')}  ${closer}  c: 2\n`);
    }
  }
  texts.push('a: { \n  x: "1"\n}\n', 'a: {\n  x: "1"\n}\n', '- {\n  x: "1"\n  }\n', 'a: [\n  "1",\n]\n', 'a: {\nx: "1",\n}\n');
  return texts;
}

test('block scalars and multi-line flow maps: the fast path declines or agrees with yaml', (t) => {
  let fast = 0;
  const texts = shapes();
  for (const text of texts) if (compare(t, text) === 'fast') fast++;
  t.log(`${fast} of ${texts.length} texts read by the fast path`);
  for (const text of ['a: |\n  x\nb: 1\n', 'a: |-\n  x\n\n  y\n\nb: 1\n', 'a: {\n  x: "1",\n  y: \'z\',\n}\nb: 1\n']) {
    t.not(parseRenderedYaml(text), undefined, text);
  }
});

test("every pod of the 1.30.3 corpus through each of the release's Go templates: the fast path agrees with yaml", (t) => {
  if (!existsSync(join(RELEASE, 'cases.json'))) {
    t.log('skipped: ../shared/conformance/istio-versions/1.30.3 is not present');
    t.pass();
    return;
  }
  const settings = buildSettings({});
  const templates = readdirSync(join(RELEASE, 'templates')).map((f) => compileGoTemplate(f, readFileSync(join(RELEASE, 'templates', f), 'utf8'), f, {}));
  const outputs = new Set<string>();
  const sidecarOutputs = new Set<string>();
  for (const file of readdirSync(join(RELEASE, 'inject')).filter((f) => f.endsWith('.yaml'))) {
    let docs: Json[];
    try {
      docs = parseAllDocuments(readFileSync(join(RELEASE, 'inject', file), 'utf8')).flatMap((d) => ('toJS' in d ? [d.toJS() as Json] : []));
    } catch {
      continue;
    }
    for (const doc of docs) {
      if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) continue;
      for (const loc of findPodTemplates(doc)) {
        const template = getAt(doc, loc.path) as JsonObject | undefined;
        if (!template || typeof template !== 'object' || !template.spec) continue;
        const pod = { metadata: template.metadata ?? {}, spec: template.spec } as PodJson;
        const annotations = (pod.metadata.annotations ?? {}) as Record<string, string>;
        let proxyConfig;
        try {
          proxyConfig = effectiveProxyConfig(settings.mesh, annotations);
        } catch {
          continue; // an invalid proxy.istio.io/config: the corpus' own expected failure
        }
        const data = goTemplateData({
          pod, workload: workloadIdentity(loc, doc), proxyConfig, proxyConfigJson: proxyConfigJson(proxyConfig), settings,
          proxyImage: proxyImage(settings.values, proxyConfig, annotations), proxyInitImage: proxyInitImage(settings.values, annotations),
          proxyUID: 1337, proxyGID: 1337,
        });
        for (const compiled of templates) {
          try {
            const text = executeTemplate(compiled.template, data);
            outputs.add(text);
            if (compiled.name === 'injection-template.yaml') sidecarOutputs.add(text);
          } catch {
            // a template failing on this pod: its message is tested elsewhere
          }
        }
      }
    }
  }
  t.true(sidecarOutputs.size > 20, `only ${sidecarOutputs.size} sidecar renders collected`);
  let fast = 0;
  for (const text of outputs) if (compare(t, text) === 'fast') fast++;
  let fastSidecar = 0;
  for (const text of sidecarOutputs) if (parseRenderedYaml(text) !== undefined) fastSidecar++;
  t.log(`${fast} of ${outputs.size} distinct renders read by the fast path; sidecar: ${fastSidecar} of ${sidecarOutputs.size}`);
  // The sidecar template's renders are what every injected pod costs: most must take the fast path.
  t.true(fastSidecar >= sidecarOutputs.size * 0.8, `the fast path took only ${fastSidecar} of ${sidecarOutputs.size} sidecar renders`);
});
