import test from 'ava';
import { buildSettings, parseFunctionConfig } from '../../src/config/index.js';
import { resolveIstiodEnv } from '../../src/config/istiod-env.js';
import { runOptionsFromFlags } from '../../src/cli/config-flags.js';

const typed = (fields: Record<string, unknown>) => ({ apiVersion: 'inject-istio-sidecar.io/v1alpha1', kind: 'InjectIstioSidecar', ...fields }) as any;

test('istiodEnv from the typed function config and from a ConfigMap data key', (t) => {
  t.deepEqual(parseFunctionConfig(typed({ istiodEnv: { PILOT_A: '1', B: 'two' } })).options.istiodEnv, { PILOT_A: '1', B: 'two' });
  const cm = parseFunctionConfig({ apiVersion: 'v1', kind: 'ConfigMap', data: { istiodEnv: 'PILOT_A: "1"\nB: two\n' } });
  t.deepEqual(cm.notices, []);
  t.deepEqual(cm.options.istiodEnv, { PILOT_A: '1', B: 'two' });
});

test('istiodEnv values must be strings and names must be names', (t) => {
  const fields = (obj: unknown) => parseFunctionConfig(typed({ istiodEnv: obj })).notices.map((n) => n.field);
  t.deepEqual(fields({ A: 1 }), ['istiodEnv.A']);
  t.deepEqual(fields({ 'A=B': 'x' }), ['istiodEnv.A=B']);
  t.deepEqual(fields(['A']), ['istiodEnv']);
});

test('--istiod-env NAME=VALUE is repeatable, later wins, the value may contain =', (t) => {
  const { options } = runOptionsFromFlags({ 'istiod-env': ['A=1', 'B=x=y', 'A=2'] }, '/');
  t.deepEqual(options.istiodEnv, { A: '2', B: 'x=y' });
  t.throws(() => runOptionsFromFlags({ 'istiod-env': ['NOVALUE'] }, '/'), { message: /--istiod-env expects NAME=VALUE/ });
});

test('nativeSidecars decides ENABLE_NATIVE_SIDECARS; without it the env decides; default on', (t) => {
  t.deepEqual(resolveIstiodEnv({ ENABLE_NATIVE_SIDECARS: 'true', X: 'y' }, false), { env: { X: 'y', ENABLE_NATIVE_SIDECARS: 'false' }, nativeSidecars: false });
  t.deepEqual(resolveIstiodEnv({ ENABLE_NATIVE_SIDECARS: 'false' }, undefined), { env: { ENABLE_NATIVE_SIDECARS: 'false' }, nativeSidecars: false });
  t.is(resolveIstiodEnv({ ENABLE_NATIVE_SIDECARS: 'auto' }, undefined).nativeSidecars, true);
  t.is(resolveIstiodEnv({ ENABLE_NATIVE_SIDECARS: 'yes' }, undefined).nativeSidecars, false);
  t.deepEqual(resolveIstiodEnv(undefined, undefined), { env: { ENABLE_NATIVE_SIDECARS: 'true' }, nativeSidecars: true });
});

test('Settings carry the istiod env, never the process environment', (t) => {
  process.env.H3B_SHOULD_NOT_LEAK = 'secret';
  try {
    const s = buildSettings({ istiodEnv: { PILOT_A: '1' }, nativeSidecars: false });
    t.deepEqual(s.istiodEnv, { PILOT_A: '1', ENABLE_NATIVE_SIDECARS: 'false' });
    t.false(s.nativeSidecars);
    t.false('H3B_SHOULD_NOT_LEAK' in buildSettings().istiodEnv);
  } finally {
    delete process.env.H3B_SHOULD_NOT_LEAK;
  }
});

test('an env name __proto__ stays data', (t) => {
  const { env } = resolveIstiodEnv(JSON.parse('{"__proto__": "x"}') as Record<string, string>, undefined);
  t.true(Object.prototype.hasOwnProperty.call(env, '__proto__'));
  t.is(Object.getPrototypeOf(env), Object.prototype);
});
