import type { ShellCommand, ShellRedirect, ShellWord } from '@kustodian/manifest-model';
import { commandName } from '@kustodian/manifest-model';
import { defineRule } from '../../engine/define-rule.js';

const OUTPUT_OPERATORS = new Set(['>', '>>', '>|']);

function redirectsStdout(r: ShellRedirect): boolean {
  if (r.operator === '&>' || r.operator === '&>>') return true;
  if (r.fd !== undefined && r.fd !== 1) return false;
  return OUTPUT_OPERATORS.has(r.operator) || (r.operator === '>&' && r.target !== '2');
}

function redirectsStderr(r: ShellRedirect): boolean {
  if (r.operator === '&>' || r.operator === '&>>') return true;
  if (r.fd === undefined && r.operator === '>&' && !/^\d+$/.test(r.target)) return true;
  return r.fd === 2 && (OUTPUT_OPERATORS.has(r.operator) || r.operator === '>&');
}

/** Every command of the list writes nowhere near the caller: stdout of the last one and stderr of each are redirected. */
function outputDetached(list: readonly ShellCommand[]): boolean {
  const last = list[list.length - 1]!;
  return last.redirects.some(redirectsStdout) && list.every((c) => c.redirects.some(redirectsStderr));
}

const COMPOUND_END: Readonly<Record<string, string>> = { while: 'done', until: 'done', for: 'done', select: 'done', if: 'fi', case: 'esac' };

/** How a backgrounded list is named in the message: `ssh`, `tail | grep`, `while … done`, `( sleep … )`; and the word it starts at. */
function describeList(list: readonly ShellCommand[]): { name: string; word: ShellWord } {
  const first = list[0]!;
  const opener = first.keywords.find((k) => COMPOUND_END[k] !== undefined);
  if (opener) return { name: `${opener} … ${COMPOUND_END[opener]}`, word: first.words[0]! };
  const nameOf = (c: ShellCommand) => commandName(c) ?? c.argv[0]?.value ?? c.words[0]!.value;
  const word = first.argv[0] ?? first.words[0]!;
  if (list.slice(1).every((c) => c.joinedBy !== 'start')) return { name: list.map((c, i) => (i === 0 ? '' : ` ${c.joinedBy} `) + nameOf(c)).join(''), word };
  return { name: `( ${nameOf(first)} … )`, word };
}

/** `exec >log 2>&1`: every later command writes to the file. */
function redirectsWholeScript(command: ShellCommand): boolean {
  return commandName(command) === 'exec' && command.argv.length === 1 && command.redirects.some(redirectsStdout) && command.redirects.some(redirectsStderr);
}

/** `trap '…' EXIT` (or `0`). */
function isExitTrap(command: ShellCommand): boolean {
  return commandName(command) === 'trap' && command.argv.slice(2).some((w) => w.value === 'EXIT' || w.value === '0' || w.value === 'SIGEXIT');
}

const STOPPERS = new Set(['kill', 'pkill', 'killall', 'wait', 'disown']);

export default defineRule({
  id: 'script-background-attached',
  meta: {
    category: 'scripts',
    defaultSeverity: 'error',
    summary: 'A shell script starts a process in the background that keeps the script’s output and that nothing stops.',
    rationale:
      'Scripts are run by CI jobs, cron, editors and other scripts. A process started in the background keeps the script’s stdout and stderr: a caller that reads them (`$(…)`, a CI log, a pipe) waits until that process ends, which for a tunnel, a port-forward or a watch is never, and it outlives the script. This is the hang, whether the process is backgrounded at the top of the script or inside a `( … ) &` subshell. A background command is fine when its stdout and stderr go to a file or /dev/null (a script’s background jobs already read /dev/null), when it runs under `nohup` or `setsid`, or when the script stops it or waits for it (`kill`, `wait`, `disown`, a `trap … EXIT`), or hands over to another program with `exec` (an entrypoint that keeps a helper running beside its server). Only shell scripts are read, not code blocks in docs. Prompts are script-needs-terminal’s.',
    fix: 'Send the background process’s stdout and stderr to a log file (and its input from /dev/null), and stop it when the script ends (save `$!` in `pid`, then `trap \'kill "$pid"\' EXIT`).',
    messages: {
      background: '{{command}} is started in the background with the script’s output and nothing stops it (no redirection, nohup or setsid; no kill, wait, disown or EXIT trap): a caller without a terminal waits on it forever.',
    },
    examples: {
      invalid: [
        {
          title: 'An SSH tunnel left attached to the script',
          repo: { 'scripts/connect.sh': '#!/bin/sh\nssh -N -L 16443:127.0.0.1:6443 admin@k3s-server &\nsleep 2\nkubectl get nodes\n' },
        },
      ],
      valid: [
        {
          title: 'The tunnel detached and stopped on exit',
          repo: { 'scripts/connect.sh': '#!/bin/sh\nssh -N -L 16443:127.0.0.1:6443 admin@k3s-server </dev/null >/tmp/tunnel.log 2>&1 &\ntunnel=$!\ntrap \'kill "$tunnel"\' EXIT\nkubectl get nodes\n' },
        },
      ],
    },
  },
  check({ model, report }) {
    for (const file of model.files) {
      if (file.role !== 'shell' || file.chartRoot !== undefined) continue;
      const script = model.text.script(file.path);
      if (script === undefined) continue;
      const topLevel = script.commands.filter((c) => !c.substitution);
      const exitTrap = topLevel.some(isExitTrap);
      const globalRedirect = topLevel.findIndex(redirectsWholeScript);

      const lists = new Map<number, ShellCommand[]>();
      for (const c of topLevel) if (c.background) (lists.get(c.list) ?? lists.set(c.list, []).get(c.list)!).push(c);
      for (const list of lists.values()) {
        const first = list[0]!;
        const index = topLevel.indexOf(first);
        const runner = commandName(first);
        if (runner === 'nohup' || runner === 'setsid' || runner === 'daemonize' || runner === 'start-stop-daemon') continue;
        if (outputDetached(list) || (globalRedirect >= 0 && globalRedirect < index)) continue;
        if (exitTrap) continue;
        const later = topLevel.slice(index + list.length);
        if (later.some((c) => STOPPERS.has(commandName(c) ?? ''))) continue;
        // `exec server …` after it: the script becomes that process (a container entrypoint) and never returns to a caller.
        if (later.some((c) => commandName(c) === 'exec' && c.argv.length > 1)) continue;
        const { name, word } = describeList(list);
        report({ messageId: 'background', data: { command: name }, location: { file: file.path, line: word.line, column: word.column } });
      }
    }
  },
});
