/**
 * `kustodian completion bash|zsh|fish`: a completion script for the shell,
 * generated from the command table (commands, subcommands, their options and
 * what their values are).
 */
import type { OptionsConfig } from '../args.js';
import { parseCommandArgs, UsageError } from '../args.js';
import type { CommandSpec, Completion } from '../command-spec.js';
import type { Output } from '../output.js';
import { EXIT } from '../output.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

export const COMPLETION_HELP = `Usage: kustodian completion bash|zsh|fish

Print a completion script for the shell: commands, subcommands, options and
their values (formats, rule ids, files and folders).

  bash   source <(kustodian completion bash)         (in ~/.bashrc), or save it as
         ~/.local/share/bash-completion/completions/kustodian
  zsh    kustodian completion zsh > "\${fpath[1]}/_kustodian"   (then restart zsh),
         or source <(kustodian completion zsh) after compinit
  fish   kustodian completion fish > ~/.config/fish/completions/kustodian.fish
`;

export const COMPLETION_OPTIONS = { help: { type: 'boolean', short: 'h' } } as const;

/** One place on the command line: the root, a command or a subcommand (`secrets list`). */
interface Node {
  /** Command words from the root, space-separated; '' for the root. */
  readonly path: string;
  readonly summary: string;
  readonly subcommands: readonly CommandSpec[];
  /** Every option: `--name` and `-x`. */
  readonly flags: readonly string[];
  /** Options that take a value, with what the value completes to. */
  readonly valueFlags: ReadonlyMap<string, Completion>;
  readonly positional: Completion;
  /** Long options, for fish: name, short letter, value completion (undefined for a flag). */
  readonly options: readonly { readonly name: string; readonly short: string | undefined; readonly value: Completion | undefined }[];
}

function nodesOf(commands: readonly CommandSpec[], rootOptions: OptionsConfig): Node[] {
  const out: Node[] = [];
  const visit = (path: string, spec: Omit<CommandSpec, 'name'>) => {
    const options = Object.entries(spec.options ?? {}).map(([name, o]) => ({
      name,
      short: o.short,
      value: o.type === 'string' ? (spec.values?.[name] ?? 'file') : undefined,
    }));
    const valueFlags = new Map<string, Completion>();
    for (const o of options) {
      if (o.value === undefined) continue;
      valueFlags.set(`--${o.name}`, o.value);
      if (o.short) valueFlags.set(`-${o.short}`, o.value);
    }
    out.push({
      path,
      summary: spec.summary,
      subcommands: spec.subcommands ?? [],
      flags: options.flatMap((o) => [`--${o.name}`, ...(o.short ? [`-${o.short}`] : [])]),
      valueFlags,
      positional: spec.positional ?? 'none',
      options,
    });
    for (const sub of spec.subcommands ?? []) visit(path ? `${path} ${sub.name}` : sub.name, sub);
  };
  visit('', { summary: 'kustodian', options: rootOptions, subcommands: commands });
  return out;
}

/** A completion as the shell functions pass it: words, or @file / @folder. */
function words(c: Completion): string {
  return c === 'file' ? '@file' : c === 'folder' ? '@folder' : c === 'none' ? '' : c.join(' ');
}

/** A POSIX shell single-quoted string. */
const sq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** `case` functions over the nodes, valid in bash and zsh. */
function caseFunction(name: string, arms: readonly (readonly [string, string])[]): string {
  const body = arms
    .filter(([, value]) => value !== '')
    .map(([key, value]) => `    ${sq(key)}) echo ${sq(value)} ;;`)
    .join('\n');
  return `${name}() {\n  case "$1" in\n${body}\n  esac\n}\n`;
}

/**
 * Shell functions shared by bash and zsh: `_kustodian_candidates CUR PREV
 * WORDS...` prints what completes CUR (a word list, @file or @folder) after
 * the words before it.
 */
function sharedFunctions(nodes: readonly Node[]): string {
  const valueArms = nodes.flatMap((n) => [...n.valueFlags].map(([flag, c]) => [`${n.path}|${flag}`, words(c)] as const));
  return [
    caseFunction(
      '_kustodian_subcommands',
      nodes.map((n) => [n.path, n.subcommands.map((s) => s.name).join(' ')]),
    ),
    caseFunction(
      '_kustodian_flags',
      nodes.map((n) => [n.path, n.flags.join(' ')]),
    ),
    caseFunction(
      '_kustodian_value_flags',
      nodes.map((n) => [n.path, [...n.valueFlags.keys()].join(' ')]),
    ),
    // '-' stands for "no completion" so that a flag with nothing to offer is still known to take a value.
    caseFunction(
      '_kustodian_values',
      valueArms.map(([k, v]) => [k, v === '' ? '-' : v]),
    ),
    caseFunction(
      '_kustodian_positional',
      nodes.map((n) => [n.path, words(n.positional)]),
    ),
    `_kustodian_candidates() {
  local cur="$1" prev="$2" cmd="" word skip=0 list
  shift 2
  for word in "$@"; do
    if [ "$skip" = 1 ]; then skip=0; continue; fi
    case "$word" in
      -*=*) ;;
      -*) case " $(_kustodian_value_flags "$cmd") " in *" $word "*) skip=1 ;; esac ;;
      *) case " $(_kustodian_subcommands "$cmd") " in *" $word "*) cmd="\${cmd:+$cmd }$word" ;; esac ;;
    esac
  done
  case " $(_kustodian_value_flags "$cmd") " in
    *" $prev "*)
      if [ "$skip" = 1 ]; then
        list="$(_kustodian_values "$cmd|$prev")"
        [ "$list" = "-" ] && list=""
        echo "$list"
        return
      fi ;;
  esac
  case "$cur" in
    -*) _kustodian_flags "$cmd"; return ;;
  esac
  list="$(_kustodian_subcommands "$cmd")"
  [ -n "$list" ] || list="$(_kustodian_positional "$cmd")"
  echo "$list"
}
`,
  ].join('\n');
}

export function bashScript(nodes: readonly Node[]): string {
  return `# bash completion for kustodian, printed by 'kustodian completion bash'.
# Load it with:  source <(kustodian completion bash)
# or save it as ~/.local/share/bash-completion/completions/kustodian

${sharedFunctions(nodes)}
_kustodian() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" list
  local -a before=("\${COMP_WORDS[@]:1:COMP_CWORD-1}")
  # bash splits --option=value at '=' (COMP_WORDBREAKS): complete the value of the option.
  if [ "$cur" = "=" ]; then
    cur=""
  elif [ "$prev" = "=" ] && [ "$COMP_CWORD" -ge 3 ]; then
    prev="\${COMP_WORDS[COMP_CWORD-2]}"
    before=("\${COMP_WORDS[@]:1:COMP_CWORD-2}")
  fi
  list="$(_kustodian_candidates "$cur" "$prev" "\${before[@]}")"
  COMPREPLY=()
  case "$list" in
    @file) ;; # left to bash's own file completion (complete -o default)
    @folder)
      compopt -o filenames 2>/dev/null
      COMPREPLY=($(compgen -d -- "$cur")) ;;
    *) COMPREPLY=($(compgen -W "$list" -- "$cur")) ;;
  esac
}

complete -o bashdefault -o default -F _kustodian kustodian
`;
}

export function zshScript(nodes: readonly Node[]): string {
  return `#compdef kustodian
# zsh completion for kustodian, printed by 'kustodian completion zsh'.
# Save it as _kustodian in a folder of $fpath, or: source <(kustodian completion zsh)

${sharedFunctions(nodes)}
_kustodian() {
  local cur="\${words[CURRENT]}" prev="\${words[CURRENT-1]}" list
  local -a before
  before=("\${(@)words[2,CURRENT-1]}")
  # --option=value: complete the value of the option.
  if [[ "$cur" == -*=* ]]; then
    prev="\${cur%%=*}"
    before+=("$prev")
    cur="\${cur#*=}"
    compset -P '*='
  fi
  list="$(_kustodian_candidates "$cur" "$prev" "\${before[@]}")"
  case "$list" in
    @file) _files ;;
    @folder) _files -/ ;;
    *) local -a candidates; candidates=(\${=list}); compadd -a candidates ;;
  esac
}

if [ "$funcstack[1]" = "_kustodian" ]; then
  _kustodian "$@"
else
  compdef _kustodian kustodian
fi
`;
}

/** A fish single-quoted string. */
const fq = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function fishValue(c: Completion): string {
  if (c === 'file') return '-r -F';
  if (c === 'folder') return `-x -a ${fq('(__fish_complete_directories)')}`;
  if (c === 'none') return '-x';
  return `-x -a ${fq(c.join(' '))}`;
}

export function fishScript(nodes: readonly Node[]): string {
  const lines = [
    "# fish completion for kustodian, printed by 'kustodian completion fish'.",
    '# Save it as ~/.config/fish/completions/kustodian.fish',
    '',
    '# The command words typed so far (options and their values left out), space-separated.',
    'function __kustodian_path',
    '    set -l tokens (commandline -opc)',
    '    set -e tokens[1]',
    '    set -l cmd',
    '    set -l skip 0',
    '    for word in $tokens',
    '        if test $skip = 1',
    '            set skip 0',
    '            continue',
    '        end',
    '        switch $word',
    '            case "-*=*"',
    '            case "-*"',
    '                contains -- $word (__kustodian_value_flags "$cmd"); and set skip 1',
    '            case "*"',
    '                contains -- $word (__kustodian_subcommands "$cmd"); and set cmd $cmd $word',
    '        end',
    '    end',
    '    echo (string join " " $cmd)',
    'end',
    '',
    'function __kustodian_subcommands',
    '    switch "$argv[1]"',
    ...nodes.filter((n) => n.subcommands.length > 0).flatMap((n) => [`        case ${fq(n.path)}`, `            string split -- ' ' ${fq(n.subcommands.map((s) => s.name).join(' '))}`]),
    '    end',
    'end',
    '',
    'function __kustodian_value_flags',
    '    switch "$argv[1]"',
    ...nodes.filter((n) => n.valueFlags.size > 0).flatMap((n) => [`        case ${fq(n.path)}`, `            string split -- ' ' ${fq([...n.valueFlags.keys()].join(' '))}`]),
    '    end',
    'end',
    '',
    'function __kustodian_at',
    '    set -l at (__kustodian_path)',
    '    test "$at" = "$argv[1]"',
    'end',
    '',
    'complete -c kustodian -f',
  ];
  for (const n of nodes) {
    const at = `-n ${fq(`__kustodian_at ${sq(n.path)}`)}`;
    for (const sub of n.subcommands) lines.push(`complete -c kustodian ${at} -a ${fq(sub.name)} -d ${fq(sub.summary)}`);
    for (const o of n.options) lines.push(`complete -c kustodian ${at} -l ${o.name}${o.short ? ` -s ${o.short}` : ''}${o.value === undefined ? '' : ` ${fishValue(o.value)}`}`);
    if (n.subcommands.length === 0 && n.positional !== 'none') {
      lines.push(
        n.positional === 'file'
          ? `complete -c kustodian ${at} -F`
          : n.positional === 'folder'
            ? `complete -c kustodian ${at} -a ${fq('(__fish_complete_directories)')}`
            : `complete -c kustodian ${at} -a ${fq(n.positional.join(' '))}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The completion script of a shell for these commands. */
export function completionScript(shell: Shell, commands: readonly CommandSpec[], rootOptions: OptionsConfig): string {
  const nodes = nodesOf(commands, rootOptions);
  return shell === 'bash' ? bashScript(nodes) : shell === 'zsh' ? zshScript(nodes) : fishScript(nodes);
}

export function runCompletion(argv: readonly string[], io: Output, commands: readonly CommandSpec[], rootOptions: OptionsConfig): number {
  const { values, positionals } = parseCommandArgs('kustodian completion', argv, COMPLETION_OPTIONS, { maxPositionals: 1 });
  if (values.help) {
    io.out(COMPLETION_HELP);
    return EXIT.ok;
  }
  const shell = positionals[0];
  if (shell === undefined) throw new UsageError(`kustodian completion: which shell? Give one of ${SHELLS.join(', ')}`);
  if (!(SHELLS as readonly string[]).includes(shell)) throw new UsageError(`kustodian completion: unknown shell '${shell}'; use one of ${SHELLS.join(', ')}`);
  io.out(completionScript(shell as Shell, commands, rootOptions));
  return EXIT.ok;
}
