// istiod's environment as the Go templates' `env` function sees it. It is configuration (function
// config `istiodEnv`, `--istiod-env KEY=VALUE`), never this process's own environment: a template in
// a ConfigMap must not read our secrets, and the same config must render the same pod everywhere.
//
// ENABLE_NATIVE_SIDECARS is both an istiod switch (our `nativeSidecars`, the template's
// `.NativeSidecars`) and, in Istio 1.26's template, an `env` lookup; the two are kept in agreement:
//  * `nativeSidecars` given (flag / function config): it decides, and the env says the same;
//  * otherwise an ENABLE_NATIVE_SIDECARS in istiodEnv decides as istiod reads it (spec e.4:
//    `true`, `auto` -> on (every node of a current cluster runs kubelet >= 1.33), anything else off);
//  * otherwise native sidecars are on (our default) and the env says `true`.

export const NATIVE_SIDECARS_ENV = 'ENABLE_NATIVE_SIDECARS';

export interface IstiodEnvDecision {
  env: Record<string, string>;
  nativeSidecars: boolean;
}

export function resolveIstiodEnv(given: Readonly<Record<string, string>> | undefined, nativeSidecars: boolean | undefined): IstiodEnvDecision {
  // Own data properties only (Object.fromEntries): a key `__proto__` stays a key.
  const entries = Object.entries(given ?? {}).filter(([k]) => k !== NATIVE_SIDECARS_ENV);
  const fromEnv = given !== undefined && Object.prototype.hasOwnProperty.call(given, NATIVE_SIDECARS_ENV) ? given[NATIVE_SIDECARS_ENV] : undefined;
  let native: boolean;
  let envValue: string;
  if (nativeSidecars !== undefined) {
    native = nativeSidecars;
    envValue = String(nativeSidecars);
  } else if (fromEnv !== undefined) {
    native = fromEnv === 'true' || fromEnv === 'auto';
    envValue = fromEnv;
  } else {
    native = true;
    envValue = 'true';
  }
  entries.push([NATIVE_SIDECARS_ENV, envValue]);
  return { env: Object.fromEntries(entries), nativeSidecars: native };
}
