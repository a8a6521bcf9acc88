import { RuleTester } from '../../testing/rule-tester.js';
import rule from './namespace-implicit-command.js';

new RuleTester().run(rule, {
  valid: [
    {
      name: 'template text in a doc: placeholders are not names, and -n <ns> is not a redirection',
      repo: { 'docs/run.md': '# Run\n\n```sh\nkubectl -n <namespace> logs <pod-name>\nkubectl logs [POD]\nkubectl exec -it {pod} -- sh\nkubectl logs ...\nkubectl delete pod <pod-name> -n <ns>\n```\n' },
    },
    {
      name: 'cluster-scoped commands need no namespace',
      repo: { 'scripts/a.sh': '#!/bin/sh\nkubectl get nodes\nkubectl delete namespace old\nkubectl get pv\nkubectl apply -f apps/web/deployment.yaml\nkubectl get crds\n' },
    },
    {
      name: 'a namespace set for the commands that follow: set-context, KUBECTL_NAMESPACE, an alias with -n',
      repo: { 'scripts/a.sh': '#!/bin/sh\nkubectl config set-context --current --namespace=media\nkubectl logs deploy/plex\n', 'scripts/b.sh': '#!/bin/sh\nexport KUBECTL_NAMESPACE=media\nkubectl logs deploy/plex\nalias k="kubectl -n media"\nk logs deploy/x\n' },
    },
    {
      name: 'commands with -n, --namespace, -A and a namespace from a variable',
      repo: {
        'scripts/ops.sh': [
          '#!/bin/sh',
          'kubectl -n database get pods',
          'kubectl get pods --namespace=database',
          'kubectl logs -f deploy/web -nweb',
          'kubectl get helmreleases -A',
          'kubectl get pods --all-namespaces',
          'kubectl -n "$NS" exec -it "$POD" -- sh',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'cluster-scoped kinds, files and kustomizations, and commands that touch no object',
      repo: {
        'scripts/ops.sh': [
          '#!/bin/sh',
          'kubectl get nodes -o wide',
          'kubectl get ns',
          'kubectl describe node k3s-server',
          'kubectl get pv,storageclass',
          'kubectl delete crd helmreleases.helm.toolkit.fluxcd.io',
          'kubectl get clusterroles',
          'kubectl apply -f deployment.yaml',
          'kubectl apply -k clusters/home/flux-system',
          'kubectl delete -f https://example.test/crds.yaml',
          'kubectl apply --server-side -f - <<EOF',
          'apiVersion: v1',
          'kind: ConfigMap',
          'EOF',
          'kubectl version',
          'kubectl config use-context home',
          'kubectl cluster-info',
          'kubectl api-resources',
          'kubectl create namespace web',
          'kubectl debug node/k3s-server -it --image=busybox',
          'kubectl cp database/postgresql-0:/tmp/dump.sql ./dump.sql',
          'kubectl get "$KIND"',
          'kubectl get volumes',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'a namespace set earlier with set-context or kubens, also in an earlier code block',
      repo: {
        'scripts/ops.sh': '#!/bin/sh\nkubectl config set-context --current --namespace=database\nkubectl get pods\n',
        'docs/runbook.md': '```sh\nkubens database\n```\n\nThen:\n\n```sh\nkubectl exec -it postgresql-0 -- psql\n```\n',
      },
    },
    {
      name: 'a dry run kept on disk, or applied with a namespace',
      repo: {
        'scripts/secrets.sh': [
          '#!/bin/sh',
          'kubectl create secret generic x --from-literal=a=b --dry-run=client -o yaml > x.yaml',
          'kubectl create secret generic y --from-literal=a=b --dry-run=client -o yaml | sops -e /dev/stdin > y.sops.yaml',
          'kubectl create secret generic z --from-literal=a=b --dry-run=client -o yaml | kubectl apply -n flux-system -f -',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'Markdown: YAML blocks, inline code and other tools',
      repo: {
        'README.md': 'Run `kubectl get pods` to see them.\n\n```yaml\ncommand: kubectl get pods\n```\n\n```sh\nflux get kustomizations\nhelm list\n```\n',
      },
    },
  ],
  invalid: [
    {
      name: 'pod commands and namespaced kinds in a script, at the kubectl word',
      repo: {
        'scripts/ops.sh': [
          '#!/bin/sh', // 1
          'kubectl get pods', // 2
          'kubectl logs deploy/web --tail=20', // 3
          'sudo k3s kubectl exec -it web-0 -- sh', // 4
          'kubectl rollout restart deploy/web', // 5
          'kubectl get nodes,pods', // 6
          'kubectl delete pvc data-postgresql-0', // 7
          'kubectl -n web port-forward $(kubectl get svc -l app=web -o name) 8080:80', // 8
          'kubectl get volumes.longhorn.io', // 9
          'kubectl create configmap cfg --from-literal=a=b', // 10
          '',
        ].join('\n'),
      },
      findings: [
        { messageId: 'noNamespace', file: 'scripts/ops.sh', line: 2, column: 1, message: '`kubectl get pods` gives no namespace (-n, --namespace or -A): it acts in the current context’s namespace, usually default.' },
        { messageId: 'noNamespace', file: 'scripts/ops.sh', line: 3, message: '`kubectl logs deploy/web` gives no namespace (-n, --namespace or -A): it acts in the current context’s namespace, usually default.' },
        { messageId: 'noNamespace', file: 'scripts/ops.sh', line: 4, column: 10 },
        { messageId: 'noNamespace', file: 'scripts/ops.sh', line: 5, message: '`kubectl rollout restart deploy/web` gives no namespace (-n, --namespace or -A): it acts in the current context’s namespace, usually default.' },
        { messageId: 'noNamespace', file: 'scripts/ops.sh', line: 6 },
        { messageId: 'noNamespace', file: 'scripts/ops.sh', line: 7 },
        { messageId: 'noNamespace', file: 'scripts/ops.sh', line: 8, column: 31 },
        { messageId: 'noNamespace', file: 'scripts/ops.sh', line: 9 },
        { messageId: 'noNamespace', file: 'scripts/ops.sh', line: 10 },
      ],
    },
    {
      name: 'a dry-run Secret piped into kubectl apply without a namespace',
      repo: {
        'scripts/bootstrap.sh': '#!/bin/sh\nkubectl create secret generic sops-age \\\n  --from-file=age.agekey="$KEY" \\\n  --dry-run=client -o yaml | kubectl apply -f -\n',
      },
      findings: [{ messageId: 'noNamespace', file: 'scripts/bootstrap.sh', line: 2, message: '`kubectl create secret` gives no namespace (-n, --namespace or -A): it acts in the current context’s namespace, usually default.' }],
    },
    {
      name: 'Markdown code blocks: sh, console with prompts, and no language; before a set-context only',
      repo: {
        'docs/runbook.md': [
          '# Runbook', // 1
          '', // 2
          '```console', // 3
          '$ kubectl get pods', // 4
          'NAME READY', // 5
          '```', // 6
          '', // 7
          '```', // 8
          'kubectl describe pod web-0', // 9
          '```', // 10
          '', // 11
          '```bash', // 12
          'kubectl config set-context --current --namespace web', // 13
          'kubectl get pods', // 14
          '```', // 15
          '',
        ].join('\n'),
      },
      findings: [
        { messageId: 'noNamespace', file: 'docs/runbook.md', line: 4, column: 3 },
        { messageId: 'noNamespace', file: 'docs/runbook.md', line: 9, column: 1 },
      ],
    },
  ],
});
