// Istio's ValidateMeshConfigProxyConfig (pkg/config/validation/agent/validation.go), run on a
// `proxy.istio.io/config` annotation applied onto DefaultProxyConfig(). Returns the problems found.
import { isIP } from 'node:net';
import type { JsonObject } from '../k8s/types.js';
import type { ProxyConfig } from './types.js';
import { durationNanos } from './proto-schema.js';
import { isObject } from '../k8s/json.js';

const MS = 1_000_000n;
const SECOND = 1_000_000_000n;

export function proxyConfigProblems(pc: ProxyConfig): string[] {
  const errs: string[] = [];
  if (!pc.configPath) errs.push('config path must be set');
  if (!pc.binaryPath) errs.push('binary path must be set');
  if ('serviceCluster' in pc) {
    if (pc.serviceCluster === '') errs.push('service cluster must be specified');
  } else if (!('tracingServiceName' in pc)) errs.push('oneof service cluster or tracing service name must be specified');
  const drain = durationProblem(pc.drainDuration as string | undefined);
  if (drain) errs.push(`invalid drain duration: ${drain}`);
  else if (durationNanos((pc.drainDuration as string | undefined) ?? '0s') % SECOND !== 0n) {
    errs.push('drain time only supports durations to seconds precision');
  }
  if (!pc.discoveryAddress) errs.push('discovery address must be set to the proxy discovery service');
  else {
    const e = proxyAddressProblem(pc.discoveryAddress as string);
    if (e) errs.push(`invalid discovery address: ${e}`);
  }
  if (isObject(pc.tracing)) errs.push(...tracingProblems(pc.tracing));
  const admin = portProblem(Number(pc.proxyAdminPort ?? 0));
  if (admin) errs.push(`invalid proxy admin port: ${admin}`);
  const policy = (pc.controlPlaneAuthPolicy as string | undefined) ?? 'NONE';
  if (policy !== 'NONE' && policy !== 'MUTUAL_TLS') errs.push(`invalid authentication policy: unrecognized control plane auth policy "${policy}"`);
  const status = portProblem(Number(pc.statusPort ?? 0));
  if (status) errs.push(`invalid status port: ${status}`);
  return errs;
}

function durationProblem(d: string | undefined): string | undefined {
  const n = d === undefined ? 0n : durationNanos(d);
  if (n < MS) return 'duration must be greater than 1ms';
  if (n % MS !== 0n) return 'only durations to ms precision are supported';
  return undefined;
}

export function portProblem(port: number): string | undefined {
  return port >= 1 && port <= 65535 ? undefined : `port number ${port} must be in the range 1..65535`;
}

/** ValidateProxyAddress: `host:port` with a valid port and an FQDN or IP host. */
export function proxyAddressProblem(addr: string): string | undefined {
  const m = /^\[([^\]]*)\]:([^:]*)$/.exec(addr) ?? /^([^:[\]]*):([^:[\]]*)$/.exec(addr);
  if (!m) return `unable to split "${addr}": address ${addr}: ${addr.includes(':') ? 'too many colons in address' : 'missing port in address'}`;
  const [, host, portText] = m as unknown as [string, string, string];
  if (!/^[+-]?[0-9]+$/.test(portText)) return `port (${portText}) is not a number`;
  const p = portProblem(Number(portText));
  if (p) return p;
  if (fqdnProblem(host) && isIP(host) === 0) return `"${host}" is not a valid hostname or an IP address`;
  return undefined;
}

function fqdnProblem(name: string): string | undefined {
  if (name.length === 0) return 'empty domain name not allowed';
  if (name.length > 255) return 'domain name too long';
  const parts = name.split('.');
  if (/^[0-9]+$/.test(parts[parts.length - 1]!)) return 'top level domain cannot be all-numeric';
  for (let i = 0; i < parts.length; i++) {
    const label = parts[i]!;
    if (i === parts.length - 1 && label === '') return undefined;
    if (label.length > 63 || !/^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$/.test(label)) return `label "${label}" invalid`;
  }
  return undefined;
}

function tracingProblems(t: JsonObject): string[] {
  const errs: string[] = [];
  for (const tracer of ['zipkin', 'lightstep', 'datadog'] as const) {
    const cfg = t[tracer];
    if (!isObject(cfg)) continue;
    const e = proxyAddressProblem(String(cfg.address ?? ''));
    if (e) errs.push(`invalid ${tracer} address: ${e}`);
  }
  const openCensus = t.openCensusAgent;
  if (isObject(openCensus) && !openCensus.address) errs.push('address is required for the OpenCensus agent');
  const sampling = Number(t.sampling ?? 0);
  if (sampling < 0 || sampling > 100) errs.push(`sampling ${sampling} must be in the range 0.0 to 100.0`);
  return errs;
}
