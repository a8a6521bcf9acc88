import { RuleTester } from '../../testing/rule-tester.js';
import rule from './script-needs-terminal.js';

const sh = (...lines: string[]) => `#!/usr/bin/env bash\n${lines.join('\n')}\n`;

new RuleTester().run(rule, {
  valid: [
    { name: 'output redirected', repo: { 'scripts/a.sh': sh('ssh -N -L 1:2:3 host </dev/null >/tmp/tunnel.log 2>&1 &', 'kubectl get nodes') } },
    { name: '&> redirects both streams', repo: { 'scripts/a.sh': sh('kubectl -n web port-forward svc/web 8080:80 &>/dev/null &') } },
    { name: 'nohup and setsid', repo: { 'scripts/a.sh': sh('nohup ssh -N host &', 'setsid -f ssh -N host &') } },
    { name: 'an EXIT trap that kills it', repo: { 'scripts/a.sh': sh('ssh -N -L 1:2:3 host &', 'pid=$!', 'trap \'kill "$pid"\' EXIT', 'kubectl get nodes') } },
    { name: 'an EXIT trap calling a cleanup function', repo: { 'scripts/a.sh': sh('cleanup() {', '  kill "$PF" 2>/dev/null || true', '}', 'trap cleanup EXIT INT', 'kubectl -n a port-forward svc/x 8080 &', 'PF=$!', 'curl localhost:8080') } },
    { name: 'the script waits for its jobs', repo: { 'scripts/a.sh': sh('for d in a b; do', '  build "$d" &', 'done', 'wait') } },
    { name: 'disown after the job', repo: { 'scripts/a.sh': sh('long-task & disown') } },
    { name: 'the script kills it later', repo: { 'scripts/a.sh': sh('kubectl -n a port-forward svc/x 8080 &', 'PF=$!', 'curl localhost:8080', 'kill $PF') } },
    { name: 'exec redirects the whole script first', repo: { 'scripts/a.sh': sh('exec >/var/log/sync.log 2>&1', 'watch-things &') } },
    { name: '& inside quotes, &&, &>, and a comment', repo: { 'scripts/a.sh': sh('echo "a & b" && echo c # run & forget', 'grep x file &>/dev/null', 'curl "https://x/?a=1&b=2"') } },
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
      name: 'an ssh tunnel in the background, at its line',
      repo: {
        'scripts/connect-to-cluster.sh': sh(
          'set -euo pipefail', // 2
          'K3S_HOST="${K3S_HOST:-admin@k3s}"', // 3
          'ssh -o BatchMode=yes "$K3S_HOST" sudo -n cat /etc/rancher/k3s/k3s.yaml \\', // 4
          '  | sed "s#6443#16443#" > ~/.kube/config', // 5
          '# the tunnel', // 6
          'ssh -N -L "16443:127.0.0.1:6443" "$K3S_HOST" &', // 7
          'sleep 2', // 8
          'kubectl get nodes', // 9
        ),
      },
      findings: [
        {
          messageId: 'background',
          file: 'scripts/connect-to-cluster.sh',
          line: 7,
          column: 1,
          message: 'ssh is started in the background with the script’s output and nothing stops it (no redirection, nohup or setsid; no kill, wait, disown or EXIT trap): a caller without a terminal waits on it forever.',
        },
      ],
    },
    {
      name: 'stdout alone, or a pipeline with one stream left, is not detached',
      repo: { 'scripts/a.sh': sh('kubectl -n a port-forward svc/x 8080 >/tmp/pf.log &', 'tail -f log | grep error >/tmp/err 2>&1 &') },
      findings: [
        { messageId: 'background', file: 'scripts/a.sh', line: 2 },
        { messageId: 'background', file: 'scripts/a.sh', line: 3, message: 'tail | grep is started in the background with the script’s output and nothing stops it (no redirection, nohup or setsid; no kill, wait, disown or EXIT trap): a caller without a terminal waits on it forever.' },
      ],
    },
    {
      name: 'jobs before a kill are stopped by it, a job started after it is not',
      repo: {
        'scripts/a.sh': sh(
          'kubectl -n a port-forward svc/x 8080 &', // 2
          '( sleep 60; echo late ) &', // 3
          'kill %1', // 4
          'if true; then', // 5
          '  kubectl -n b port-forward svc/y 9090 &', // 6
          'fi', // 7
        ),
      },
      findings: [
        { messageId: 'background', file: 'scripts/a.sh', line: 6, column: 3, message: 'kubectl is started in the background with the script’s output and nothing stops it (no redirection, nohup or setsid; no kill, wait, disown or EXIT trap): a caller without a terminal waits on it forever.' },
      ],
    },
    {
      name: 'one finding per backgrounded list, at its first command',
      repo: { 'scripts/a.sh': sh('a | b &', 'c && d &', '( e; f ) &', 'while true; do', '  kubectl get pods -A', '  sleep 5', 'done &') },
      findings: [
        { messageId: 'background', file: 'scripts/a.sh', line: 2 },
        { messageId: 'background', file: 'scripts/a.sh', line: 3, message: 'c && d is started in the background with the script’s output and nothing stops it (no redirection, nohup or setsid; no kill, wait, disown or EXIT trap): a caller without a terminal waits on it forever.' },
        { messageId: 'background', file: 'scripts/a.sh', line: 4, column: 3, message: '( e … ) is started in the background with the script’s output and nothing stops it (no redirection, nohup or setsid; no kill, wait, disown or EXIT trap): a caller without a terminal waits on it forever.' },
        { messageId: 'background', file: 'scripts/a.sh', line: 5, column: 1, message: 'while … done is started in the background with the script’s output and nothing stops it (no redirection, nohup or setsid; no kill, wait, disown or EXIT trap): a caller without a terminal waits on it forever.' },
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
    {
      name: 'a script without extension recognised by its shebang',
      repo: { 'bin/tunnel': '#!/bin/bash\nkubectl -n a port-forward svc/x 8080 &\n' },
      findings: [{ messageId: 'background', file: 'bin/tunnel', line: 2 }],
    },
  ],
});
