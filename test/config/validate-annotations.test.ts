import test from 'ava';
import { ANNOTATIONS, validateAnnotations, VALIDATED_ANNOTATIONS } from '../../src/config/index.js';

const one = (name: string, value: string) => validateAnnotations({ [name]: value });
const ok = (t: any, name: string, value: string) => t.deepEqual(one(name, value), [], `${name}=${JSON.stringify(value)} should be valid`);
const bad = (t: any, name: string, value: string, reason: RegExp) => {
  const got = one(name, value);
  t.is(got.length, 1, `${name}=${JSON.stringify(value)} should be invalid`);
  t.true(got[0]!.startsWith(`invalid value '${value}' for annotation '${name}': `), got[0]);
  t.regex(got[0]!, reason);
};

test('only the b.1 annotations are validated', (t) => {
  t.is(VALIDATED_ANNOTATIONS.length, 19);
  t.deepEqual(validateAnnotations({ 'sidecar.istio.io/logLevel': '???', 'example.com/x': '*' }), []);
});

test('interceptionMode', (t) => {
  for (const v of ['REDIRECT', 'TPROXY', 'NONE']) ok(t, ANNOTATIONS.interceptionMode, v);
  for (const v of ['redirect', '', 'FOO']) bad(t, ANNOTATIONS.interceptionMode, v, /interceptionMode invalid, use REDIRECT,TPROXY,NONE/);
});

test('status port: uint16, trimmed, 0 valid; message reuses excludeInboundPorts', (t) => {
  for (const v of ['0', '15020', '65535', ' 8080 ']) ok(t, ANNOTATIONS.statusPort, v);
  for (const v of ['-1', '65536', 'a', '']) bad(t, ANNOTATIONS.statusPort, v, /excludeInboundPorts invalid: failed parsing port/);
});

test('readiness annotations: unsigned 32-bit integers', (t) => {
  for (const name of [ANNOTATIONS.readinessInitialDelaySeconds, ANNOTATIONS.readinessPeriodSeconds, ANNOTATIONS.readinessFailureThreshold]) {
    for (const v of ['0', '10', '4294967295']) ok(t, name, v);
    bad(t, name, '4294967296', /strconv\.ParseUint: parsing "4294967296": value out of range/);
    bad(t, name, '-1', /strconv\.ParseUint: parsing "-1": invalid syntax/);
    bad(t, name, ' 1', /invalid syntax/);
    bad(t, name, 'abc', /invalid syntax/);
  }
});

test('port lists: includeInboundPorts (* allowed), excludeInboundPorts, excludeOutboundPorts', (t) => {
  const lists: Array<[string, string, boolean]> = [
    [ANNOTATIONS.includeInboundPorts, 'includeInboundPorts', true],
    [ANNOTATIONS.excludeInboundPorts, 'excludeInboundPorts', false],
    [ANNOTATIONS.excludeOutboundPorts, 'excludeOutboundPorts', false],
  ];
  for (const [name, label, star] of lists) {
    for (const v of ['', '0', '65535', ' 8080', '80,443', ' 80 , 443 ']) ok(t, name, v);
    for (const v of ['-1', '65536', 'a', '1,,2', '1,', 'bad']) bad(t, name, v, new RegExp(`${label} invalid`));
    if (star) ok(t, name, '*');
    else bad(t, name, '*', new RegExp(`${label} invalid`));
  }
});

test('IP range lists: include allows *, exclude rejects it; CIDRs only, no spaces', (t) => {
  for (const name of [ANNOTATIONS.includeOutboundIPRanges, ANNOTATIONS.excludeOutboundIPRanges]) {
    for (const v of ['', '10.0.0.0/8', '10.0.0.0/8,192.168.1.0/24', '::/0', 'fd00::/8,10.1.2.3/32']) ok(t, name, v);
  }
  ok(t, ANNOTATIONS.includeOutboundIPRanges, '*');
  bad(t, ANNOTATIONS.excludeOutboundIPRanges, '*', /excludeIPRanges invalid/);
  const label = /includeIPRanges invalid: failed parsing cidr/;
  bad(t, ANNOTATIONS.includeOutboundIPRanges, 'bad', label);
  bad(t, ANNOTATIONS.includeOutboundIPRanges, '10.0.0.1', /no '\/'/);
  bad(t, ANNOTATIONS.includeOutboundIPRanges, '10.0.0.0/8, 192.168.0.0/16', label);
  bad(t, ANNOTATIONS.includeOutboundIPRanges, '10.0.0.0/33', /prefix length out of range/);
  bad(t, ANNOTATIONS.includeOutboundIPRanges, '10.0.0.0/08', /bad bits after slash/);
  bad(t, ANNOTATIONS.includeOutboundIPRanges, '010.0.0.0/8', label);
  bad(t, ANNOTATIONS.includeOutboundIPRanges, '10.0.0.0/8,', label);
  bad(t, ANNOTATIONS.includeOutboundIPRanges, 'fe80::1%eth0/64', /zones/);
  bad(t, ANNOTATIONS.excludeOutboundIPRanges, 'bad', /excludeIPRanges invalid/);
});

test('interface lists: excludeInterfaces, kubevirtInterfaces, reroute-virtual-interfaces', (t) => {
  for (const name of [ANNOTATIONS.excludeInterfaces, ANNOTATIONS.kubevirtInterfaces, ANNOTATIONS.rerouteVirtualInterfaces]) {
    for (const v of ['', 'eth0', 'eth0, net1', 'a.b_c-d', 'abcdefghijklmno']) ok(t, name, v);
    bad(t, name, 'eth0,,net1', /empty interface name/);
    bad(t, name, 'abcdefghijklmnop', /too long/);
    bad(t, name, '0eth', /invalid characters/);
    bad(t, name, 'eth/0', /invalid characters/);
  }
});

test('merge-metrics: Go ParseBool syntax', (t) => {
  for (const v of ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']) ok(t, ANNOTATIONS.mergeMetrics, v);
  for (const v of ['yes', 'on', '', 'tRUE']) bad(t, ANNOTATIONS.mergeMetrics, v, /strconv\.ParseBool/);
});

test('proxy resource annotations: Kubernetes quantities without control characters', (t) => {
  for (const name of [ANNOTATIONS.proxyCPU, ANNOTATIONS.proxyMemory, ANNOTATIONS.proxyCPULimit, ANNOTATIONS.proxyMemoryLimit]) {
    for (const v of ['100m', '1', '128Mi', '1.5Gi', '1e3']) ok(t, name, v);
    bad(t, name, '100 m', /quantities must match/);
    bad(t, name, 'lots', /quantities must match/);
    bad(t, name, '1\n', /control characters/);
  }
});

test('proxy.istio.io/config: parsed onto DefaultProxyConfig() and validated', (t) => {
  const name = ANNOTATIONS.proxyConfig;
  for (const v of ['{}', '{ "holdApplicationUntilProxyStarts": true }', 'discoveryAddress: foo:123\nconcurrency: 0', 'drainDuration: 10s', '{"unknown": 1}', 'discoveryAddress: 10.0.0.1:15012']) ok(t, name, v);
  bad(t, name, 'concurrency: x', /failed to convert to apply proxy config: concurrency: expected an integer/);
  bad(t, name, '{ "holdApplicationUntilProxyStarts": "yes please" }', /expected a boolean/);
  bad(t, name, 'a: [', /failed to convert to apply proxy config/);
  bad(t, name, 'configPath: ""', /config path must be set/);
  bad(t, name, 'binaryPath: ""', /binary path must be set/);
  bad(t, name, 'serviceCluster: ""', /service cluster must be specified/);
  bad(t, name, 'drainDuration: 1500ms', /drain time only supports durations to seconds precision/);
  bad(t, name, 'drainDuration: 0s', /invalid drain duration: duration must be greater than 1ms/);
  bad(t, name, 'discoveryAddress: ""', /discovery address must be set/);
  bad(t, name, 'discoveryAddress: nohost', /invalid discovery address/);
  bad(t, name, 'discoveryAddress: foo:99999', /port number 99999 must be in the range 1\.\.65535/);
  bad(t, name, 'discoveryAddress: "bad_host!:80"', /is not a valid hostname or an IP address/);
  bad(t, name, 'proxyAdminPort: 70000', /invalid proxy admin port/);
  bad(t, name, 'statusPort: 0', /invalid status port/);
  bad(t, name, 'controlPlaneAuthPolicy: INHERIT', /invalid authentication policy/);
  bad(t, name, 'tracing: {zipkin: {address: "nope"}}', /invalid zipkin address/);
  bad(t, name, 'tracing: {sampling: 101}', /sampling 101 must be in the range/);
});

test('all failures are collected', (t) => {
  const got = validateAnnotations({
    [ANNOTATIONS.includeOutboundIPRanges]: 'bad',
    [ANNOTATIONS.excludeOutboundIPRanges]: '*',
    [ANNOTATIONS.includeInboundPorts]: 'bad',
    [ANNOTATIONS.excludeInboundPorts]: '*',
    [ANNOTATIONS.excludeOutboundPorts]: 'bad',
  });
  t.is(got.length, 5);
  const lower = got.join('\n').toLowerCase();
  for (const s of ['includeipranges', 'excludeipranges', 'includeinboundports', 'excludeinboundports', 'excludeoutboundports']) t.true(lower.includes(s), s);
});
