import type { ShellCommand } from '@kustodian/manifest-model';
import { commandName } from '@kustodian/manifest-model';
import { defineRule } from '../../engine/define-rule.js';

/** `[ -t 0 ]`, `[[ -t 1 ]]`, `test -t 0`, `tty -s`: the script checks for a terminal before prompting. */
function checksTerminal(command: ShellCommand): boolean {
  const words = command.words.map((w) => w.value);
  if (commandName(command) === 'tty' && words.includes('-s')) return true;
  const tIndex = words.indexOf('-t');
  return tIndex >= 0 && /^\d$/.test(words[tIndex + 1] ?? '') && (words.includes('[') || words.includes('[[') || words.includes('test'));
}

/** Options of `read` that take a value. */
const READ_VALUE_OPTIONS = 'adinNptu';

/** The `read` reads the terminal: no timeout, no other descriptor, no redirected or piped input, not a loop condition. */
function readsTerminal(command: ShellCommand): boolean {
  if (commandName(command) !== 'read' || command.substitution) return false;
  if (command.keywords.includes('while') || command.keywords.includes('until')) return false;
  if (command.pipedInput) return false;
  if (command.redirects.some((r) => (r.fd === undefined || r.fd === 0) && ['<', '<<', '<<-', '<<<', '<&', '<>'].includes(r.operator))) return false;
  const args = command.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === '--' || !v.startsWith('-') || v.length < 2) break;
    for (let k = 1; k < v.length; k++) {
      const ch = v[k]!;
      // -t: a timeout; -u: another descriptor; zsh's -c, -l, -z read completion words or the buffer stack.
      if ('tuclz'.includes(ch)) return false;
      if (READ_VALUE_OPTIONS.includes(ch)) {
        if (k === v.length - 1) i++;
        break;
      }
    }
  }
  return true;
}

/** `ssh` that may ask on the terminal: no `-o BatchMode=yes` (a password, a key passphrase, an unknown host key). */
function sshPrompts(command: ShellCommand): boolean {
  if (commandName(command) !== 'ssh') return false;
  const args = command.argv.slice(1).map((w) => w.value);
  return !args.some((a, i) => /^-oBatchMode[= ]yes$/i.test(a) || (a === '-o' && /^BatchMode[= ]yes$/i.test(args[i + 1] ?? '')));
}

/** `sudo` that may ask for a password: no `-n` (`--non-interactive`), and not reading it from a pipe (`-S`). */
function sudoPrompts(command: ShellCommand): boolean {
  if (commandName(command) !== 'sudo') return false;
  for (const word of command.argv.slice(1)) {
    const a = word.value;
    if (a === '--non-interactive' || a === '--stdin') return false;
    if (a === '--' || !a.startsWith('-') || a.startsWith('--')) break;
    if (/[nS]/.test(a.slice(1))) return false;
  }
  return true;
}

export default defineRule({
  id: 'script-needs-terminal',
  meta: {
    category: 'scripts',
    defaultSeverity: 'warning',
    summary: 'A shell script prompts on the terminal and never checks that it has one.',
    rationale:
      'Scripts are run by CI jobs, cron, editors and other scripts, with no one at the terminal. A prompt then hangs the script, reads its caller’s input, or fails halfway through a bootstrap. A `read` prompts unless it has a timeout (`-t`), reads another descriptor (`-u`) or redirected input, or is a `while read` loop; `select` always does; `ssh` asks for a password, a key passphrase or an unknown host key unless it runs with `-o BatchMode=yes`; `sudo` asks for a password unless it runs with `-n`. A script that checks for a terminal (`[ -t 0 ]`, `tty -s`) is taken to handle both cases. Only shell scripts are read, not code blocks in docs. A background process that hangs its caller is script-background-attached’s.',
    fix: 'To run it unattended: give `read` a timeout (`read -t 30`) or a default when there is no terminal (`[ -t 0 ] || answer=yes`); take the choice of a `select` from an argument or a variable; run `ssh -o BatchMode=yes` with a key and a known_hosts entry; run `sudo -n` with a sudoers rule for the command.',
    messages: {
      prompt: 'read waits for an answer on the terminal (no -t timeout, no redirected input, no [ -t 0 ] check): without a terminal the script hangs or reads its caller’s input.',
      select: 'select asks for a choice on the terminal, and the script never checks for one: unattended it hangs or reads its caller’s input.',
      ssh: 'ssh may ask for a password, a key passphrase or a host key on the terminal (no -o BatchMode=yes), and the script never checks for one: unattended it waits or fails.',
      sudo: 'sudo may ask for a password on the terminal (no -n), and the script never checks for one: unattended it waits or fails.',
    },
    examples: {
      invalid: [
        {
          title: 'A confirmation prompt in a reset script',
          repo: { 'scripts/reset.sh': '#!/bin/sh\nread -r -p "Delete the cluster? " answer\n[ "$answer" = yes ] && k3s-uninstall.sh\n' },
        },
      ],
      valid: [
        {
          title: 'The prompt only when there is a terminal, and batch ssh',
          repo: { 'scripts/reset.sh': '#!/bin/sh\nif [ -t 0 ]; then\n  read -r -p "Delete the cluster? " answer\nelse\n  answer="${CONFIRM:-no}"\nfi\nssh -o BatchMode=yes admin@k3s sudo -n k3s-uninstall.sh\n' },
        },
      ],
    },
  },
  check({ model, report }) {
    for (const file of model.files) {
      if (file.role !== 'shell' || file.chartRoot !== undefined) continue;
      const script = model.text.script(file.path);
      if (script === undefined) continue;
      const commands = script.commands;
      if (commands.some(checksTerminal)) continue;
      for (const c of commands) {
        const word = c.argv[0];
        const at = (w: { line: number; column: number }) => ({ file: file.path, line: w.line, column: w.column });
        if (c.keywords.includes('select') && !c.pipedInput && !c.redirects.some((r) => (r.fd === undefined || r.fd === 0) && r.operator.startsWith('<'))) {
          const keyword = c.words.find((w) => w.value === 'select') ?? c.words[0]!;
          report({ messageId: 'select', location: at(keyword) });
        }
        if (!word) continue;
        if (readsTerminal(c)) report({ messageId: 'prompt', location: at(word) });
        // A backgrounded ssh or sudo is script-background-attached's: its prompt is part of that hang.
        else if (c.background) continue;
        else if (sshPrompts(c)) report({ messageId: 'ssh', location: at(word) });
        else if (sudoPrompts(c)) report({ messageId: 'sudo', location: at(word) });
      }
    }
  },
});
