import test from 'ava';
import { appendMultusNetwork, containerPortJson, excludeInboundPort, omitNil, trimAll } from '../../src/render/template-helpers.js';
import { proxyImage, proxyInitImage, tagWithImageType } from '../../src/render/images.js';

test('excludeInboundPort appends the status port unless empty, 0 or already listed', (t) => {
  t.is(excludeInboundPort('15020', ''), '15020');
  t.is(excludeInboundPort('15020', '4,5,6'), '4,5,6,15020');
  t.is(excludeInboundPort('0', '4,5'), '4,5');
  t.is(excludeInboundPort('', '4'), '4');
  t.is(excludeInboundPort('123', '4,123'), '4,123');
  // items are trimmed and empty items dropped when the port is appended
  t.is(excludeInboundPort('9', ' 4, ,5'), '4,5,9');
});

test('appendMultusNetwork handles flat lists, JSON lists and repeats', (t) => {
  t.is(appendMultusNetwork(undefined), 'default/istio-cni');
  t.is(appendMultusNetwork('alt_cni'), 'alt_cni, default/istio-cni');
  t.is(appendMultusNetwork('alt_cni, default/istio-cni'), 'alt_cni, default/istio-cni');
  t.is(
    appendMultusNetwork('[{"name": "alt_cni"}]'),
    '[{"name": "alt_cni"}, {"name": "istio-cni", "namespace": "default"}]',
  );
  t.is(appendMultusNetwork('[{"name": "istio-cni"}]'), '[{"name": "istio-cni"}]');
  t.is(appendMultusNetwork('[not json'), '[not json');
});

test('omitNil drops null map entries recursively', (t) => {
  t.deepEqual(omitNil({ limits: { cpu: null, memory: '1Gi' }, requests: null }), { limits: { memory: '1Gi' } });
});

test('trimAll trims a cutset from both ends', (t) => {
  t.is(trimAll('-_.', '._-abc-def-_.'), 'abc-def');
});

test('containerPortJson uses Go field order and omits zero values', (t) => {
  t.is(containerPortJson({ containerPort: 80, name: 'http', protocol: 'TCP' }), '{"name":"http","containerPort":80,"protocol":"TCP"}');
  t.is(containerPortJson({ containerPort: 8080, hostPort: 0 }), '{"containerPort":8080}');
});

test('image type replaces a variant already in the tag; default means no suffix', (t) => {
  t.is(tagWithImageType('1.20', ''), '1.20');
  t.is(tagWithImageType('1.20', 'distroless'), '1.20-distroless');
  t.is(tagWithImageType('1.20-debug', 'distroless'), '1.20-distroless');
  t.is(tagWithImageType('1.20-distroless', 'default'), '1.20');
});

test('proxy and init images: annotation type wins, ProxyConfig image type applies to the proxy only', (t) => {
  const values = { global: { hub: 'h.io/istio', tag: 1.12, variant: 'debug', proxy: { image: 'proxyv2' }, proxy_init: { image: 'proxyv2' } } };
  t.is(proxyImage(values, {}), 'h.io/istio/proxyv2:1.12-debug');
  t.is(proxyImage(values, { image: { imageType: 'distroless' } }), 'h.io/istio/proxyv2:1.12-distroless');
  t.is(proxyInitImage(values), 'h.io/istio/proxyv2:1.12-debug');
  t.is(proxyInitImage(values, { 'sidecar.istio.io/proxyImageType': 'default' }), 'h.io/istio/proxyv2:1.12');
});
