// Istio's golden injection corpus as real-world YAML: every file round-trips byte-for-byte, and turning
// each input document into its golden injected value through update() yields exactly that value.
import test from 'ava';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStream, YamlInputError } from '../../src/yaml/index.js';
import type { YamlStream } from '../../src/yaml/index.js';
import { corpusTest } from '../corpus.js';

const corpus = join(process.cwd(), '..', 'shared', 'conformance', 'istio', 'inject');
const available = existsSync(corpus);

function files(): string[] {
  return readdirSync(corpus).filter((f) => f.endsWith('.yaml') || f.endsWith('.injected')).sort();
}

function tryParse(text: string, file: string): YamlStream | undefined {
  try {
    return parseStream(text, file);
  } catch (error) {
    if (error instanceof YamlInputError) return undefined;
    throw error;
  }
}

corpusTest('every corpus file that parses round-trips byte-for-byte', (t) => {
  let parsed = 0;
  for (const file of files()) {
    const text = readFileSync(join(corpus, file), 'utf8');
    const stream = tryParse(text, file);
    if (!stream) continue;
    parsed++;
    t.is(stream.toString(), text, file);
  }
  t.true(parsed > 100, `parsed ${parsed} files`);
});

corpusTest('update() to the golden injected value gives that value, and a second update is a no-op', (t) => {
  let pairs = 0;
  for (const file of files().filter((f) => f.endsWith('.yaml'))) {
    const goldenPath = join(corpus, `${file}.injected`);
    if (!existsSync(goldenPath)) continue;
    const input = tryParse(readFileSync(join(corpus, file), 'utf8'), file);
    const golden = tryParse(readFileSync(goldenPath, 'utf8'), `${file}.injected`);
    if (!input || !golden) continue;
    // Golden files end with a `---` that opens an empty document; compare the documents with content.
    const inputDocs = input.docs.filter((d) => d.value !== null);
    const goldenValues = golden.docs.map((d) => d.value).filter((v) => v !== null);
    if (inputDocs.length !== goldenValues.length) continue;
    pairs++;
    inputDocs.forEach((doc, i) => doc.update(goldenValues[i]));
    const out = input.toString();
    const again = parseStream(out, `${file} (rewritten)`);
    const againDocs = again.docs.filter((d) => d.value !== null);
    t.deepEqual(
      againDocs.map((d) => d.value),
      goldenValues,
      file,
    );
    t.false(
      againDocs.map((d, i) => d.update(goldenValues[i])).some(Boolean),
      `${file}: idempotent`,
    );
    t.is(again.toString(), out, `${file}: second run writes the same bytes`);
  }
  t.true(pairs > 40, `compared ${pairs} pairs`);
});
