// Locates the shared conformance corpus (../shared relative to the repo); tests skip when absent.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// dist/test/config -> repo root is three levels up.
export const SHARED = resolve(here, '..', '..', '..', '..', 'shared');
export const ISTIO = join(SHARED, 'conformance', 'istio');
export const hasShared = existsSync(ISTIO);
export const readShared = (rel: string) => readFileSync(join(ISTIO, rel), 'utf8');
export const readSharedJson = (rel: string) => JSON.parse(readShared(rel));
