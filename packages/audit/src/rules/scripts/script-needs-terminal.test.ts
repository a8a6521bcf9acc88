import { RuleTester } from '../../testing/rule-tester.js';
import rule from './script-needs-terminal.js';

const sh = (...lines: string[]) => `#!/usr/bin/env bash\n${lines.join('\n')}\n`;

new RuleTester().run(rule, {
  valid: [
    {
      name: 'ssh in batch mode, sudo -n, sudo reading its password from a pipe, select from a file',
      repo: {
        'scripts/a.sh': sh(
          'ssh -o BatchMode=yes admin@k3s sudo cat /etc/rancher/k3s/k3s.yaml',
          'ssh -oBatchMode=yes admin@k3s true',
          'scp file host:',
          'sudo -n systemctl restart k3s',
          'sudo -nE true',
          'printf "%s\\n" "$PASS" | sudo -S true',
          'select env in dev prod; do break; done < choices.txt',
        ),
      },
    },
    { name: 'a terminal check covers ssh and sudo too', repo: { 'scripts/a.sh': sh('[ -t 0 ] || { echo "run me in a terminal"; exit 1; }', 'ssh admin@k3s', 'sudo reboot') } },
    {
      name: 'reads that do not need a terminal',
      repo: {
        'scripts/a.sh': sh(
          'read -t 30 -r answer',
          'read -rt 5 answer',
          'read -r line < /etc/hostname',
          'read -r a b <<< "$pair"',
          'printf "x\\n" | read -r y',
          'while IFS= read -r -d $\'\\0\' file; do echo "$file"; done < <(find . -print0)',
          'find . | while read -r f; do echo "$f"; done',
          'read -u 3 line',
          'readonly NAME=x',
          'git log -1 --pretty=format:%an%n%ae | (',
          '  read -r author',
          '  read -r email',
          ')',
          'while read -r host; do',
          '  read -r port',
          'done < hosts.txt',
          '{ read -r first; read -r second; } < pair.txt',
          'read -Ac words',
          'read -r -d "" TEXT <<\'EOF\'',
          'body',
          'EOF',
        ),
      },
    },
    { name: 'a terminal check guards the prompt', repo: { 'scripts/a.sh': sh('if [ -t 0 ]; then', '  read -r -p "Continue? " answer', 'fi') } },
    { name: 'Markdown code blocks are not scripts', repo: { 'README.md': '```sh\nssh -N -L 1:2:3 host &\nread -p "ok?" x\n```\n' } },
  ],
  invalid: [
    {
      name: 'select, ssh without BatchMode and sudo without -n, each at its word, saying how to run unattended',
      repo: { 'scripts/a.sh': sh('select env in dev prod; do', '  break', 'done', 'ssh -N admin@k3s', 'KUBECONFIG=$(ssh admin@k3s sudo cat /etc/k3s.yaml)', 'sudo -u root k3s-killall.sh') },
      findings: [
        { messageId: 'select', file: 'scripts/a.sh', line: 2, column: 1, message: 'select asks for a choice on the terminal, and the script never checks for one: unattended it hangs or reads its caller’s input.' },
        { messageId: 'ssh', file: 'scripts/a.sh', line: 5, column: 1, message: 'ssh may ask for a password, a key passphrase or a host key on the terminal (no -o BatchMode=yes), and the script never checks for one: unattended it waits or fails.' },
        { messageId: 'ssh', file: 'scripts/a.sh', line: 6, column: 14 },
        { messageId: 'sudo', file: 'scripts/a.sh', line: 7, column: 1, message: 'sudo may ask for a password on the terminal (no -n), and the script never checks for one: unattended it waits or fails.' },
      ],
    },
    {
      name: 'prompts without a timeout or a terminal check, at the read',
      repo: { 'scripts/a.sh': sh('echo "Delete everything?"', 'read -r answer', 'read -s -p "Password: " password', 'while true; do', '  read -p "again? " x', 'done') },
      findings: [
        {
          messageId: 'prompt',
          file: 'scripts/a.sh',
          line: 3,
          column: 1,
          message: 'read waits for an answer on the terminal (no -t timeout, no redirected input, no [ -t 0 ] check): without a terminal the script hangs or reads its caller’s input.',
        },
        { messageId: 'prompt', file: 'scripts/a.sh', line: 4 },
        { messageId: 'prompt', file: 'scripts/a.sh', line: 6, column: 3 },
      ],
    },
  ],
});
