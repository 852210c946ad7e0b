// Floor: `yaml` (the library we build on) parse + stringify of every document on stdin, to stdout.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

const input = readFileSync(0, 'utf8');
const docs = parseAllDocuments(input);
process.stdout.write(docs.map((d) => d.toString({ lineWidth: 0 })).join(''));
