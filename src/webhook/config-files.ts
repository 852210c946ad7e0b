// Which files the webhook's Settings come from: explicit flags, or a mounted ConfigMap directory
// holding Istio's `config`, `values` and `mesh` keys as files (explicit flags win per document).
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Settings } from '../config/types.js';
import { buildSettings } from '../config/index.js';
import { precompileTemplates } from '../render/template-set.js';
import type { IstioVersionKey } from '../config/defaults/istio-versions.js';

export interface ConfigFiles {
  injectConfigFile?: string;
  valuesFile?: string;
  meshConfigFile?: string;
}

export interface SettingsFlags {
  revision?: string;
  nativeSidecars?: boolean;
  compliancePolicy?: string;
  istioVersion?: IstioVersionKey;
  istiodEnv?: Record<string, string>;
}

/** Resolves flags and `--config-dir` into absolute paths; a key missing from the directory means Istio's default. */
export function resolveConfigFiles(flags: ConfigFiles & { configDir?: string }, cwd: string): ConfigFiles {
  const files: ConfigFiles = {};
  if (flags.configDir !== undefined) {
    const dir = resolve(cwd, flags.configDir);
    let isDir = false;
    try {
      isDir = statSync(dir).isDirectory();
    } catch {
      throw new Error(`--config-dir ${flags.configDir}: no such directory`);
    }
    if (!isDir) throw new Error(`--config-dir ${flags.configDir} is not a directory`);
  }
  const fromDir = (key: string) => {
    if (flags.configDir === undefined) return undefined;
    const p = resolve(cwd, join(flags.configDir, key));
    return existsSync(p) ? p : undefined;
  };
  const pick = (explicit: string | undefined, key: string) => (explicit !== undefined ? resolve(cwd, explicit) : fromDir(key));
  const config = pick(flags.injectConfigFile, 'config');
  const values = pick(flags.valuesFile, 'values');
  const mesh = pick(flags.meshConfigFile, 'mesh');
  if (config) files.injectConfigFile = config;
  if (values) files.valuesFile = values;
  if (mesh) files.meshConfigFile = mesh;
  return files;
}

export function configPaths(files: ConfigFiles): string[] {
  return [files.injectConfigFile, files.valuesFile, files.meshConfigFile].filter((p): p is string => p !== undefined);
}

/**
 * Builds Settings from file contents already read (see ReloadingSource); throws ConfigError on bad
 * config. An empty file is refused: a ConfigMap key Istio fills is never empty, a file caught while
 * it is rewritten in place often is, and Istio's defaults in its place would change every pod.
 */
export function settingsFromContents(files: ConfigFiles, flags: SettingsFlags, contents: Map<string, string>): Settings {
  const doc = (p: string | undefined) => {
    if (p === undefined) return undefined;
    const text = contents.get(p) ?? '';
    if (text.trim() === '') throw new Error(`${p}: the file is empty (half-written?); an empty injector config, values or mesh file is not used`);
    return { text, origin: p };
  };
  const settings = buildSettings({
    injectorConfig: doc(files.injectConfigFile),
    values: doc(files.valuesFile),
    meshConfig: doc(files.meshConfigFile),
    revision: flags.revision,
    nativeSidecars: flags.nativeSidecars,
    compliancePolicy: flags.compliancePolicy,
    istioVersion: flags.istioVersion,
    istiodEnv: flags.istiodEnv,
  });
  // A config whose templates do not parse is rejected like any other bad config (the old one stays).
  precompileTemplates(settings);
  return settings;
}
