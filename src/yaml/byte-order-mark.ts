// A UTF-8 byte order mark is not YAML content: it is split off before parsing (node ranges, columns and
// lines then count from the first real character) and written back once, at the start of the output.
// Left in, it shifted the first column by one and every re-rendered line after it by one space.
const BOM = '\uFEFF';

export function splitByteOrderMark(text: string): { bom: string; body: string } {
  return text.startsWith(BOM) ? { bom: BOM, body: text.slice(1) } : { bom: '', body: text };
}
