// Differential test of the fast reader of rendered templates (src/render/parse-rendered-yaml.ts):
// on every text it must either decline (undefined) or return exactly what `yaml` returns.
import test from 'ava';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { parseRenderedYaml } from '../../src/render/parse-rendered-yaml.js';
import { compareWithYaml } from './compare-fast-yaml.js';
import { DirectValues } from '../../src/render/direct-values.js';
import { partialPodFromYaml } from '../../src/render/render-template.js';
import { json } from '../../src/render/template-helpers.js';
import { availableTemplateNames, resolveTemplate } from '../../src/render/template-set.js';
import { builtinTemplateSources } from '../../src/render/templates/builtin-sources.generated.js';
import { loadRunSettings } from '../../src/process/load-run-settings.js';
import { defaultRunOptions } from '../../src/process/run-options.js';
import { findPodTemplates, workloadIdentity, getAt } from '../../src/workloads/index.js';
import { injectPod } from '../../src/inject.js';
import { buildSettings } from '../../src/config/index.js';
import type { Settings } from '../../src/config/types.js';
import type { Json, JsonObject, PodJson } from '../../src/k8s/types.js';
import { corpusTest } from '../corpus.js';

const here = dirname(fileURLToPath(import.meta.url));
const CORPUS = join(here, '..', '..', '..', '..', 'shared', 'conformance', 'istio');

const compare = compareWithYaml;

// Scalars written plain, as a block value, a key, inside JSON, single- and double-quoted.
const SCALARS = [
  'yes', 'Yes', 'YES', 'yEs', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF', 'y', 'Y', 'n', 'N', 'true', 'True',
  'TRUE', 'tRue', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL', 'nULL', '~', '0', '-0', '+0', '00', '07', '08', '0777',
  '-0777', '0o17', '0x1F', '0X1F', '-0x1f', '0b101', '-0b11', '1_000', '1__0', '_1', '1_', '0x_1', '123456789012345',
  '1234567890123456789', '9007199254740993', '-12', '+12', '1.5', '-1.5', '+1.5', '.5', '5.', '1.50', '1_0.5', '1e3',
  '1E3', '1.5e-3', '-1e+3', '1e', 'e3', '.inf', '-.inf', '+.inf', '.Inf', '.INF', '.nan', '.NaN', '.NAN', '.nAn',
  '2001-12-14', '2001-12-14t21:59:43.10-05:00', '12:30:00', '190:20:30', '1:20', '-', '.', '..', '...', '=', '<<',
  'a:b', 'a: b', 'a #b', 'a#b', 'a,b', 'a b', 'a  b', 'http://x.y/z?q=1&r=2', '$(POD_NAMESPACE).svc', '15090,15021',
  '*', '!', '&a', '@x', '%x', '`x`', '?', '?x', ':x', 'x:', '[x', '{x', 'x]', '|', '>', "'", '"', '\\', 'a\\nb',
  '0.0.0.0/0', '10.0.0.1', '1.2.3', '1.0Mi', '100m', '2000m', '-1', '--flag=x', '-x', '- x', 'ünïcode', 'a\tb', '',
  'constructor', '__proto__', 'toString', 'hasOwnProperty',
];

function tortureTexts(): string[] {
  const texts: string[] = [];
  for (const s of SCALARS) {
    const dq = JSON.stringify(s);
    const sq = `'${s.replaceAll("'", "''")}'`;
    texts.push(
      `a: ${s}\n`, `${s}: 1\n`, `a:\n  ${s}: 1\n`, `a:\n- ${s}\n`, `a:\n  - ${s}\n  - x\n`, `- ${s}\n`, `a: [${s}]\n`,
      `a: {"k": ${s}}\n`, `a: ${dq}\n`, `${dq}: 1\n`, `a: ${sq}\n`, `${sq}: x\n`, `a: [${dq}]\n`, `a: {${dq}:${dq}}\n`,
      `a:\n- ${s}: x\n  b: y\n`,
    );
  }
  // Numbers and escapes inside JSON.
  for (const n of ['0', '-0', '1', '-1', '0.5', '-0.0', '1e21', '1E-7', '1.5e+300', '1e400', '123456789012345', '1234567890123456',
    '12345678901234567890', '0.1234567890123456789', '01', '1.', '.5', '+1', '0x10', 'NaN', 'Infinity']) {
    texts.push(`a: ${n}\n`, `a: [${n}]\n`, `a: {"n":${n}}\n`, `- {"n": ${n}, "m": [${n}, ${n}]}\n`);
  }
  for (const s of ['\\u0000', '\\u001f', '\\ud83d\\ude00', '\\ud800', '\\u2028', '\\u0085', '\\ufeff', '\\/', '\\b\\f\\n\\r\\t',
    '\\"', '\\\\', '\\x41', '\\0', '\\e', '\\N', '\\_', '\\L', '\\ ', '\\a', '\\v', '\\U0001F600', '\\u12', '#', ' # ', ': ', '- ',
    '{}', '[]', ',', "'", "''"]) {
    texts.push(`a: "${s}"\n`, `a: ["${s}"]\n`, `a: {"${s}": "${s}"}\n`, `"${s}": x\n`);
  }
  // Shapes.
  texts.push(
    'a: 1\n', 'a: 1', 'a:\n', 'a:', 'a:\nb:\n', 'a: 1\na: 2\n', 'a: 1\nb: 2\na: 3\n', 'a: {"x":1,"x":2,"y":3}\n',
    '__proto__: 1\n', 'a: {"__proto__": {"b": 1}}\n', '"__proto__": [1]\n', 'constructor: 1\ntoString: 2\n',
    '\n\na: 1\n\n\n', '# c\na: 1\n  # indented comment\nb: 2\n# end\n', 'a: 1 # c\n', 'a: "x" # c\n', 'a: {} # c\n',
    'a:\n  b:\n    c: 1\n  d: [1, 2]\ne: {}\n', 'a:\n- 1\n- 2\nb: 3\n', 'a:\n  - 1\n  - 2\nb: 3\n', 'a:\n  - 1\n b: 2\n',
    'a:\n  - 1\n  b: 2\n', 'a:\n- b: 1\n  c: 2\n- d: 3\n', 'a:\n-   b: 1\n    c: 2\n', 'a:\n- b: 1\n   c: 2\n', 'a:\n- b: 1\n c: 2\n',
    'a:\n- b:\n  - 1\n  c: 2\n', 'a:\n- b:\n    c: 1\n', 'a:\n-\n  b: 1\n', 'a:\n-\n- 1\n', 'a:\n- - 1\n', 'a:\n- \n', 'a:\n  b: 1\n c: 2\n',
    'a:\n    b: 1\n  c: 2\n', 'a: 1\n  b: 2\n', 'a: b\n  c\n', 'a:\n  b\n', ' a: 1\n', '- a\n', '[1]\n', '{"a": 1}\n', '"a"\n', 'a\n',
    '', '\n', '# only\n', '---\na: 1\n', 'a: 1\n---\nb: 2\n', 'a: 1\n...\n', '...: 1\n', '---: 1\n', '%YAML 1.1\n---\na: 1\n',
    'a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a: !!int "1"\n', 'a: |\n  x\n', 'a: >\n  x\n', '? a\n: b\n', 'a: [1,\n  2]\n', 'a: {"b":\n 1}\n',
    'a:\tb\n', 'a: b\r\n', '\ufeffa: 1\n', 'a: x\u00a0y\n', 'a: [1, 2, ]\n', 'a: [1,,2]\n', 'a: {"b" : 1 , "c" : [ ] }\n', 'a: { }\n',
    'a: [a, b]\n', 'a: {a: 1}\n', 'a: [1]x\n', 'a: "x"y\n', 'a: \'x\'y\n', '"a":1\n', '"a" : 1\n', "'a':1\n", 'a:b: 1\n', 'a: b: c\n',
    'a:: 1\n', ':a: 1\n', `${'k'.repeat(1100)}: 1\n`, `a: ${'v'.repeat(2000)}\n`, `"${'k'.repeat(1030)}": 1\n`,
    `a: {"${'k'.repeat(1100)}": 1}\n`, 'a: [{"b": [{"c": [[], {}]}]}]\n', 'a:\n  <<: {"b": 1}\n', 'a: {"<<": {"b": 1}}\n',
    '<<: {"b": 1}\n', '"<<": 1\n', 'a:    \n  b: 1\n', 'a: 1   \n', 'spec:\n  x: [ "a" ]   \n',
  );
  return texts;
}

test('hand-written scalars and shapes: the fast path declines or agrees with yaml', (t) => {
  let fast = 0;
  const texts = tortureTexts();
  for (const text of texts) if (compare(t, text) === 'fast') fast++;
  t.log(`${fast} of ${texts.length} texts read by the fast path`);
  // The subset is not empty: the shapes our templates emit are taken.
  for (const text of ['a: 1\n', 'a:\n- b: "x"\n  c: {"d":[1,-2.5,true,null]}\nd: yes\n', 'a: \'it\'\'s\'\n']) {
    t.not(parseRenderedYaml(text), undefined, text);
  }
});

// Every render of every ejs template (the setups' custom Go templates run through the Go engine and
// are not captured here; their output is read by the same partialPodFromYaml), for every pod of Istio's golden
// corpus under every corpus setup, in both flavors, and with each template forced by annotation.
function renderCorpus(): { builtin: string[]; other: string[] } {
  const cases = JSON.parse(readFileSync(join(CORPUS, 'cases.json'), 'utf8')) as {
    input: string;
    setup: { valuesFile: string; injectorConfigFile: string; meshConfigFile: string; nativeSidecarsEffective: boolean; compliancePolicy: string };
  }[];
  const builtin: string[] = [];
  const other: string[] = [];
  const builtinSources = new Set(Object.values(builtinTemplateSources));
  const seenSetups = new Map<string, Settings>();
  for (const c of cases) {
    const inputFile = join(CORPUS, c.input);
    if (!existsSync(inputFile)) continue;
    const setupKey = JSON.stringify(c.setup);
    let settings = seenSetups.get(setupKey);
    if (!settings) {
      const options = defaultRunOptions();
      options.injectorConfig = { path: c.setup.injectorConfigFile };
      options.values = { path: c.setup.valuesFile };
      options.meshConfig = { path: c.setup.meshConfigFile };
      options.nativeSidecars = c.setup.nativeSidecarsEffective;
      if (c.setup.compliancePolicy) options.compliancePolicy = c.setup.compliancePolicy;
      try {
        settings = loadRunSettings(options, [], CORPUS);
      } catch {
        continue;
      }
      capture(settings, builtinSources, builtin, other);
      seenSetups.set(setupKey, settings);
    }
    let docs: Json[];
    try {
      docs = parseAllDocuments(readFileSync(inputFile, 'utf8')).flatMap((d) => ('toJS' in d ? [d.toJS() as Json] : []));
    } catch {
      continue;
    }
    injectAll(docs, settings);
  }
  return { builtin, other };
}

/** Wraps each compiled template of `settings` so that its output is recorded. */
function capture(settings: Settings, builtinSources: Set<string>, builtin: string[], other: string[]): void {
  for (const name of availableTemplateNames(settings)) {
    let compiled;
    try {
      compiled = resolveTemplate(settings, name);
    } catch {
      continue; // a template that does not compile; its failure is tested elsewhere
    }
    if (compiled.kind !== 'ejs') continue; // Go templates: the engine prints its own output
    const render = compiled.render;
    const source = settings.templates[name]?.source ?? builtinTemplateSources[name];
    const sink = source !== undefined && builtinSources.has(source) ? builtin : other;
    compiled.render = (ctx) => {
      const text = render(ctx);
      // A direct render (direct-values.ts) writes tokens: record the ordinary text, and check that the
      // values placed directly are exactly what reading that text gives.
      const plain = ctx.json === json ? text : render({ ...ctx, json });
      sink.push(plain);
      if (ctx.json !== json) {
        const direct = new DirectValues();
        const placed = parseRenderedYaml(render({ ...ctx, json: direct.json }), direct);
        directRenders.count++;
        if (placed !== undefined && direct.allTaken) {
          directRenders.placed++;
          const read = partialPodFromYaml(plain, name, 'test');
          if (!isDeepStrictEqual(placed, read) || JSON.stringify(placed) !== JSON.stringify(read)) directRenders.mismatches.push(plain);
        }
      }
      return text;
    };
  }
}

/** Direct renders seen by capture(): how many, how many placed every value, and texts where placing differed from reading. */
const directRenders = { count: 0, placed: 0, mismatches: [] as string[] };

function injectAll(docs: Json[], settings: Settings): void {
  for (const doc of docs) {
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) continue;
    for (const loc of findPodTemplates(doc)) {
      const template = getAt(doc, loc.path) as JsonObject | undefined;
      if (!template || typeof template !== 'object' || !template.spec) continue;
      const pod = { metadata: template.metadata ?? {}, spec: template.spec } as PodJson;
      const forced = [undefined, ...availableTemplateNames(settings)];
      for (const name of forced) {
        const annotations = { ...(pod.metadata.annotations ?? {}) } as Record<string, string>;
        if (name) annotations['inject.istio.io/templates'] = name;
        const variant = { ...pod, metadata: { ...pod.metadata, annotations } } as PodJson;
        for (const flavor of ['kube-inject', 'webhook'] as const) {
          try {
            injectPod({ pod: variant, workload: workloadIdentity(loc, doc), flavor }, settings);
          } catch {
            // Errors are the corpus' own expected failures; only the renders matter here.
          }
        }
      }
    }
  }
}

const corpusPresent = existsSync(join(CORPUS, 'cases.json'));

corpusTest('every corpus render: the fast path agrees with yaml, and takes every built-in render', (t) => {
  const { builtin, other } = renderCorpus();
  t.true(builtin.length > 1000, `only ${builtin.length} built-in renders collected`);
  let fastBuiltin = 0;
  for (const text of new Set(builtin)) if (compare(t, text) === 'fast') fastBuiltin++;
  else t.fail(`fast path declined a built-in render:\n${text}`);
  let fastOther = 0;
  for (const text of new Set(other)) if (compare(t, text) === 'fast') fastOther++;
  t.log(`built-in renders: ${new Set(builtin).size} distinct, ${fastBuiltin} fast; other ejs: ${new Set(other).size} distinct, ${fastOther} fast`);
});

corpusTest('every corpus render of a built-in template: values placed directly equal the text read back', (t) => {
  const before = { ...directRenders, mismatches: directRenders.mismatches.length };
  renderCorpus();
  const count = directRenders.count - before.count;
  const placed = directRenders.placed - before.placed;
  t.true(count > 1000, `only ${count} direct renders`);
  t.is(placed, count, 'every built-in render of the corpus goes direct');
  t.deepEqual(directRenders.mismatches.slice(before.mismatches), []);
});

test('renders of pods with unusual labels, annotations and container data agree with yaml', (t) => {
  const settings = buildSettings({ templates: {}, nativeSidecars: false });
  const builtin: string[] = [];
  const other: string[] = [];
  capture(settings, new Set(Object.values(builtinTemplateSources)), builtin, other);
  const odd = ['yes', 'on', '0777', '0x1F', '1e3', '.inf', '~', '', 'a: b', 'a #b', '"q"', "'s'", 'ünï', 'tab\there', 'nl\nx', '\u2028',
    '- x', '{x}', '[x]', '*a', '&a', '!t', '%', '@', '`', '|', '>', '\\', '12345678901234567890', '-0'];
  for (const v of odd) {
    const pod: PodJson = {
      metadata: {
        labels: { app: v, 'service.istio.io/canonical-name': v, version: v },
        annotations: { 'example.com/note': v, 'sidecar.istio.io/userVolume': JSON.stringify({ [`v-${v.length}`]: { configMap: { name: v } } }) },
      },
      spec: { containers: [{ name: v || 'app', image: v, ports: [{ containerPort: 80, name: v }], env: [{ name: 'X', value: v }] }] },
    };
    injectAll([{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'odd', namespace: 'x' }, spec: { template: pod as unknown as Json } } as Json], settings);
  }
  t.true(builtin.length >= odd.length, `only ${builtin.length} renders collected`);
  let fast = 0;
  for (const text of new Set(builtin)) if (compare(t, text) === 'fast') fast++;
  t.log(`${fast} of ${new Set(builtin).size} distinct renders read by the fast path`);
  t.deepEqual(directRenders.mismatches, [], 'values placed directly equal the text read back');
});

test('direct values: a token read as a whole value is placed; one inside a string, or a value JSON text would change, is not', (t) => {
  const direct = new DirectValues();
  const text = `a: ${direct.json({ x: [1, undefined, 'y'], u: undefined, n: -0 })}\nb:\n  - ${direct.json('s')}\n`;
  t.deepEqual(parseRenderedYaml(text, direct), { a: { x: [1, null, 'y'], n: 0 }, b: ['s'] });
  t.true(direct.allTaken);
  const quoted = new DirectValues();
  const token = quoted.json(1);
  t.deepEqual(parseRenderedYaml(`a: "${token}"\n`, quoted), { a: token });
  t.false(quoted.allTaken, 'a token inside a string is not a placed value');
  const texts = new DirectValues();
  for (const v of ['ünï', 12345678901234567890, { toJSON: () => 1 }, JSON.parse('{"__proto__": 1}'), new Date(0)]) {
    t.is(texts.json(v), JSON.stringify(v), `${JSON.stringify(v)} stays JSON text`);
  }
  const nan = new DirectValues();
  t.deepEqual(parseRenderedYaml(`a: ${nan.json(Number.NaN)}\n`, nan), { a: null });
});
