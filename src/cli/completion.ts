// `completion bash|zsh|fish|powershell`: shell scripts that complete Hookline's commands,
// subcommands and flags (taken from the command tree itself) and, where a chart is expected,
// REPO/CHART names from the repository cache's NAME-charts.txt files.
import type { Command } from 'commander';

interface Node {
  path: string[];
  subcommands: string[];
  flags: string[];
}

/** Every command reachable from `root`, with its subcommand names (and aliases) and flags. */
function commandTree(root: Command): Node[] {
  const out: Node[] = [];
  const walk = (cmd: Command, path: string[]) => {
    out.push({
      path,
      subcommands: cmd.commands.flatMap((c) => [c.name(), ...c.aliases()]),
      flags: [...cmd.options.flatMap((o) => [o.long, o.short].filter((f): f is string => Boolean(f))), '--help'],
    });
    for (const c of cmd.commands) for (const name of [c.name(), ...c.aliases()]) walk(c, [...path, name]);
  };
  walk(root, []);
  return out;
}

const words = (list: string[]) => list.join(' ');
const key = (path: string[]) => path.join('_') || 'root';

// Shell code that prints REPO/CHART for every cached repository index, for chart arguments.
const BASH_CHARTS = `_hookline_charts() {
  local cache="\${HELM_REPOSITORY_CACHE:-\${HELM_CACHE_HOME:-\${XDG_CACHE_HOME:-$HOME/.cache}/helm}/repository}" f name
  for f in "$cache"/*-charts.txt; do
    [ -e "$f" ] || continue
    name=$(basename "$f" -charts.txt)
    sed "s|^|$name/|" "$f"
  done
}`;

function bash(program: Command): string {
  const nodes = commandTree(program);
  const cases = nodes.map((n) => `    ${key(n.path)}) subs="${words(n.subcommands)}"; flags="${words(n.flags)}" ;;`).join('\n');
  return `# bash completion for ${program.name()}: source it, e.g. source <(${program.name()} completion bash)
${BASH_CHARTS}

_hookline() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" path="" i w subs flags
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    [[ "$w" == -* ]] && continue
    local next="\${path:+\${path}_}$w"
    case "$next" in
${nodes.filter((n) => n.path.length > 0).map((n) => `      ${key(n.path)}) path="$next" ;;`).join('\n')}
    esac
  done
  case "\${path:-root}" in
${cases}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
  elif [ -n "$subs" ]; then
    COMPREPLY=($(compgen -W "$subs" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$(_hookline_charts)" -- "$cur") $(compgen -f -- "$cur"))
  fi
}
complete -o default -F _hookline ${program.name()}
`;
}

function zsh(program: Command): string {
  return `#compdef ${program.name()}
# zsh completion for ${program.name()} (bash's, through bashcompinit): source <(${program.name()} completion zsh)
autoload -U +X bashcompinit && bashcompinit
${bash(program)}`;
}

function fish(program: Command): string {
  const name = program.name();
  const lines = [`# fish completion for ${name}: ${name} completion fish | source`, `complete -c ${name} -f`];
  for (const n of commandTree(program)) {
    // fish's __fish_seen_subcommand_from checks the words typed so far.
    const cond = n.path.length === 0 ? '__fish_use_subcommand' : n.path.map((p) => `__fish_seen_subcommand_from ${p}`).join('; and ');
    if (n.subcommands.length > 0) lines.push(`complete -c ${name} -n '${cond}' -a '${words(n.subcommands)}'`);
    for (const f of n.flags) {
      lines.push(f.startsWith('--') ? `complete -c ${name} -n '${cond}' -l ${f.slice(2)}` : `complete -c ${name} -n '${cond}' -s ${f.slice(1)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function powershell(program: Command): string {
  const table = commandTree(program).map((n) => `  '${n.path.join(' ')}' = @(${[...n.subcommands, ...n.flags].map((w) => `'${w}'`).join(', ')})`).join('\n');
  return `# PowerShell completion for ${program.name()}: ${program.name()} completion powershell | Out-String | Invoke-Expression
$hooklineWords = @{
${table}
}
Register-ArgumentCompleter -Native -CommandName '${program.name()}' -ScriptBlock {
  param($wordToComplete, $commandAst, $cursorPosition)
  $path = @()
  foreach ($e in $commandAst.CommandElements | Select-Object -Skip 1) {
    $w = $e.ToString()
    if ($w -eq $wordToComplete -or $w.StartsWith('-')) { continue }
    $candidate = (($path + $w) -join ' ')
    if ($hooklineWords.ContainsKey($candidate)) { $path += $w }
  }
  $hooklineWords[($path -join ' ')] | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object {
    [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
  }
}
`;
}

const shells: Record<string, (program: Command) => string> = { bash, zsh, fish, powershell };

export function register(program: Command): void {
  const completion = program.command('completion').description('generate autocompletion scripts for the specified shell');
  for (const [shell, script] of Object.entries(shells)) {
    completion.command(shell).description(`generate the autocompletion script for ${shell}`)
      .option('--no-descriptions', 'disable completion descriptions')
      .action(() => { process.stdout.write(script(program)); });
  }
}
