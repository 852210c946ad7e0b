// Floor: js-yaml load + dump of every document on stdin, written to stdout (the cheapest YAML round
// trip a JavaScript tool can do; it keeps neither comments nor formatting).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const jsyaml = createRequire(import.meta.url)('js-yaml') as {
  loadAll(text: string): unknown[];
  dump(value: unknown, opts?: Record<string, unknown>): string;
};
const input = readFileSync(0, 'utf8');
const docs = jsyaml.loadAll(input);
process.stdout.write(docs.map((d) => jsyaml.dump(d, { lineWidth: -1 })).join('---\n'));
