// Sprig's `urlParse` and `urlJoin`: Go's net/url Parse and URL.String, for the parts Sprig exposes
// (scheme, host, hostname, path, query, opaque, fragment, userinfo).
import { FuncPanic, type FuncDef } from '../func-def.js';
import { GoMap, T } from '../value.js';
import { kindName } from './cast.js';
import { MSA, S, fixed, str } from './define.js';

type Mode = 'path' | 'host' | 'user' | 'query' | 'fragment';

function shouldEscape(c: string, mode: Mode): boolean {
  if (/[A-Za-z0-9]/.test(c)) return false;
  if (mode === 'host' && "!$&'()*+,;=:[]<>\"".includes(c)) return false;
  if ('-_.~'.includes(c)) return false;
  if ('$&+,/:;=?@'.includes(c)) {
    if (mode === 'path') return c === '?';
    if (mode === 'user') return '@/?:'.includes(c);
    if (mode === 'query') return true;
    if (mode === 'fragment') return false;
  }
  if (mode === 'fragment' && '!()*'.includes(c)) return false;
  return true;
}

function escape(s: string, mode: Mode): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += byte < 0x80 && !shouldEscape(c, mode) ? c : '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

class URLError extends Error {}

function unescape(s: string, mode: Mode): string {
  if (mode === 'host') {
    for (const ch of s) if (ch !== '%' && ch.charCodeAt(0) < 0x80 && shouldEscape(ch, 'host')) throw new URLError(`invalid character ${JSON.stringify(ch)} in host name`);
  }
  if (!s.includes('%')) return s;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '%') {
      const h = s.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) throw new URLError(`invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}`);
      if (mode === 'host' && parseInt(h, 16) < 0x80 && h !== '25') throw new URLError(`invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}`);
      bytes.push(parseInt(h, 16));
      i += 2;
    } else bytes.push(...Buffer.from(s[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

interface URLParts {
  scheme: string;
  opaque: string;
  user: { name: string; password?: string } | undefined;
  host: string;
  path: string;
  rawQuery: string;
  forceQuery: boolean;
  fragment: string;
}

function parseURL(raw: string): URLParts {
  if (/[\x00-\x1f\x7f]/.test(raw)) throw new URLError('net/url: invalid control character in URL');
  const hash = raw.indexOf('#');
  const fragment = hash >= 0 ? unescape(raw.slice(hash + 1), 'fragment') : '';
  let rest = hash >= 0 ? raw.slice(0, hash) : raw;
  const u: URLParts = { scheme: '', opaque: '', user: undefined, host: '', path: '', rawQuery: '', forceQuery: false, fragment };
  if (rest === '*') return { ...u, path: '*' };
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(rest);
  if (m) {
    u.scheme = m[1].toLowerCase();
    rest = rest.slice(m[0].length);
  } else if (rest.startsWith(':')) throw new URLError('missing protocol scheme');
  if (rest.endsWith('?') && rest.indexOf('?') === rest.length - 1) {
    u.forceQuery = true;
    rest = rest.slice(0, -1);
  } else if (rest.includes('?')) {
    u.rawQuery = rest.slice(rest.indexOf('?') + 1);
    rest = rest.slice(0, rest.indexOf('?'));
  }
  if (!rest.startsWith('/')) {
    if (u.scheme !== '') return { ...u, opaque: rest };
    if (rest.split('/')[0].includes(':')) throw new URLError('first path segment in URL cannot contain colon');
  }
  if ((u.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) [authority, rest] = [authority.slice(0, slash), authority.slice(slash)];
    const at = authority.lastIndexOf('@');
    u.host = parseHost(at < 0 ? authority : authority.slice(at + 1));
    if (at >= 0) {
      const info = authority.slice(0, at);
      const colon = info.indexOf(':');
      u.user = colon < 0 ? { name: unescape(info, 'user') } : { name: unescape(info.slice(0, colon), 'user'), password: unescape(info.slice(colon + 1), 'user') };
    }
  }
  u.path = unescape(rest, 'path');
  return u;
}

function parseHost(host: string): string {
  if (host.startsWith('[')) {
    const end = host.lastIndexOf(']');
    if (end < 0) throw new URLError('missing \']\' in host');
    const port = host.slice(end + 1);
    if (port !== '' && !/^:\d*$/.test(port)) throw new URLError(`invalid port ${JSON.stringify(port)} after host`);
    return unescape(host, 'host');
  }
  const colon = host.lastIndexOf(':');
  if (colon >= 0 && !/^:\d*$/.test(host.slice(colon))) throw new URLError(`invalid port ${JSON.stringify(host.slice(colon))} after host`);
  return unescape(host, 'host');
}

function userString(user: URLParts['user']): string {
  if (!user) return '';
  return escape(user.name, 'user') + (user.password !== undefined ? ':' + escape(user.password, 'user') : '');
}

function hostname(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']') >= 0 ? host.indexOf(']') : undefined);
  const colon = host.lastIndexOf(':');
  return colon >= 0 && /^:\d*$/.test(host.slice(colon)) ? host.slice(0, colon) : host;
}

export function urlString(u: URLParts): string {
  let out = u.scheme !== '' ? u.scheme + ':' : '';
  if (u.opaque !== '') out += u.opaque;
  else {
    if (u.scheme !== '' || u.host !== '' || u.user) {
      if (u.host !== '' || u.path !== '' || u.user) out += '//';
      if (u.user) out += userString(u.user) + '@';
      if (u.host !== '') out += escape(u.host, 'host');
    }
    const path = u.path === '*' ? '*' : escape(u.path, 'path');
    if (path !== '' && path[0] !== '/' && u.host !== '') out += '/';
    if (out === '' && path.split('/')[0].includes(':')) out += './';
    out += path;
  }
  if (u.forceQuery || u.rawQuery !== '') out += '?' + u.rawQuery;
  if (u.fragment !== '') out += '#' + escape(u.fragment, 'fragment');
  return out;
}

function urlParse(raw: string): GoMap {
  let u: URLParts;
  try {
    u = parseURL(raw);
  } catch (e) {
    if (!(e instanceof URLError)) throw e;
    throw new FuncPanic(`unable to parse url: parse ${JSON.stringify(raw)}: ${e.message}`);
  }
  return GoMap.of(T.interface, [
    ['scheme', u.scheme],
    ['host', u.host],
    ['hostname', hostname(u.host)],
    ['path', u.path],
    ['query', u.rawQuery],
    ['opaque', u.opaque],
    ['fragment', u.fragment],
    ['userinfo', userString(u.user)],
  ]);
}

function field(d: GoMap, key: string): string {
  if (!d.has(key)) return '';
  const v = d.get(key);
  if (typeof v !== 'string') throw new FuncPanic(`unable to parse ${key} key, must be of type string, but ${v === null ? 'invalid' : kindName(v)} found`);
  return v;
}

function urlJoin(d: GoMap): string {
  const info = field(d, 'userinfo');
  let user: URLParts['user'];
  if (info !== '') {
    try {
      user = parseURL(`proto://${info}@host`).user;
    } catch (e) {
      throw new FuncPanic(`unable to parse userinfo in dict: ${(e as Error).message}`);
    }
  }
  return urlString({
    scheme: field(d, 'scheme'),
    host: field(d, 'host'),
    path: field(d, 'path'),
    rawQuery: field(d, 'query'),
    opaque: field(d, 'opaque'),
    fragment: field(d, 'fragment'),
    user,
    forceQuery: false,
  });
}

export const urlFuncs: Array<[string, FuncDef]> = [
  ['urlParse', fixed([S], (a) => urlParse(str(a[0])))],
  ['urlJoin', fixed([MSA], (a) => urlJoin(a[0] instanceof GoMap ? a[0] : GoMap.of(T.interface, [])))],
];
