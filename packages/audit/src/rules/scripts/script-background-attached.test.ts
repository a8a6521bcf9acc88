import { RuleTester } from '../../testing/rule-tester.js';
import rule from './script-background-attached.js';

const sh = (...lines: string[]) => `#!/usr/bin/env bash\n${lines.join('\n')}\n`;

new RuleTester().run(rule, {
  valid: [
    { name: 'an entrypoint that keeps a helper beside the server it execs', repo: { 'scripts/entry.sh': sh('mkfifo /tmp/in', '( sleep infinity > /tmp/in ) &', 'exec /app/server "$@" < /tmp/in') } },
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
    { name: 'Markdown code blocks are not scripts', repo: { 'README.md': '```sh\nssh -N -L 1:2:3 host &\nread -p "ok?" x\n```\n' } },
  ],
  invalid: [
    {
      name: 'a process backgrounded inside a subshell, which nothing can stop once the subshell is gone',
      repo: { 'scripts/a.sh': sh('( ssh -N -L 1:2:3 host & )', 'kubectl get nodes') },
      findings: [{ messageId: 'background', file: 'scripts/a.sh', line: 2, column: 3 }],
    },
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
      name: 'a script without extension recognised by its shebang',
      repo: { 'bin/tunnel': '#!/bin/bash\nkubectl -n a port-forward svc/x 8080 &\n' },
      findings: [{ messageId: 'background', file: 'bin/tunnel', line: 2 }],
    },
  ],
});
