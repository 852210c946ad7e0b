// yaml's Parser reads `process.env.LOG_TOKENS` once per token. On Node, process.env is a native
// accessor object and that lookup costs about a quarter of the parse time of a large ResourceList.
// Parsing is synchronous, so for its duration process.env is swapped for a plain snapshot (same
// contents) and restored before anything else can run.
export function withPlainEnv<T>(fn: () => T): T {
  const env = process.env;
  let swapped = false;
  try {
    process.env = { ...env };
    swapped = true;
  } catch {
    // A runtime that does not allow replacing process.env just parses a little slower.
  }
  try {
    return fn();
  } finally {
    if (swapped) process.env = env;
  }
}
