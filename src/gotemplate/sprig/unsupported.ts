// Sprig functions whose result depends on the clock, randomness, the environment or the network. A
// pre-rendered sidecar must be reproducible, so they are registered (a template that names them parses,
// as with istiod) but fail when called, naming the function. The deterministic neighbours that Sprig
// keeps among them (`duration`, `durationRound` on a string or int64, `decryptAES`) are implemented.
import { createDecipheriv } from 'node:crypto';
import { FuncError, FuncPanic, type FuncDef } from '../func-def.js';
import { GoDurationError, goParseDuration } from '../go-parse-duration.js';
import { GoInt } from '../value.js';
import { parseGoInt } from './cast.js';
import { A, S, fixed, str, variadic } from './define.js';

const REASONS: Array<[string, string[]]> = [
  ['the clock', ['ago', 'date', 'date_in_zone', 'date_modify', 'dateInZone', 'dateModify', 'htmlDate', 'htmlDateInZone', 'must_date_modify', 'mustDateModify', 'mustToDate', 'now', 'toDate', 'unixEpoch']],
  ['randomness', ['randAlphaNum', 'randAlpha', 'randAscii', 'randNumeric', 'randBytes', 'randInt', 'shuffle', 'uuidv4', 'bcrypt', 'htpasswd', 'genPrivateKey', 'buildCustomCert', 'genCA', 'genCAWithKey', 'genSelfSignedCert', 'genSelfSignedCertWithKey', 'genSignedCert', 'genSignedCertWithKey', 'encryptAES']],
  ['the environment', ['env', 'expandenv']],
  ['the network', ['getHostByName']],
];

/** The names Sprig defines that this renderer refuses to run (for documentation and tests). */
export const UNSUPPORTED_SPRIG_FUNCTIONS: readonly string[] = REASONS.flatMap(([, names]) => names);

function refuse(name: string, reason: string): FuncDef {
  return variadic([A], () => {
    throw new FuncError(`function "${name}" is not supported: a pre-rendered sidecar must not depend on ${reason}, so templates cannot read it`);
  });
}

/** time.Duration.String of a number of nanoseconds. */
export function durationString(ns: bigint): string {
  if (ns === 0n) return '0s';
  const neg = ns < 0n;
  let u = neg ? -ns : ns;
  let out: string;
  if (u < 1_000_000_000n) {
    const [unit, div] = u < 1000n ? ['ns', 1n] : u < 1_000_000n ? ['µs', 1000n] : ['ms', 1_000_000n];
    out = fraction(u, div) + unit;
  } else {
    const h = u / 3_600_000_000_000n;
    u %= 3_600_000_000_000n;
    const m = u / 60_000_000_000n;
    u %= 60_000_000_000n;
    out = (h > 0n ? `${h}h` : '') + (h > 0n || m > 0n ? `${m}m` : '') + fraction(u, 1_000_000_000n) + 's';
  }
  return (neg ? '-' : '') + out;
}

function fraction(v: bigint, div: bigint): string {
  const whole = v / div;
  const frac = v % div;
  if (frac === 0n) return String(whole);
  const digits = String(div).length - 1;
  return `${whole}.${String(frac).padStart(digits, '0').replace(/0+$/, '')}`;
}

/** time.ParseDuration, or 0 where Go returns an error (Sprig ignores it). */
export function parseDuration(s: string): bigint {
  try {
    return goParseDuration(s);
  } catch (err) {
    if (err instanceof GoDurationError) return 0n;
    throw err;
  }
}

function durationRound(ns: bigint): string {
  let u = ns < 0n ? -ns : ns;
  u = BigInt.asUintN(64, u);
  const second = 1_000_000_000n;
  const steps: Array<[bigint, string]> = [
    [second * 3600n * 24n * 365n, 'y'],
    [second * 3600n * 24n * 30n, 'mo'],
    [second * 3600n * 24n, 'd'],
    [second * 3600n, 'h'],
    [second * 60n, 'm'],
    [second, 's'],
  ];
  for (const [size, unit] of steps) if (u > size) return `${u / size}${unit}`;
  return '0s';
}

function decryptAES(password: string, crypt64: string): string {
  if (crypt64 === '') return '';
  const key = Buffer.alloc(32);
  Buffer.from(password, 'utf8').copy(key, 0, 0, 32);
  const crypt = Buffer.from(crypt64, 'base64');
  if (crypt.toString('base64') !== crypt64.replace(/[\r\n]/g, '')) throw new FuncError('illegal base64 data at input byte 0');
  if (crypt.length < 16) throw new FuncPanic(`runtime error: slice bounds out of range [:16] with capacity ${crypt.length}`);
  const body = crypt.subarray(16);
  if (body.length % 16 !== 0) throw new FuncPanic('crypto/cipher: input not full blocks');
  if (body.length === 0) throw new FuncPanic('runtime error: index out of range [-1]');
  const d = createDecipheriv('aes-256-cbc', key, crypt.subarray(0, 16)).setAutoPadding(false);
  const out = Buffer.concat([d.update(body), d.final()]);
  const pad = out[out.length - 1];
  if (pad > out.length) throw new FuncPanic(`runtime error: slice bounds out of range [:${out.length - pad}]`);
  return out.subarray(0, out.length - pad).toString('utf8');
}

export const timeFuncs: Array<[string, FuncDef]> = [
  [
    'duration',
    fixed([A], (a) => {
      const v = a[0];
      const n = typeof v === 'string' ? (/^[+-]?\d+$/.test(v) ? (parseGoInt(v, 10) ?? 0) : 0) : v instanceof GoInt && v.name === 'int64' ? v.v : 0;
      return durationString(BigInt.asIntN(64, BigInt(n) * 1_000_000_000n));
    }),
  ],
  [
    'durationRound',
    fixed([A], (a) => {
      const v = a[0];
      return durationRound(typeof v === 'string' ? parseDuration(v) : v instanceof GoInt && v.name === 'int64' ? BigInt(v.v) : 0n);
    }),
  ],
  ['decryptAES', fixed([S, S], (a) => decryptAES(str(a[0]), str(a[1])))],
];

export const unsupportedFuncs: Array<[string, FuncDef]> = REASONS.flatMap(([reason, names]) => names.map((n): [string, FuncDef] => [n, refuse(n, reason)]));

