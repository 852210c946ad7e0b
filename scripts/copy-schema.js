// Build step: the function config's JSON Schema ships in the package as schema/function-config.schema.json
// (editors and `yaml-language-server: $schema=` comments point there); the source of truth is src/config/.
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
mkdirSync(`${root}schema`, { recursive: true });
copyFileSync(`${root}src/config/function-config.schema.json`, `${root}schema/function-config.schema.json`);
