import test from 'ava';
import { render } from './run.js';

// Expected texts are what Go's sigs.k8s.io/yaml (go-yaml v2) printed for the same data (gotmpl oracle).
const cases: Array<[string, unknown, string]> = [
  ['key order: non-letters first, digit runs numerically', { b: 1, a10: 'x', a2: 'y', A: 'z', _x: 1, a_b: 2, aB: 3, '1': 4 },
    '_x: 1\n"1": 4\nA: z\na_b: 2\na2: "y"\na10: x\naB: 3\nb: 1\n'],
  ['folding past column 80, nested collections, empty ones, null', {
    k: 'this is a rather long string value that should be folded by the emitter because it is longer than eighty columns wide',
    l: ['a', { x: 1, y: [1, 2] }, [3, 4]], e: {}, f: [], n: null },
  'e: {}\nf: []\nk: this is a rather long string value that should be folded by the emitter because\n  it is longer than eighty columns wide\nl:\n- a\n- x: 1\n  "y":\n  - 1\n  - 2\n- - 3\n  - 4\n"n": null\n'],
  ['scalar styles', {
    lit: 'a\nb\n', lit2: 'a\nb', lit3: 'a\n\n', lead: ' a\nb', tab: 'a\tb', colon: 'a:b', colsp: 'a: b', hash: 'a #b', star: '*x',
    dash: '- x', q: "it's", ts: '2001-12-14', oct: '0777', hex: '0x1F', base60: '1:20', dot: '.5', emoji: '😀', num: 1.5, big: 1e21,
    small: 0.00001, int: 1000000, neg: -3, trail: 'a ', dq: 'say "hi"', brace: '{a}', pct: '%x', at: '@x' },
  'at: \'@x\'\nbase60: "1:20"\nbig: 1e+21\nbrace: \'{a}\'\ncolon: a:b\ncolsp: \'a: b\'\ndash: \'- x\'\ndot: ".5"\ndq: say "hi"\n' +
    'emoji: "\\U0001F600"\nhash: \'a #b\'\nhex: "0x1F"\nint: 1000000\nlead: |2-\n   a\n  b\nlit: |\n  a\n  b\nlit2: |-\n  a\n  b\n' +
    'lit3: |+\n  a\n\nneg: -3\nnum: 1.5\noct: "0777"\npct: \'%x\'\nq: it\'s\nsmall: 1e-05\nstar: \'*x\'\ntab: "a\\tb"\ntrail: \'a \'\nts: "2001-12-14"\n'],
  ['sequences of sequences and empty collections', [['a', 'b'], [], {}], '- - a\n  - b\n- []\n- {}\n'],
  ['single-quoted folding (the Multus annotation of the golden files)', {
    sq: '[{"name": "alt_cni"}, {"name": "more_cni", "namespace": "kube-system"}, {"name": "istio-cni", "namespace": "default"}]' },
  'sq: \'[{"name": "alt_cni"}, {"name": "more_cni", "namespace": "kube-system"}, {"name":\n  "istio-cni", "namespace": "default"}]\'\n'],
  ['folded continuation indents by the scalar indentation', { a: { b: { c: 'a long value with spaces that goes on and on and on and on and on and on and on and on end' } } },
    'a:\n  b:\n    c: a long value with spaces that goes on and on and on and on and on and on and\n      on and on end\n'],
  ['words that read as other types, indicators', ['y', 'n', 'on', '~', 'null', 'true', '1e3', '+1', '-', '?', '? x', ':x', 'x:', 'a,b', '[x', 'x]', '#x', 'x#', '&a', '!a', '|a', '>a', '`a', '"a'],
    '- "y"\n- "n"\n- "on"\n- "~"\n- "null"\n- "true"\n- "1e3"\n- "+1"\n- \'-\'\n- \'?\'\n- \'? x\'\n- :x\n- \'x:\'\n- a,b\n- \'[x\'\n- x]\n- \'#x\'\n- x#\n- \'&a\'\n- \'!a\'\n- \'|a\'\n- \'>a\'\n- \'`a\'\n- \'"a\'\n'],
  ['a top-level literal keeping several newlines', 'x\n\n\n', '|+\n  x\n\n\n'],
  ['spaces only, and a space before a newline forces double quotes', { k: '   ', l: 'line1\nline2 \nline3' }, 'k: \'   \'\nl: "line1\\nline2 \\nline3"\n'],
  ['floats print with Go\'s %g', { a: 1.0, b: 123456789.5, c: 0.1, d: -0.0001 }, 'a: 1\nb: 1.234567895e+08\nc: 0.1\nd: -0.0001\n'],
];

for (const [name, value, want] of cases) {
  test(`toYaml: ${name}`, (t) => {
    t.is(render('{{ toYaml .m }}', { m: value }), want);
  });
}

test('toYAML is not a function of istiod (only toYaml is): a template using it does not parse, as in Go', (t) => {
  // Go: template: inject:1: function "toYAML" not defined (gotmpl oracle).
  t.throws(() => render('{{ toYAML .m }}', { m: { a: 'b' } }), { message: 'template: inject:1: function "toYAML" not defined' });
});
