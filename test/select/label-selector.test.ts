import test from 'ava';
import { compileLabelSelector, describeLabelSelector, labelSelectorMatches, labelSelectorProblem } from '../../src/k8s/label-selector.js';

const labels = { app: 'web', tier: 'front', empty: '' };

test('matchLabels require every key with the exact value', (t) => {
  t.true(labelSelectorMatches({ matchLabels: { app: 'web' } }, labels));
  t.true(labelSelectorMatches({ matchLabels: { app: 'web', tier: 'front' } }, labels));
  t.false(labelSelectorMatches({ matchLabels: { app: 'web', tier: 'back' } }, labels));
  t.false(labelSelectorMatches({ matchLabels: { missing: 'x' } }, labels));
  t.true(labelSelectorMatches({ matchLabels: { empty: '' } }, labels));
});

test('In / NotIn / Exists / DoesNotExist', (t) => {
  t.true(labelSelectorMatches({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['back', 'front'] }] }, labels));
  t.false(labelSelectorMatches({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['back'] }] }, labels));
  t.false(labelSelectorMatches({ matchExpressions: [{ key: 'nope', operator: 'In', values: ['x'] }] }, labels));
  t.false(labelSelectorMatches({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] }, labels));
  t.true(labelSelectorMatches({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['back'] }] }, labels));
  // NotIn matches when the label is absent (the webhook's "sidecar.istio.io/inject NotIn [false]").
  t.true(labelSelectorMatches({ matchExpressions: [{ key: 'nope', operator: 'NotIn', values: ['false'] }] }, labels));
  t.true(labelSelectorMatches({ matchExpressions: [{ key: 'empty', operator: 'Exists' }] }, labels));
  t.false(labelSelectorMatches({ matchExpressions: [{ key: 'nope', operator: 'Exists' }] }, labels));
  t.true(labelSelectorMatches({ matchExpressions: [{ key: 'nope', operator: 'DoesNotExist' }] }, labels));
  t.false(labelSelectorMatches({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, labels));
});

test('matchLabels and matchExpressions are AND-ed', (t) => {
  t.true(labelSelectorMatches({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, labels));
  t.false(labelSelectorMatches({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, labels));
});

test('an empty selector matches everything in Kubernetes and is flagged empty', (t) => {
  const c = compileLabelSelector({});
  t.true(c.valid && c.empty);
  t.true(labelSelectorMatches({}, labels));
  const c2 = compileLabelSelector({ matchLabels: {}, matchExpressions: [] });
  t.true(c2.valid && c2.empty);
  const c3 = compileLabelSelector({ matchLabels: { a: 'b' } });
  t.true(c3.valid && !c3.empty);
});

test('invalid selectors carry a message naming the field, and match nothing', (t) => {
  const cases: [unknown, RegExp][] = [
    [{ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }, /matchExpressions\[0\]\.operator "Gt" is not a valid/],
    [{ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, /matchExpressions\[0\]: for 'In' and 'NotIn' operators, values can't be empty/],
    [{ matchExpressions: [{ key: 'a', operator: 'In' }] }, /values can't be empty/],
    [{ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, /values must be empty for 'Exists'/],
    [{ matchLabels: { 'bad key!': 'x' } }, /matchLabels: label key "bad key!" is not a valid label name/],
    [{ matchLabels: { a: 'bad value!' } }, /value "bad value!" for label key "a" is not a valid label value/],
    [{ matchLabels: { a: true } }, /matchLabels\.a must be a string/],
    [{ matchLabels: { 'Bad_Prefix/x': 'y' } }, /invalid prefix/],
    [{ matchExpressions: { key: 'a' } }, /matchExpressions must be a list/],
    ['foo=bar', /must be a mapping/],
  ];
  for (const [sel, re] of cases) {
    const problem = labelSelectorProblem(sel);
    t.regex(problem ?? '', re, JSON.stringify(sel));
    t.false(labelSelectorMatches(sel, { a: '1', 'bad key!': 'x' }), JSON.stringify(sel));
  }
  t.is(labelSelectorProblem({ matchLabels: { 'example.com/app': 'web-1.2_3' } }), undefined);
});

test('describeLabelSelector reads like kubectl', (t) => {
  t.is(
    describeLabelSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'x', operator: 'Exists' }, { key: 'y', operator: 'NotIn', values: ['a', 'b'] }] }),
    'app=web, x exists, y notin (a,b)',
  );
  t.is(describeLabelSelector({}), 'empty selector');
});
