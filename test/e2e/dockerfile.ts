// A small Dockerfile reader for the tests that lint the Dockerfile and replay its steps without a
// Docker engine: instructions with continuation lines joined, global ARGs substituted into FROM,
// grouped by stage.
export interface Instruction {
  keyword: string; // upper-case: FROM, RUN, COPY, ...
  args: string; // the rest of the (joined) line
  line: number; // 1-based line of the instruction's first line
}

export interface Stage {
  name?: string;
  base: string;
  instructions: Instruction[];
}

export interface Dockerfile {
  globalArgs: Record<string, string>;
  stages: Stage[];
}

export function parseDockerfile(text: string): Dockerfile {
  const instructions: Instruction[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i]!;
    if (/^\s*(#|$)/.test(first)) continue;
    const start = i;
    let joined = first;
    while (/\\\s*$/.test(joined) && i + 1 < lines.length) {
      i++;
      const next = lines[i]!;
      if (/^\s*#/.test(next)) continue; // comment lines inside a continuation are dropped, as Docker does
      joined = joined.replace(/\\\s*$/, ' ') + next.trim();
    }
    const m = /^\s*([A-Za-z]+)\s*(.*)$/.exec(joined);
    if (!m) throw new Error(`Dockerfile line ${start + 1}: cannot parse "${first}"`);
    instructions.push({ keyword: m[1]!.toUpperCase(), args: m[2]!.trim(), line: start + 1 });
  }

  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const ins of instructions) {
    if (ins.keyword === 'ARG' && stages.length === 0) {
      const [name, value = ''] = ins.args.split('=', 2) as [string, string?];
      globalArgs[name.trim()] = value.trim();
      continue;
    }
    if (ins.keyword === 'FROM') {
      const m = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(substitute(ins.args, globalArgs));
      if (!m) throw new Error(`Dockerfile line ${ins.line}: cannot parse FROM "${ins.args}"`);
      stages.push({ base: m[1]!, ...(m[2] ? { name: m[2] } : {}), instructions: [] });
      continue;
    }
    if (stages.length === 0) throw new Error(`Dockerfile line ${ins.line}: ${ins.keyword} before the first FROM`);
    stages[stages.length - 1]!.instructions.push(ins);
  }
  return { globalArgs, stages };
}

export function substitute(text: string, vars: Record<string, string>): string {
  return text.replace(/\$\{(\w+)\}|\$(\w+)/g, (all, a: string | undefined, b: string | undefined) => vars[(a ?? b)!] ?? all);
}

/** `COPY [--from=X] [--chown=..] src... dest` split into its parts; JSON form supported. */
export function parseCopy(args: string): { from?: string; sources: string[]; dest: string } {
  const words = args.trim().startsWith('[') ? (JSON.parse(args) as string[]) : args.split(/\s+/);
  let from: string | undefined;
  const rest: string[] = [];
  for (const w of words) {
    if (w.startsWith('--from=')) from = w.slice('--from='.length);
    else if (w.startsWith('--')) continue;
    else rest.push(w);
  }
  if (rest.length < 2) throw new Error(`COPY needs a source and a destination: "${args}"`);
  return { ...(from ? { from } : {}), sources: rest.slice(0, -1), dest: rest[rest.length - 1]! };
}

/** ENTRYPOINT/CMD in exec form (a JSON array), or undefined for the shell form. */
export function execForm(args: string): string[] | undefined {
  if (!args.trim().startsWith('[')) return undefined;
  const parsed = JSON.parse(args) as unknown;
  return Array.isArray(parsed) && parsed.every((s) => typeof s === 'string') ? (parsed as string[]) : undefined;
}

export function stageInstructions(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((i) => i.keyword === keyword);
}
