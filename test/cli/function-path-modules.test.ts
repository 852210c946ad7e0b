// The KRM function path loads no server code: Node's http, https and tls modules stay unloaded (they
// belong to the webhook, whose code is a chunk of its own loaded on demand).
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../../bin/inject-istio-sidecar.js', import.meta.url));
const REPORT = 'data:text/javascript,process.on("exit",()=>process.stderr.write("LOADED:"+JSON.stringify(process.moduleLoadList)+"\\n"))';

test('a KRM function run loads neither http, https nor tls', (t) => {
  const input = 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata: {name: shop, labels: {istio-injection: enabled}}\n'
    + '- apiVersion: apps/v1\n  kind: Deployment\n  metadata: {name: web, namespace: shop}\n  spec:\n    template:\n      spec:\n        containers: [{name: web, image: nginx}]\n';
  const run = spawnSync(process.execPath, ['--import', REPORT, bin], { input, encoding: 'utf8' });
  t.is(run.status, 0, run.stderr);
  t.true(run.stdout.includes('name: istio-proxy'), 'the function injected');
  const loaded = JSON.parse(/LOADED:(.*)/.exec(run.stderr)![1]!) as string[];
  t.true(loaded.includes('NativeModule fs'), 'the list is the real one');
  t.deepEqual(loaded.filter((m) => /^NativeModule (http|https|tls|_tls_wrap|_http_server)$/.test(m)), []);
});
