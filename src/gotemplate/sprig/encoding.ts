// Sprig's encodings and deterministic hashes: `b64enc`/`b64dec`/`b32enc`/`b32dec` (Go's StdEncoding, whose
// decoder is strict about padding and returns `illegal base64 data at input byte N`, which Sprig prints
// as the result), `sha1sum`, `sha256sum`, `adler32sum`, and `derivePassword` (the Master Password
// algorithm: scrypt N=32768 r=8 p=2, HMAC-SHA256, character templates).
import { createHash, createHmac, scryptSync } from 'node:crypto';
import type { FuncDef } from '../func-def.js';
import { T } from '../value.js';
import { S, fixed, int, str } from './define.js';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Go's base64/base32 StdEncoding decoder; returns the bytes or the offset of the first bad byte. */
function decodeStd(src: string, alphabet: string, quantum: number): Buffer | number {
  const bits = alphabet.length === 64 ? 6 : 5;
  const out: number[] = [];
  let si = 0;
  for (;;) {
    const vals: number[] = [];
    let dlen = quantum;
    let trailing: number | undefined;
    for (let j = 0; j < quantum; j++) {
      if (si === src.length) {
        if (j === 0) return Buffer.from(out);
        return si - j; // a partial quantum without padding
      }
      const ch = src[si++];
      const d = alphabet.indexOf(ch);
      if (d >= 0 && ch !== '') {
        vals.push(d);
        continue;
      }
      if (ch === '\n' || ch === '\r') {
        j--;
        continue;
      }
      if (ch !== '=') return si - 1;
      // Padding: the rest of the quantum must be '=' (newlines may sit between them).
      if (bits === 6 ? j < 2 : ![2, 4, 5, 7].includes(j)) return si - 1;
      for (let k = j + 1; k < quantum; k++) {
        while (si < src.length && (src[si] === '\n' || src[si] === '\r')) si++;
        if (si === src.length) return src.length;
        if (src[si] !== '=') return si - 1;
        si++;
      }
      while (si < src.length && (src[si] === '\n' || src[si] === '\r')) si++;
      if (si < src.length) trailing = si;
      dlen = j;
      break;
    }
    let acc = 0n;
    for (let k = 0; k < quantum; k++) acc = (acc << BigInt(bits)) | BigInt(vals[k] ?? 0);
    const nbytes = Math.floor((dlen * bits) / 8);
    const total = (quantum * bits) / 8;
    for (let k = 0; k < nbytes; k++) out.push(Number((acc >> BigInt(8 * (total - 1 - k))) & 0xffn));
    if (trailing !== undefined) return trailing;
    if (dlen < quantum) return Buffer.from(out);
  }
}

function b64dec(s: string): string {
  const r = decodeStd(s, B64, 4);
  return typeof r === 'number' ? `illegal base64 data at input byte ${r}` : r.toString('utf8');
}

function b32dec(s: string): string {
  const r = decodeStd(s, B32, 8);
  return typeof r === 'number' ? `illegal base32 data at input byte ${r}` : r.toString('utf8');
}

function b32enc(s: string): string {
  const bytes = Buffer.from(s, 'utf8');
  let out = '';
  for (let i = 0; i < bytes.length; i += 5) {
    const chunk = bytes.subarray(i, i + 5);
    let acc = 0n;
    for (let k = 0; k < 5; k++) acc = (acc << 8n) | BigInt(chunk[k] ?? 0);
    const chars = Math.ceil((chunk.length * 8) / 5);
    for (let k = 0; k < 8; k++) out += k < chars ? B32[Number((acc >> BigInt(35 - 5 * k)) & 31n)] : '=';
  }
  return out;
}

function adler32(s: string): number {
  let a = 1;
  let b = 0;
  for (const byte of Buffer.from(s, 'utf8')) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

const PASSWORD_TEMPLATES = new Map<string, string[]>([
  ['maximum', ['anoxxxxxxxxxxxxxxxxx', 'axxxxxxxxxxxxxxxxxno']],
  ['long', ['CvcvnoCvcvCvcv', 'CvcvCvcvnoCvcv', 'CvcvCvcvCvcvno', 'CvccnoCvcvCvcv', 'CvccCvcvnoCvcv', 'CvccCvcvCvcvno', 'CvcvnoCvccCvcv', 'CvcvCvccnoCvcv', 'CvcvCvccCvcvno', 'CvcvnoCvcvCvcc', 'CvcvCvcvnoCvcc', 'CvcvCvcvCvccno', 'CvccnoCvccCvcv', 'CvccCvccnoCvcv', 'CvccCvccCvcvno', 'CvcvnoCvccCvcc', 'CvcvCvccnoCvcc', 'CvcvCvccCvccno', 'CvccnoCvcvCvcc', 'CvccCvcvnoCvcc', 'CvccCvcvCvccno']],
  ['medium', ['CvcnoCvc', 'CvcCvcno']],
  ['short', ['Cvcn']],
  ['basic', ['aaanaaan', 'aannaaan', 'aaannaaa']],
  ['pin', ['nnnn']],
]);

const TEMPLATE_CHARS = new Map<string, string>([
  ['V', 'AEIOU'],
  ['C', 'BCDFGHJKLMNPQRSTVWXYZ'],
  ['v', 'aeiou'],
  ['c', 'bcdfghjklmnpqrstvwxyz'],
  ['A', 'AEIOUBCDFGHJKLMNPQRSTVWXYZ'],
  ['a', 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz'],
  ['n', '0123456789'],
  ['o', "@&%?,=[]_:-+*$#!'^~;()/."],
  ['x', 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()'],
]);

const SEED = 'com.lyndir.masterpassword';

function uint32be(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

// scrypt with these parameters costs ~100 ms and 64 MiB; a template rendered per pod repeats the same call.
const derived = new Map<string, string>();

function derivePassword(counter: number, type: string, password: string, user: string, site: string): string {
  const cacheKey = JSON.stringify([counter, type, password, user, site]);
  const hit = derived.get(cacheKey);
  if (hit !== undefined) return hit;
  const result = derivePasswordUncached(counter, type, password, user, site);
  if (derived.size >= 64) derived.clear();
  derived.set(cacheKey, result);
  return result;
}

function derivePasswordUncached(counter: number, type: string, password: string, user: string, site: string): string {
  const templates = PASSWORD_TEMPLATES.get(type);
  if (!templates) return `cannot find password template ${type}`;
  const userBytes = Buffer.from(user, 'utf8');
  const salt = Buffer.concat([Buffer.from(SEED), uint32be(userBytes.length), userBytes]);
  const key = scryptSync(Buffer.from(password, 'utf8'), salt, 64, { N: 32768, r: 8, p: 2, maxmem: 128 * 1024 * 1024 });
  const siteBytes = Buffer.from(site, 'utf8');
  const seed = createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(SEED), uint32be(siteBytes.length), siteBytes, uint32be(counter)]))
    .digest();
  const template = templates[seed[0] % templates.length];
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const chars = TEMPLATE_CHARS.get(template[i])!;
    out += chars[seed[i + 1] % chars.length];
  }
  return out;
}

const hash = (alg: string) => fixed([S], (a) => createHash(alg).update(str(a[0]), 'utf8').digest('hex'));

export const encodingFuncs: Array<[string, FuncDef]> = [
  ['b64enc', fixed([S], (a) => Buffer.from(str(a[0]), 'utf8').toString('base64'))],
  ['b64dec', fixed([S], (a) => b64dec(str(a[0])))],
  ['b32enc', fixed([S], (a) => b32enc(str(a[0])))],
  ['b32dec', fixed([S], (a) => b32dec(str(a[0])))],
  ['sha1sum', hash('sha1')],
  ['sha256sum', hash('sha256')],
  ['adler32sum', fixed([S], (a) => String(adler32(str(a[0]))))],
  ['derivePassword', fixed([T.uint32, S, S, S, S], (a) => derivePassword(int(a[0]), str(a[1]), str(a[2]), str(a[3]), str(a[4])))],
];
