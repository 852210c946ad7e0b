import test from 'ava';
import { render } from './run.js';

// Expected outputs were checked against Go with Istio's helpers (the gotmpl oracle).

test('formatDuration prints Go time.Duration strings from durations, JSON forms and seconds', (t) => {
  t.is(
    render('{{ formatDuration `1h2m3.5s` }}|{{ formatDuration `1500ns` }}|{{ formatDuration `2.5ms` }}|{{ formatDuration `-90s` }}|{{ formatDuration .d }}|{{ formatDuration 0.25 }}|{{ formatDuration .nope }}', {
      d: { Seconds: 3661, Nanos: 5 },
    }),
    '1h2m3.5s|1.5µs|2.5ms|-1m30s|1h1m1.000000005s|250ms|0s',
  );
  t.throws(() => render('{{ formatDuration `soon` }}'));
});

test('appendMultusNetwork: JSON lists, flat lists, repeats and bad JSON', (t) => {
  t.is(
    render(
      '{{ appendMultusNetwork `[{"name": "istio-cni", "namespace": "default"}]` `default/istio-cni` }}|{{ appendMultusNetwork `[{"name": "istio-cni"}]` `istio-cni` }}|' +
        '{{ appendMultusNetwork `[bad]` `default/istio-cni` }}|{{ appendMultusNetwork `a, default/istio-cni ,b` `default/istio-cni` }}|{{ appendMultusNetwork `[{"name": "x"}] ` `a/b/c` }}|' +
        '{{ appendMultusNetwork `` `n` }}|{{ appendMultusNetwork `a` `n` }}',
    ),
    '[{"name": "istio-cni", "namespace": "default"}]|[{"name": "istio-cni"}]|[bad]|a, default/istio-cni ,b|[{"name": "x"}, {"name": "b", "namespace": "a"}] |n|a, n',
  );
});

test('directory, flipped contains, toLower', (t) => {
  t.is(render('{{ directory `/a/b/c.pem` }}|{{ directory `c.pem` }}|{{ directory `/` }}|{{ directory `` }}|{{ contains `a` `cat` }}|{{ contains `cat` `a` }}|{{ toLower `ÀBC` }}'), '/a/b/||/||true|false|àbc');
});

test('omitNil drops nil entries recursively; valueOrDefault replaces only "" and nil', (t) => {
  t.is(render('{{ omitNil .m }}|{{ toYaml (omitNil .m) }}', { m: { a: { b: null, c: [null, { d: null }, 1] }, e: 2 } }), 'map[a:map[c:[1]] e:2]|a:\n  c:\n  - 1\ne: 2\n');
  t.is(render('{{ valueOrDefault .m.x `d` }}|{{ valueOrDefault .m.y `d` }}|{{ valueOrDefault .m.z `d` }}|{{ valueOrDefault .m.w `d` }}', { m: { x: null, y: [], z: {}, w: '' } }), 'd|[]|map[]|d');
});

test('excludeInboundPort prints the port with fmt.Sprint', (t) => {
  t.is(render('{{ excludeInboundPort .p `15020,15021` }}|{{ excludeInboundPort true `` }}|{{ excludeInboundPort 8080 ` 1 , ,2 ` }}', { p: '15021' }), '15020,15021|true|1,2,8080');
});

test('structToJSON and toJSON are encoding/json (sorted keys, HTML escaped)', (t) => {
  t.is(render('{{ structToJSON .v }}|{{ structToJSON .s }}|{{ structToJSON 3 }}|{{ structToJSON .nope }}', { v: { b: '<&>', a: [1.5, 1e21, 1e-7] }, s: 'x' }), '{"a":[1.5,1e+21,1e-7],"b":"\\u003c\\u0026\\u003e"}|"x"|3|{}');
  t.is(render('{{ toJSON .m }}|{{ toJSON .nope }}', { m: { b: '<x>', a: 'é' } }), '{"a":"é","b":"\\u003cx\\u003e"}|{}');
  t.throws(() => render('{{ toJSON .m }}', { m: { a: 1 } }), { message: /value of key "a" is float64, not a string/ });
});

test('indent does not indent the first line; fromJSON gives nil as no value', (t) => {
  t.is(render('[{{ indent 2 `` }}]|[{{ indent 2 "\\n" }}]|[{{ indent 3 "a\\nb" }}]'), '[]|[\n  ]|[a\n   b]');
  t.is(render('{{ fromJSON `null` }}|{{ fromJSON `3` }}|{{ fromJSON `"s"` }}|{{ fromJSON `{bad` }}'), '<no value>|3|s|{}');
});

test('env reads only the configured istiod environment', (t) => {
  process.env.ISTIO_FUNCS_TEST_PROCESS_VAR = 'process';
  t.is(render('{{ env `SET_VAR` `d` }}|{{ env `EMPTY_VAR` `d` }}|{{ env `ISTIO_FUNCS_TEST_PROCESS_VAR` `d` }}'), 'from-env|d|d');
  t.throws(() => render('{{ env `SET_VAR` }}'));
});

test('string-map helpers: isset, omit, strdict, mergeMaps, toJsonMap keep map[string]string', (t) => {
  const data = { m: { a: '1', b: '2' } };
  t.is(render('{{ isset .m `a` }} {{ isset .m `z` }} {{ isset .nope `a` }}', data), 'true false false');
  t.is(render('{{ omit .m `a` }}|{{ strdict `k` `v` `x` }}|{{ mergeMaps .m (strdict `b` `9`) }}|{{ toJsonMap .m (strdict `c` `<`) }}|{{ toJsonMap }}', data), 'map[b:2]|map[k:v x:]|map[a:1 b:9]|{"a":"1","b":"2","c":"\\u003c"}|null');
  t.is(render('{{ index (omit .m `a`) `zzz` }}|{{ printf "%T" (strdict) }}', data), '|map[string]string');
  t.throws(() => render('{{ isset .m `a` }}', { m: { a: 1 } }));
});

test('annotation reads ObjectMeta.Annotations, else prints the default with fmt.Sprint', (t) => {
  const data = { ObjectMeta: { Annotations: { a: 'x', e: '' } } };
  t.is(render('{{ annotation .ObjectMeta `a` `d` }}|{{ annotation .ObjectMeta `e` `d` }}|{{ annotation .ObjectMeta `z` 1.5 }}|{{ annotation .ObjectMeta `z` nil }}|{{ annotation .nope `z` `d` }}', data), 'x||1.5|<nil>|d');
});

test('includeInboundPorts and applicationPorts list TCP container ports', (t) => {
  const spec = { Containers: [
    { Name: 'app', Ports: [{ ContainerPort: 80 }, { ContainerPort: 53, Protocol: 'UDP' }, { ContainerPort: 81, Protocol: 'SCTP' }] },
    { Name: 'istio-proxy', Ports: [{ ContainerPort: 15090, Protocol: 'TCP' }] },
  ] };
  t.is(render('{{ includeInboundPorts .Spec.Containers }}|{{ applicationPorts .Spec.Containers }}|[{{ applicationPorts .nope }}]', { Spec: spec }), '80,15090|80|[]');
});

test('otelResourceAttributes follows annotations, labels, the image and the first container', (t) => {
  const mc = { ExtensionProviders: [{ Provider: { Opentelemetry: { ServiceAttributeEnrichment: 'OTEL_SEMANTIC_CONVENTIONS' } } }] };
  t.is(
    render('{{ otelResourceAttributes .mc .a .l `ns` .c }}', {
      mc,
      a: { 'resource.opentelemetry.io/service.namespace': 'sn', 'resource.opentelemetry.io/service.instance.id': 'iid' },
      l: { 'app.kubernetes.io/version': 'v3' },
      c: [{ Name: 'a', Image: 'x:1' }, { Name: 'b' }],
    }),
    'service.namespace=sn,service.version=v3,service.instance.id=iid',
  );
  t.is(render('{{ otelResourceAttributes .mc .a .l `` .c }}', { mc: { extensionProviders: [{ opentelemetry: { serviceAttributeEnrichment: 'OTEL_SEMANTIC_CONVENTIONS' } }] }, a: {}, l: {}, c: [{ Name: 'a', Image: 'reg:5000/x' }] }), 'service.instance.id=.$(POD_NAME).a');
  t.is(render('[{{ otelResourceAttributes .mc .a .l `ns` .c }}]', { mc: { ExtensionProviders: [{ Zipkin: {} }] }, a: {}, l: {}, c: [{ Name: 'a' }] }), '[]');
});

test('kubevirtInterfaces and excludeInterfaces return their argument', (t) => {
  t.is(render('{{ kubevirtInterfaces `a,b` }}|{{ excludeInterfaces `c` }}'), 'a,b|c');
});
