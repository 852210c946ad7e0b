// kustomize's legacy exec-plugin protocol, the only exec path `kubectl kustomize --enable-alpha-plugins`
// runs: argv[1] is a file holding our config object, stdin is a plain multi-document stream, stdout
// must be the transformed stream.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { runOptionsFromFunctionConfig } from '../process/options-from-function-config.js';
import { hasErrors, type Result } from '../process/result.js';
import { withCheckFailures } from '../process/check-failures.js';
import { runStreams } from '../cli/run-streams.js';
import { ConfigError } from '../errors.js';
import { DEFAULT_LIMITS, type InputLimits } from '../files/input-limits.js';

export function runLegacyPlugin(configPath: string, input: string, cwd: string, limits: InputLimits = DEFAULT_LIMITS): { output?: string; results: Result[] } {
  let configText: string;
  try {
    configText = readFileSync(resolve(cwd, configPath), 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read the plugin config ${configPath}: ${(err as Error).message}`, undefined, configPath);
  }
  let config: unknown;
  try {
    config = parseYaml(configText);
  } catch (err) {
    throw new ConfigError(`the plugin config ${configPath} is not valid YAML: ${(err as Error).message.split('\n')[0]}`, undefined, configPath);
  }
  const { options, results } = runOptionsFromFunctionConfig(config as never, configPath);
  if (hasErrors(results)) return { results };
  // kustomize runs the plugin in the kustomization directory; relative config paths resolve there.
  const check = options.mode === 'check';
  const run = runStreams([{ display: '<stdin>', text: input }], options, cwd, { write: !check, preResults: results, limits });
  const all = check ? withCheckFailures(run.results, options) : run.results;
  if (hasErrors(all)) return { results: all };
  return { output: run.outputs[0]!.text, results: all };
}
