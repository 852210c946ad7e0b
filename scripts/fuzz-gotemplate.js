#!/usr/bin/env node
// Differential fuzzing of the Go template engine against real Go (the gotmpl oracle binary):
// generates random templates from a small grammar and random JSON data with a seeded PRNG, renders
// both ways and prints the cases that differ.
//   node scripts/fuzz-gotemplate.js [--seed N] [--count N] [--oracle PATH] [--strict] [--libs] [--dump]
// --strict also compares error messages (by default any error matches any error); --libs also calls
// Sprig's and Istio's functions (the deterministic ones: no clock, randomness, network or environment).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { renderVector, vectorFuncs } from './render-go-template-vectors.js';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const seed = Number(opt('--seed', '1'));
const count = Number(opt('--count', '500'));
const oracle = opt('--oracle', '/tmp/gotmpl-oracle/gotmpl-oracle');
const strict = args.includes('--strict');
const libs = args.includes('--libs');

// mulberry32
let state = seed >>> 0;
function rand() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const chance = (p) => rand() < p;

// g and i hold typed values (markers): a Go map[string]string (labels, annotations) and a Go int (ports, UIDs).
const KEYS = ['a', 'b', 'n', 's', 'l', 'm', 'nul', 'f', 't', 'g', 'i'];
function randData(depth = 0) {
  const out = {};
  for (const k of KEYS) {
    if (chance(0.2)) continue;
    out[k] = randValue(k, depth);
  }
  return out;
}
function randValue(k, depth) {
  switch (k) {
    case 'n':
      return pick([0, 1, 3, -2, 1.5, 1000000, 1e21, 0.0001, 123456789]);
    case 's':
      return pick(['', 'x', 'hello', 'a b', '<&>', 'é', '10', 'true']);
    case 'l':
      return depth > 1 ? [] : pick([[], [1, 2, 3], ['a', 'b'], [null, { x: 1 }], [true, 0, 'z']]);
    case 'm':
      return depth > 1 ? {} : pick([{}, { x: 1, y: 'two' }, { z: null }, randData(depth + 1)]);
    case 'nul':
      return null;
    case 'f':
      return pick([true, false]);
    case 'g':
      return { $goStringMap: pick([null, {}, { x: '1', y: 'two' }, { a: '', 'sidecar.istio.io/inject': 'true', n: '10' }]) };
    case 'i':
      return { $goInt: pick([0, 1, -3, 15020, 1337, 65535]) };
    default:
      return pick([0, 'str', true, null, [1], { k: 'v' }]);
  }
}

function field() {
  let f = '.' + pick(KEYS);
  if (chance(0.3)) f += '.' + pick(['x', 'y', 'z', 'a', 'n', 'sidecar.istio.io/inject'.replace(/[./]/g, '')]);
  return f;
}
function operand(depth) {
  const r = rand();
  if (r < 0.35) return field();
  if (r < 0.45) return pick(['1', '0', '-1', '2.5', '1e3', "'a'", '0x10', 'true', 'false', 'nil', '"str"', '`raw`', '""', ...(libs ? LIB_LITERALS : [])]);
  if (r < 0.5) return '.';
  if (r < 0.55) return '$';
  if (depth < 2) return '(' + command(depth + 1) + ')';
  return field();
}
const FUNCS = [
  ['len', 1],
  ['index', 2],
  ['index', 3],
  ['slice', 2],
  ['not', 1],
  ['and', 2],
  ['or', 2],
  ['or', 3],
  ['eq', 2],
  ['eq', 3],
  ['ne', 2],
  ['lt', 2],
  ['le', 2],
  ['gt', 2],
  ['ge', 2],
  ['print', 2],
  ['println', 1],
  ['html', 1],
  ['js', 1],
  ['urlquery', 1],
];
// Sprig and Istio helpers with the argument counts they take (a wrong count is an error both ways, so
// mostly the right one): strings, math, lists, dicts, defaults and types, encodings, paths, Istio's own.
const LIB_FUNCS = [
  ...'upper lower title untitle trim nospace initials snakecase camelcase kebabcase swapcase toString toStrings sortAlpha b64enc b64dec b32enc b32dec sha1sum sha256sum adler32sum regexQuoteMeta quote squote'.split(' ').map((f) => [f, 1]),
  ...'trimAll trimPrefix trimSuffix trimall repeat trunc abbrev wrap contains hasPrefix hasSuffix cat indent nindent split splitList join regexMatch regexFind quote'.split(' ').map((f) => [f, 2]),
  ...'substr abbrevboth wrapWith replace plural splitn regexFindAll regexReplaceAll regexReplaceAllLiteral regexSplit'.split(' ').map((f) => [f, 3]),
  ...'add1 floor ceil add1f int int64 float64 atoi toDecimal until seq'.split(' ').map((f) => [f, 1]),
  ...'add sub div mod mul max min round addf subf divf mulf maxf minf biggest seq'.split(' ').map((f) => [f, 2]),
  ['untilStep', 3], ['add', 3], ['max', 3],
  // keys and values follow Go's map order, which is random: left out.
  ...'first last rest initial reverse uniq compact deepCopy list'.split(' ').map((f) => [f, 1]),
  ...'list append prepend concat without has chunk tuple slice get unset hasKey pluck pick omit merge mergeOverwrite dict'.split(' ').map((f) => [f, 2]),
  ['slice', 3], ['set', 3], ['dig', 3], ['dict', 4], ['list', 3],
  ...'empty kindOf typeOf fromJson toJson toPrettyJson toRawJson mustToJson toYaml fromJSON toJSON structToJSON protoToJSON omitNil toLower directory formatDuration base dir clean ext isAbs urlParse semver toJsonMap'.split(' ').map((f) => [f, 1]),
  ...'default coalesce all any kindIs typeIs typeIsLike deepEqual isset valueOrDefault excludeInboundPort appendMultusNetwork semverCompare mergeMaps strdict coalesce'.split(' ').map((f) => [f, 2]),
  ['ternary', 3], ['annotation', 3], ['coalesce', 3], ['default', 1],
];
const LIB_LITERALS = ['"a,b"', '","', '"%s"', '"^a"', '"a.*"', '"x y"', '"1.2.3"', '">=1.0.0"', '"/a/b.c"', '"a-b_c"', '"Hello World"', '"{\\"x\\":1}"', '"[1,2]"', '"60s"', '"YQ=="', '"10"', '"-3"', '"1.5"'];
const FORMATS = ['%v', '%d', '%s', '%q', '%5.2f', '%-4v|', '%x', '%T', '%t', '%g', '%e', '%03d', '%+v', '%#v', '%v %v', '%%', '%c', '%8.3s|'];
function command(depth) {
  const r = rand();
  if (r < 0.45) {
    const [f, n] = pick(libs && chance(0.7) ? LIB_FUNCS : FUNCS);
    const a = [];
    for (let i = 0; i < n; i++) a.push(operand(depth));
    return [f, ...a].join(' ');
  }
  if (r < 0.6) return `printf ${JSON.stringify(pick(FORMATS))} ${operand(depth)}${chance(0.3) ? ' ' + operand(depth) : ''}`;
  return operand(depth);
}
function pipeline() {
  let p = command(0);
  if (chance(0.15)) p += ' | ' + pick(['print', 'len', 'html', 'printf "%v"', 'not', ...(libs ? ['toJson', 'toYaml', 'quote', 'upper', 'default "d"', 'indent 2', 'nindent 2', 'trim', 'join ","', 'b64enc', 'toString', 'int', 'kindOf'] : [])]);
  return p;
}
function template(depth = 0) {
  const parts = [];
  const n = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (r < 0.45 || depth > 2) parts.push(`{{${pick(['', '- ', ' '])}${pipeline()}${pick(['', ' -', ' '])}}}`);
    else if (r < 0.6) parts.push(`{{if ${pipeline()}}}${template(depth + 1)}{{else}}${template(depth + 1)}{{end}}`);
    else if (r < 0.7) parts.push(`{{with ${pipeline()}}}${template(depth + 1)}{{end}}`);
    else if (r < 0.82) parts.push(`{{range ${chance(0.5) ? '$i, $e := ' : ''}${field()}}}${chance(0.2) ? '{{if eq 1 1}}{{break}}{{end}}' : ''}${template(depth + 1)}{{else}}E{{end}}`);
    else if (r < 0.86) parts.push(`{{$v := ${command(1)}}}{{$v}}`);
    else if (r < 0.89) parts.push(`{{define "d${depth}"}}${template(depth + 1)}{{end}}{{template "d${depth}" ${operand(1)}}}`);
    else if (r < 0.91) parts.push(`{{block "b${depth}" ${field()}}}${template(depth + 1)}{{end}}`);
    else if (r < 0.93) parts.push(pick(['{{/* c */}}', '{{- /* c */ -}}', '{{/*\n*/}}', '{{ $x := 1 }}{{ $x = 2 }}{{ $x }}', '{{ (.m).x }}', '{{ .l.x }}']));
    else if (r < 0.95) parts.push(pick(['{{', '}}', '{{ if }}', '{{ end }}', '{{ .a b }}', '{{ $u }}', '{{ "a }}', '{{ 08 }}', '{{ 1_000 }}', '{{ 0b101 }}', '{{ 0o17 }}', '{{ 1e400 }}', "{{ '\\n' }}", '{{ "\\u00e9" }}']));
    else parts.push(pick(['text', ' ', '\n', 'x\n y', '  \n\t']));
  }
  return parts.join('');
}

if (!existsSync(oracle)) {
  console.error(`oracle binary not found at ${oracle} (build tools/gotmpl-oracle; --oracle PATH)`);
  process.exit(2);
}
const vectors = [];
for (let i = 0; i < count; i++) vectors.push({ id: i, template: template(), data: randData() });
if (args.includes('--dump')) {
  // The cases as JSON lines (the oracle's protocol), to replay one: --dump | sed -n 'Np' | ORACLE
  for (const v of vectors) console.log(JSON.stringify(v));
  process.exit(0);
}
const res = spawnSync(oracle, [], { input: vectors.map((v) => JSON.stringify(v)).join('\n') + '\n', maxBuffer: 1 << 28 });
const want = new Map();
for (const line of res.stdout.toString('utf8').split('\n')) {
  if (line.trim() === '') continue;
  const d = JSON.parse(line);
  want.set(d.id, d);
}
const funcs = await vectorFuncs();
let mismatches = 0;
for (const v of vectors) {
  const w = want.get(v.id);
  if (w === undefined) {
    // The oracle died (Go ran out of memory on a case such as `seq 2147483647`); later cases have no answer.
    console.log(`--- #${v.id}: the oracle gave no answer (it stopped at this case or before)`);
    mismatches++;
    break;
  }
  if (process.env.TRACE) process.stderr.write(JSON.stringify(v) + "\n");
  const g = await renderVector(funcs, v);
  const same = w.error !== undefined ? g.error !== undefined && (!strict || g.error === w.error) : g.output === w.output;
  if (!same) {
    mismatches++;
    console.log(`--- #${v.id} ${JSON.stringify(v.template)}\n    data ${JSON.stringify(v.data)}\n    go   ${JSON.stringify(w)}\n    ours ${JSON.stringify(g)}`);
  }
}
console.log(`seed ${seed}: ${count - mismatches}/${count} agree${strict ? ' (strict messages)' : ''}`);
process.exit(mismatches === 0 ? 0 : 1);
