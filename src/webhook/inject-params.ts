// URL path parameters of `/inject/...` (spec d.8, Istio's parseInjectEnvs): a multicluster
// control plane points each cluster's webhook at its own path, e.g. /inject/cluster/c1/net/n1.

const PARAMETER_TO_ENV: Record<string, string> = {
  cluster: 'ISTIO_META_CLUSTER_ID',
  net: 'ISTIO_META_NETWORK',
};

/** True for `/inject` and `/inject/...` (query string already removed). */
export function isInjectPath(path: string): boolean {
  return path === '/inject' || path.startsWith('/inject/');
}

/** Proxy env variables encoded in an inject path; `/inject` alone yields `{}`. */
export function parseInjectEnvs(path: string): Record<string, string> {
  const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
  if (!trimmed.startsWith('/inject/')) return {};
  const rest = trimmed.slice('/inject/'.length);
  const words = rest.startsWith(':ENV:') ? legacyPairs(rest) : slashPairs(rest);
  const envs: Record<string, string> = {};
  // An odd trailing key has no value and is ignored, as upstream does.
  for (let i = 0; i + 1 < words.length; i += 2) {
    const key = words[i];
    envs[PARAMETER_TO_ENV[key] ?? key.toUpperCase()] = words[i + 1];
  }
  return envs;
}

function slashPairs(rest: string): string[] {
  // Values cannot contain '/', so they spell it `--slash--`.
  return rest.split('/').map((word, i) => (i % 2 === 1 ? word.split('--slash--').join('/') : word));
}

function legacyPairs(rest: string): string[] {
  // Deprecated `:ENV:k=v:ENV:k2=v2` form: values may hold '/', entries need a key and an '='.
  const words: string[] = [];
  for (const entry of rest.split(':ENV:').slice(1)) {
    const eq = entry.indexOf('=');
    if (eq <= 0) continue;
    words.push(entry.slice(0, eq), entry.slice(eq + 1));
  }
  return words;
}
