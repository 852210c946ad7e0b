// `completion bash|zsh`: a shell completion script for the commands and their flags. The flags come
// from each command's usage text, so the script cannot drift from what the parser accepts.
import { UsageError, write, EXIT_OK, type Command } from '../command.js';
import { suggestion } from '../did-you-mean.js';

const usage = `Usage: inject-istio-sidecar completion bash|zsh

Prints a shell completion script for inject-istio-sidecar.
  bash:  source <(inject-istio-sidecar completion bash)      # e.g. in ~/.bashrc
  zsh:   source <(inject-istio-sidecar completion zsh)       # e.g. in ~/.zshrc (after compinit)`;

/** Flags named in a usage text (`-f, --filename PATH` gives -f and --filename). */
export function flagsOf(usageText: string): string[] {
  const found = new Set<string>();
  for (const m of usageText.matchAll(/(?:^|[\s,\[|(])(--?[a-zA-Z][a-zA-Z0-9-]*)/g)) found.add(m[1]!);
  found.add('--help');
  return [...found].sort();
}

const FILE_FLAGS = ['-f', '--filename', '-o', '--output', '--report-file', '--config', '--injectConfigFile', '--valuesFile', '--meshConfigFile', '--template'];

export function completionCommand(commands: readonly Command[]): Command {
  const self: Command = {
    name: 'completion',
    summary: 'print a bash or zsh completion script',
    usage,
    async run(args, io) {
      const shell = args[0];
      if (args.length !== 1 || (shell !== 'bash' && shell !== 'zsh')) {
        throw new UsageError(`completion needs one argument, bash or zsh${shell ? suggestion(shell, ['bash', 'zsh']) : ''}`);
      }
      const all = [...commands.filter((c) => c !== self), self];
      const table = all.map((c) => ({ name: c.name, flags: c === self ? [] : flagsOf(c.usage) }));
      await write(io.stdout, shell === 'bash' ? bashScript(table) : zshScript(table));
      return EXIT_OK;
    },
  };
  return self;
}

type Table = { name: string; flags: string[] }[];

function bashScript(table: Table): string {
  const cases = table.map((c) => `    ${c.name}) flags="${c.flags.join(' ')}" ;;`).join('\n');
  return `# bash completion for inject-istio-sidecar (inject-istio-sidecar completion bash)
_inject_istio_sidecar() {
  local cur prev cmd flags
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  cmd="\${COMP_WORDS[1]}"
  if [[ \${COMP_CWORD} -eq 1 ]]; then
    COMPREPLY=( $(compgen -W "${table.map((c) => c.name).join(' ')} --help --version" -- "$cur") )
    return
  fi
  case "$prev" in
    ${FILE_FLAGS.join('|')}) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
    --report) COMPREPLY=( $(compgen -W "text json sarif junit" -- "$cur") ); return ;;
    --selector) COMPREPLY=( $(compgen -W "webhook all" -- "$cur") ); return ;;
    --native-sidecars) COMPREPLY=( $(compgen -W "true false" -- "$cur") ); return ;;
  esac
  case "$cmd" in
${cases}
    *) flags="" ;;
  esac
  if [[ "$cmd" == completion ]]; then
    COMPREPLY=( $(compgen -W "bash zsh" -- "$cur") )
  else
    COMPREPLY=( $(compgen -W "$flags" -- "$cur") )
  fi
}
complete -o default -F _inject_istio_sidecar inject-istio-sidecar
`;
}

function zshScript(table: Table): string {
  const cases = table.filter((c) => c.name !== 'completion').map((c) => `    ${c.name}) flags=(${c.flags.map((f) => `'${f}'`).join(' ')}) ;;`).join('\n');
  const described = table.map((c) => `'${c.name}'`).join(' ');
  return `#compdef inject-istio-sidecar
# zsh completion for inject-istio-sidecar (inject-istio-sidecar completion zsh)
_inject_istio_sidecar() {
  local -a commands flags
  commands=(${described})
  if (( CURRENT == 2 )); then
    compadd -- $commands --help --version
    return
  fi
  case "\${words[CURRENT-1]}" in
    ${FILE_FLAGS.join('|')}) _files; return ;;
    --report) compadd -- text json sarif junit; return ;;
    --selector) compadd -- webhook all; return ;;
    --native-sidecars) compadd -- true false; return ;;
  esac
  case "\${words[2]}" in
${cases}
    completion) compadd -- bash zsh; return ;;
  esac
  if [[ "\${words[CURRENT]}" == -* ]]; then compadd -- $flags; else _files; fi
}
compdef _inject_istio_sidecar inject-istio-sidecar
`;
}
