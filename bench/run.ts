// `npm run bench`: speed and memory of every face, each next to floors measured in the same run, as
// ratios (the machine may be shared: absolute figures drift, ratios of alternating runs much less).
// Prints tables; there are no pass/fail thresholds. BENCH_ONLY=1k,10k,mix,stream,mix-stream picks
// throughput inputs, BENCH_SKIP=throughput,cold,webhook,env,render skips sections, BENCH_RUNS sets runs.
import { benchThroughput } from './throughput.js';
import { benchColdStart } from './cold-start.js';
import { benchWebhook } from './webhook.js';
import { benchLargeEnv } from './inject-large-env.js';
import { benchRenderPaths } from './render-paths.js';

const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));

if (!skip.has('throughput')) benchThroughput();
if (!skip.has('cold')) {
  console.log('');
  benchColdStart();
}
if (!skip.has('webhook')) {
  console.log('');
  await benchWebhook();
}
if (!skip.has('env')) {
  console.log('\nInjection of a pod with 1,500 env vars (injectPod, in-process):');
  console.log(JSON.stringify(await benchLargeEnv()));
}
if (!skip.has('render')) {
  console.log('\nSidecar template per pod: built-in ejs vs Istio 1.30.3 Go template, and a 1,000-Deployment run:');
  console.log(JSON.stringify(await benchRenderPaths(), null, 2));
}
