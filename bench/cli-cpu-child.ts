// Runs the CLI (the compiled modules, never a possibly stale bundle) on the given arguments and prints
// the process's CPU time in ms (user + system) as the only line on stdout; the CLI's output goes to -o.
import { main } from '../src/cli/main.js';

const code = await main(process.argv.slice(2));
if (code !== 0) throw new Error(`inject-istio-sidecar exited with ${code}`);
const u = process.cpuUsage();
process.stdout.write(`${(u.user + u.system) / 1000}\n`);
