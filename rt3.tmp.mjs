import { runCli } from '/work/h11/dist/src/cli/run-inject.js';
import { readFileSync, writeFileSync } from 'node:fs';
const f = process.argv[2];
const text = readFileSync('/work/shared/conformance/istio/inject/'+f,'utf8');
const inj = await runCli(['inject','--selector','all','-f','-'],{stdin:text});
const un = await runCli(['uninject','-f','-'],{stdin:inj.stdout});
writeFileSync('/tmp/a.yaml',text); writeFileSync('/tmp/i.yaml',inj.stdout); writeFileSync('/tmp/b.yaml',un.stdout);
