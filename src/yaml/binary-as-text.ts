// `!!binary` scalars read as their base64 text. yaml's own binary tag turns them into a Buffer, which
// is not JSON (the core saw "[object Uint8Array]"-like strings) and which the core schema cannot print
// back ("Tag not resolved for Buffer value"), so a manifest with one could not be injected. Kept as
// text, the value is stable, the tag stays on the node and untouched nodes print their original bytes.
import type { ScalarTag } from 'yaml';

export const binaryAsText: ScalarTag = {
  tag: 'tag:yaml.org,2002:binary',
  // Only an explicit `!!binary` selects it; new strings are never written with this tag.
  identify: () => false,
  default: false,
  resolve: (src: string) => src.replace(/[\s]+/g, ''),
};
