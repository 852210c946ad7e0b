import test from 'ava';
import { InjectError } from '../../src/errors.js';
import { compileTemplate } from '../../src/render/compile-template.js';
import { renderTemplate } from '../../src/render/render-template.js';
import type { TemplateContext } from '../../src/render/template-context.js';
import { resolveTemplate } from '../../src/render/template-set.js';
import type { Settings } from '../../src/config/types.js';

const ctx = { pod: { metadata: {}, spec: {} }, json: JSON.stringify } as unknown as TemplateContext;

function settingsWith(templates: Settings['templates'], goTemplates: Record<string, string> = {}): Settings {
  return { templates, injector: { goTemplates } } as unknown as Settings;
}

test('rendered YAML is parsed with YAML 1.1 rules (yes/on are booleans)', (t) => {
  const tpl = compileTemplate({ name: 't', source: 'spec:\n  hostNetwork: yes\n  x: on\n', origin: 'test' });
  t.deepEqual(renderTemplate(tpl, ctx), { spec: { hostNetwork: true, x: true } });
});

test('timestamps stay strings like go-yaml v2 decoding into a map', (t) => {
  const tpl = compileTemplate({ name: 'ts', source: 'metadata:\n  annotations:\n    when: 2001-12-14\n', origin: 'test' });
  t.deepEqual(renderTemplate(tpl, ctx), { metadata: { annotations: { when: '2001-12-14' } } });
});

test('<%= %> does not HTML-escape', (t) => {
  const tpl = compileTemplate({ name: 'e', source: 'a: <%= "<&>" %>\n', origin: 'test' });
  t.deepEqual(renderTemplate(tpl, ctx), { a: '<&>' });
});

test('a template that throws is a template-failed error naming the template and line', (t) => {
  const tpl = compileTemplate({ name: 'boom', source: 'a: 1\nb: <%- pod.nope.deeper %>\n', origin: 'test' });
  const err = t.throws(() => renderTemplate(tpl, ctx), { instanceOf: InjectError }) as InjectError;
  t.is(err.code, 'template-failed');
  t.regex(err.message, /template "boom"/);
  t.regex(err.message, /boom\.ejs:2/);
});

test('invalid rendered YAML is a template-failed error with the output line', (t) => {
  const tpl = compileTemplate({ name: 'bad', source: 'a: 1\nb: [unclosed\n', origin: 'test' });
  const err = t.throws(() => renderTemplate(tpl, ctx), { instanceOf: InjectError }) as InjectError;
  t.is(err.code, 'template-failed');
  t.regex(err.message, /template "bad".*invalid YAML/);
});

test('an ejs syntax error is reported when compiling', (t) => {
  const err = t.throws(() => compileTemplate({ name: 'syntax', source: 'a: <% if ( %>\n', origin: 'file x.ejs' }), { instanceOf: InjectError }) as InjectError;
  t.regex(err.message, /template "syntax" \(file x\.ejs\) does not compile/);
});

test('the same source is compiled once', (t) => {
  const a = compileTemplate({ name: 'one', source: 'k: v\n', origin: 'a' });
  const b = compileTemplate({ name: 'two', source: 'k: v\n', origin: 'b' });
  t.is(a.render, b.render);
});

test('an unknown template gives template-not-found listing the names', (t) => {
  const s = settingsWith({}, { spire: 'spec: {}' });
  const missing = t.throws(() => resolveTemplate(s, 'nope'), { instanceOf: InjectError }) as InjectError;
  t.is(missing.code, 'template-not-found');
  t.regex(missing.message, /requested template "nope" not found; have .*gateway.*sidecar.*spire/);
});

test('a user template with a built-in name replaces the built-in', (t) => {
  const s = settingsWith({ sidecar: { name: 'sidecar', source: 'mine: true\n', origin: 'user' } });
  const tpl = resolveTemplate(s, 'sidecar');
  if (tpl.kind !== 'ejs') return t.fail('expected the user ejs template');
  t.deepEqual(renderTemplate(tpl, ctx), { mine: true });
});
