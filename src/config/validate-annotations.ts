// Istio's validateAnnotations (pkg/kube/inject/validate.go, spec b.1): only the annotations in the
// table are checked; every failure is reported as
// `invalid value '<v>' for annotation '<name>': <reason>`. Reasons mirror Go's messages
// (strconv / netip errors included) because users search for them.
import { isIPv4, isIPv6 } from 'node:net';
import { ANNOTATIONS } from './annotations.js';
import { DEFAULT_PROXY_CONFIG } from './defaults/mesh.js';
import { mergeProxyConfig } from './merge-proxy-config.js';
import { parseYamlText } from './parse-document.js';
import { ProtoTypeError } from './proto-schema.js';
import { proxyConfigProblems } from './validate-proxy-config.js';
import { quantityProblem as quantityTextProblem } from '../k8s/quantity.js';
import { ownValue } from '../k8s/own-keys.js';

type Check = (value: string) => string | undefined;

const goQuote = (s: string) => JSON.stringify(s);

/** strconv.ParseUint(s, 10, bits); returns Go's error text. */
function parseUintProblem(s: string, bits: number): string | undefined {
  if (!/^[0-9]+$/.test(s)) return `strconv.ParseUint: parsing ${goQuote(s)}: invalid syntax`;
  if (BigInt(s) >= 1n << BigInt(bits)) return `strconv.ParseUint: parsing ${goQuote(s)}: value out of range`;
  return undefined;
}

function portProblem(item: string): string | undefined {
  const e = parseUintProblem(item.trim(), 16);
  return e && `failed parsing port ${goQuote(item)}: ${e}`;
}

function portListProblem(list: string): string | undefined {
  const trimmed = list.trim();
  if (trimmed === '') return undefined;
  for (const item of trimmed.split(',')) {
    const e = portProblem(item);
    if (e) return e;
  }
  return undefined;
}

/** netip.ParsePrefix: `addr/bits`, no spaces, no zone, bits within the address length. */
function prefixProblem(cidr: string): string | undefined {
  const fail = (why: string) => `failed parsing cidr '${cidr}': netip.ParsePrefix(${goQuote(cidr)}): ${why}`;
  const slash = cidr.lastIndexOf('/');
  if (slash < 0) return fail("no '/'");
  const addr = cidr.slice(0, slash);
  const bits = cidr.slice(slash + 1);
  if (addr.includes('%')) return fail('IPv6 zones cannot be present in a prefix');
  const v4 = isIPv4(addr);
  if (!v4 && !isIPv6(addr)) return fail(`ParseAddr(${goQuote(addr)}): unable to parse IP`);
  if (!/^[0-9]+$/.test(bits) || (bits.length > 1 && bits[0] === '0')) return fail(`bad bits after slash: ${goQuote(bits)}`);
  if (Number(bits) > (v4 ? 32 : 128)) return fail('prefix length out of range');
  return undefined;
}

function cidrListProblem(list: string): string | undefined {
  if (list.length === 0) return undefined;
  for (const cidr of list.split(',')) {
    const e = prefixProblem(cidr);
    if (e) return e;
  }
  return undefined;
}

function interfacesProblem(list: string): string | undefined {
  if (list.trim() === '') return undefined;
  for (const raw of list.split(',')) {
    const name = raw.trim();
    if (name === '') return 'empty interface name';
    if (name.length > 15) return `interface name ${goQuote(name)} too long (max 15 characters)`;
    if (!/^[a-zA-Z][a-zA-Z0-9_.-]*$/.test(name)) return `interface name ${goQuote(name)} contains invalid characters`;
  }
  return undefined;
}

function boolProblem(v: string): string | undefined {
  return ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)
    ? undefined
    : `strconv.ParseBool: parsing ${goQuote(v)}: invalid syntax`;
}

function quantityProblem(v: string): string | undefined {
  if (/[\u0000-\u001f\u007f]/.test(v)) return 'value contains control characters';
  return quantityTextProblem(v);
}

/** `proxy.istio.io/config`: applied onto DefaultProxyConfig() and validated like Istio does. */
export function proxyConfigAnnotationProblem(v: string): string | undefined {
  let fragment;
  try {
    fragment = parseYamlText(v, 'proxy config');
  } catch (err) {
    return `failed to convert to apply proxy config: ${(err as Error).message.replace(/^proxy config(:\d+:\d+)?: /, '')}`;
  }
  if (fragment !== null && (typeof fragment !== 'object' || Array.isArray(fragment))) {
    return 'failed to convert to apply proxy config: expected a mapping of ProxyConfig fields';
  }
  let pc;
  try {
    pc = mergeProxyConfig(DEFAULT_PROXY_CONFIG, fragment ?? {});
  } catch (err) {
    if (err instanceof ProtoTypeError) return `failed to convert to apply proxy config: ${err.message}`;
    throw err;
  }
  const problems = proxyConfigProblems(pc);
  return problems.length > 0 ? problems.join('; ') : undefined;
}

const withReason = (prefix: string, check: Check): Check => (v) => {
  const e = check(v);
  return e && `${prefix}: ${e}`;
};

const CHECKS: Record<string, Check> = {
  [ANNOTATIONS.interceptionMode]: (v) => (['REDIRECT', 'TPROXY', 'NONE'].includes(v) ? undefined : `interceptionMode invalid, use REDIRECT,TPROXY,NONE: ${v}`),
  [ANNOTATIONS.statusPort]: withReason('excludeInboundPorts invalid', portProblem),
  [ANNOTATIONS.readinessInitialDelaySeconds]: (v) => parseUintProblem(v, 32),
  [ANNOTATIONS.readinessPeriodSeconds]: (v) => parseUintProblem(v, 32),
  [ANNOTATIONS.readinessFailureThreshold]: (v) => parseUintProblem(v, 32),
  [ANNOTATIONS.includeOutboundIPRanges]: (v) => (v === '*' ? undefined : withReason('includeIPRanges invalid', cidrListProblem)(v)),
  [ANNOTATIONS.excludeOutboundIPRanges]: withReason('excludeIPRanges invalid', cidrListProblem),
  [ANNOTATIONS.includeInboundPorts]: (v) => (v === '*' ? undefined : withReason('includeInboundPorts invalid', portListProblem)(v)),
  [ANNOTATIONS.excludeInboundPorts]: withReason('excludeInboundPorts invalid', portListProblem),
  [ANNOTATIONS.excludeOutboundPorts]: withReason('excludeOutboundPorts invalid', portListProblem),
  [ANNOTATIONS.excludeInterfaces]: interfacesProblem,
  [ANNOTATIONS.kubevirtInterfaces]: interfacesProblem,
  [ANNOTATIONS.rerouteVirtualInterfaces]: interfacesProblem,
  [ANNOTATIONS.mergeMetrics]: boolProblem,
  [ANNOTATIONS.proxyConfig]: proxyConfigAnnotationProblem,
  [ANNOTATIONS.proxyCPU]: quantityProblem,
  [ANNOTATIONS.proxyMemory]: quantityProblem,
  [ANNOTATIONS.proxyCPULimit]: quantityProblem,
  [ANNOTATIONS.proxyMemoryLimit]: quantityProblem,
};

/** Names of the annotations validateAnnotations checks. */
export const VALIDATED_ANNOTATIONS: readonly string[] = Object.keys(CHECKS);

/** All problems, in the order of the pod's annotations; empty when injection may proceed. */
export function validateAnnotations(annotations: Record<string, string>): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(annotations)) {
    // Own properties only: `constructor` or `__proto__` are legal annotation names, not checks.
    const check = Object.prototype.hasOwnProperty.call(CHECKS, name) ? CHECKS[name] : undefined;
    if (!check) continue;
    const reason = check(String(value));
    if (reason !== undefined) out.push(`invalid value '${value}' for annotation '${name}': ${reason}`);
  }
  return out;
}
