// Go's path package (`base`, `dir`, `clean`, `ext`, `isAbs`) and path/filepath, which on Linux (where
// istiod runs) behaves the same (`osBase` ...).
import type { FuncDef } from '../func-def.js';
import { S, fixed, str } from './define.js';

/** path.Clean: the shortest equivalent path (no `.`, no `x/..`, no doubled or trailing slashes). */
export function clean(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(part);
  }
  const res = (rooted ? '/' : '') + out.join('/');
  return res === '' ? '.' : res;
}

export function base(p: string): string {
  if (p === '') return '.';
  let end = p.length;
  while (end > 0 && p[end - 1] === '/') end--; // a loop: /\/+$/ is quadratic on a long inner run of slashes
  p = p.slice(0, end);
  if (p === '') return '/';
  return p.slice(p.lastIndexOf('/') + 1);
}

export function dir(p: string): string {
  return clean(p.slice(0, p.lastIndexOf('/') + 1));
}

export function ext(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) if (p[i] === '.') return p.slice(i);
  return '';
}

const isAbs = (p: string): boolean => p.startsWith('/');

const pathFunc = (f: (p: string) => string | boolean): FuncDef => fixed([S], (a) => f(str(a[0])));

export const pathFuncs: Array<[string, FuncDef]> = [
  ['base', pathFunc(base)],
  ['dir', pathFunc(dir)],
  ['clean', pathFunc(clean)],
  ['ext', pathFunc(ext)],
  ['isAbs', pathFunc(isAbs)],
  ['osBase', pathFunc(base)],
  ['osClean', pathFunc(clean)],
  ['osDir', pathFunc(dir)],
  ['osExt', pathFunc(ext)],
  ['osIsAbs', pathFunc(isAbs)],
];
