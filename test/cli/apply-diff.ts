// Applies a single-file unified diff (what `inject --diff` prints), to check it against the real output.
export function applyUnifiedDiff(text: string, diff: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let at = 0;
  const body = diff.split('\n');
  for (let i = 2; i < body.length; i++) {
    const h = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/.exec(body[i]!);
    if (!h) continue;
    const start = Number(h[1]) - (h[2] === '0' ? 0 : 1);
    while (at < start) out.push(lines[at++]!);
    for (i++; i < body.length && !body[i]!.startsWith('@@') && !body[i]!.startsWith('--- '); i++) {
      const l = body[i]!;
      if (l.startsWith(' ')) { out.push(lines[at++]!); }
      else if (l.startsWith('-')) at++;
      else if (l.startsWith('+')) out.push(l.slice(1));
    }
    i--;
  }
  while (at < lines.length) out.push(lines[at++]!);
  return out.join('\n');
}
