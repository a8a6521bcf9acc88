import { createdSecretOf, findKubeCommands, flagValue, hasFlag, heredocSecretsOf, parseKubeCommand } from './kubectl-commands.js';
import type { KubeCommand } from './kubectl-commands.js';
import { parseShellScript } from './shell-lines.js';

const kube = (text: string): KubeCommand[] => findKubeCommands(parseShellScript(text));
const one = (text: string): KubeCommand => {
  const found = kube(text);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('parseKubeCommand / findKubeCommands', () => {
  it('reads verb, resource arguments and flags', () => {
    const c = one('kubectl -n database exec -it postgresql-0 -c postgres -- psql -U postgres');
    expect([c.tool, c.verb, c.args.map((a) => a.value)]).toEqual(['kubectl', 'exec', ['postgresql-0']]);
    expect(c.flags.map((f) => [f.name, f.value?.value])).toEqual([
      ['-n', 'database'],
      ['-i', undefined],
      ['-t', undefined],
      ['-c', 'postgres'],
    ]);
    expect(c.afterDoubleDash.map((a) => a.value)).toEqual(['psql', '-U', 'postgres']);
    expect(c.namespace).toEqual({ value: 'database', dynamic: false, line: 1, column: 12 });
  });

  it.each([
    ['kubectl get pods -n web', 'web', 21],
    ['kubectl get pods -nweb', 'web', 20],
    ['kubectl get pods -n=web', 'web', 21],
    ['kubectl get pods --namespace web', 'web', 30],
    ['kubectl get pods --namespace=web', 'web', 30],
    ['kubectl --namespace="$NS" get pods', '$NS', 21],
  ])('reads the namespace of %s', (text, value, column) => {
    const c = one(text);
    expect(c.namespace?.value).toBe(value);
    expect(c.namespace?.column).toBe(column);
    expect(c.namespace?.dynamic).toBe(value.startsWith('$'));
    expect(c.verb).toBe('get');
    expect(c.args.map((a) => a.value)).toEqual(['pods']);
  });

  it('reads -A and --all-namespaces, and no namespace when none is given', () => {
    expect(one('kubectl get pods -A').allNamespaces).toBe(true);
    expect(one('kubectl get pods --all-namespaces').allNamespaces).toBe(true);
    const plain = one('kubectl get pods');
    expect([plain.allNamespaces, plain.namespace]).toEqual([false, undefined]);
  });

  it('knows which short flags take a value for the verb (logs -f, -p are switches)', () => {
    const logs = one('kubectl logs -f -p deploy/web -c app --tail 20');
    expect(logs.args.map((a) => a.value)).toEqual(['deploy/web']);
    expect(flagValue(logs, '-c', '--container')?.value).toBe('app');
    expect(flagValue(logs, '--tail')?.value).toBe('20');
    const apply = one('kubectl apply -f deploy.yaml');
    expect(flagValue(apply, '-f')?.value).toBe('deploy.yaml');
    expect(apply.args).toEqual([]);
    const patch = one(`kubectl patch deploy web -p '{"spec":{}}'`);
    expect(patch.args.map((a) => a.value)).toEqual(['deploy', 'web']);
  });

  it('sees through sudo, env, timeout, watch, xargs and k3s kubectl', () => {
    for (const text of [
      'sudo -E kubectl get pods',
      'sudo -u root k3s kubectl get pods',
      'env KUBECONFIG=/x kubectl get pods',
      'KUBECONFIG=/x timeout -k 5 30 kubectl get pods',
      'watch -n 2 kubectl get pods',
      'echo a | xargs -I{} kubectl get pods',
      '/usr/local/bin/kubectl get pods',
      'if kubectl get pods; then :; fi',
    ]) {
      const found = kube(text);
      expect(found.map((c) => [c.tool, c.verb, c.namespace]), text).toEqual([['kubectl', 'get', undefined]]);
    }
  });

  it('reads flux and helm with their own flags', () => {
    const flux = one('flux -n apps get sources git');
    expect([flux.tool, flux.verb, flux.namespace?.value, flux.args.map((a) => a.value)]).toEqual(['flux', 'get', 'apps', ['sources', 'git']]);
    const helm = one('helm upgrade --install web chart/ -f values.yaml --namespace web --create-namespace');
    expect([helm.tool, helm.verb, helm.namespace?.value, helm.args.map((a) => a.value)]).toEqual(['helm', 'upgrade', 'web', ['web', 'chart/']]);
    expect(hasFlag(helm, '--create-namespace')).toBe(true);
  });

  it('ignores other commands, including kubectl as an argument', () => {
    expect(kube('echo kubectl get pods\nkubectx prod\ngrep kubectl file\n"$KUBECTL" get pods')).toEqual([]);
  });

  it('expands an alias only after the script defines it', () => {
    const found = kube('k get pods\nalias k=kubectl\nk get pods\nalias kn="kubectl -n kube-system"\nkn get pods');
    expect(found.map((c) => [c.line, c.tool, c.verb, c.namespace?.value])).toEqual([
      [3, 'kubectl', 'get', undefined],
      [5, 'kubectl', 'get', 'kube-system'],
    ]);
    expect(found[1]!.namespace).toMatchObject({ line: 5, column: 1 });
  });

  it('carries a namespace set by set-context or kubens to the commands after it, across scripts', () => {
    const first = parseShellScript('kubectl get pods\nkubectl config set-context --current --namespace=apps');
    const second = parseShellScript('kubectl get pods\nkubens other\nkubectl get svc');
    const found = findKubeCommands([first, second]);
    expect(found.map((c) => [c.verb, c.contextNamespace?.value])).toEqual([
      ['get', undefined],
      ['config', undefined],
      ['get', 'apps'],
      ['get', 'other'],
    ]);
  });

  it('finds commands inside command substitutions', () => {
    const found = kube('kubectl -n a port-forward $(kubectl get svc -l x=y -o name) 8080:80 &');
    expect(found.map((c) => [c.verb, c.namespace?.value, c.command.substitution, c.command.background])).toEqual([
      ['port-forward', 'a', false, true],
      ['get', undefined, true, false],
    ]);
  });

  it('parses a command given on its own', () => {
    const [shell] = parseShellScript('kubectl get ns').commands;
    expect(parseKubeCommand(shell!)?.verb).toBe('get');
    expect(parseKubeCommand(parseShellScript('ls -l').commands[0]!)).toBeUndefined();
  });
});

describe('createdSecretOf', () => {
  it('reads type, name, namespace and keys, never values', () => {
    const c = one('kubectl create secret generic db -n database --from-literal=password=hunter2 --from-file=ca.crt=/tmp/ca --from-file=./tls.key');
    const s = createdSecretOf(c)!;
    expect({ ...s, name: s.name.value, namespace: s.namespace?.value }).toEqual({
      tool: 'kubectl',
      type: 'generic',
      name: 'db',
      namespace: 'database',
      defaultNamespace: 'default',
      literalKeys: ['password'],
      fileKeys: ['ca.crt', 'tls.key'],
      applied: true,
    });
    expect(JSON.stringify(s)).not.toContain('hunter2');
  });

  it('keeps a key whose value comes from a variable, drops keys that are variables', () => {
    const s = createdSecretOf(one('kubectl create secret generic sops-age -n flux-system --from-file=age.agekey="$AGE_KEY_FILE" --from-literal="$K"=v'))!;
    expect(s.fileKeys).toEqual(['age.agekey']);
    expect(s.literalKeys).toEqual([]);
  });

  it('counts a dry run as applied only when piped into kubectl apply -f -', () => {
    const [piped, kept, sealed] = kube(
      [
        'kubectl create secret generic a -n x --dry-run=client -o yaml | kubectl apply -f -',
        'kubectl create secret generic b -n x --dry-run=client -o yaml > b.yaml',
        'kubectl create secret generic c -n x --dry-run=client -o yaml | kubeseal -o yaml > c.yaml',
      ].join('\n'),
    ).filter((c) => c.verb === 'create');
    expect([piped, kept, sealed].map((c) => createdSecretOf(c!)!.applied)).toEqual([true, false, false]);
  });

  it('reads flux create secret (flux-system by default, not applied with --export)', () => {
    const [created, exported] = kube('flux create secret git repo-auth --url=ssh://git@example.test/r\nflux -n apps create secret git auth --url=https://x --export > auth.yaml');
    expect(createdSecretOf(created!)).toMatchObject({ tool: 'flux', type: 'git', defaultNamespace: 'flux-system', namespace: undefined, applied: true });
    expect(createdSecretOf(exported!)).toMatchObject({ namespace: { value: 'apps' }, applied: false });
  });

  it('uses the namespace of an earlier set-context', () => {
    const [, create] = kube('kubectl config set-context --current --namespace apps\nkubectl create secret tls web-tls --cert=a --key=b');
    expect(createdSecretOf(create!)?.namespace?.value).toBe('apps');
  });

  it('is undefined for other commands', () => {
    expect(kube('kubectl create configmap x\nkubectl get secret x\nkubectl create secret').map((c) => createdSecretOf(c))).toEqual([undefined, undefined, undefined]);
  });
});

describe('heredocSecretsOf', () => {
  it('reads the Secrets a kubectl apply -f - sends from a here-document: name, namespace, keys, never values', () => {
    const script = parseShellScript('kubectl -n web apply -f - <<EOF\napiVersion: v1\nkind: Secret\nmetadata:\n  name: app-token\nstringData:\n  token: "$TOKEN"\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\nEOF\n');
    const [command] = findKubeCommands(script);
    const [secret, ...rest] = heredocSecretsOf(command!);
    expect(rest).toEqual([]);
    expect(secret).toMatchObject({ tool: 'kubectl', type: 'generic', name: { value: 'app-token', line: 5 }, namespace: { value: 'web' }, literalKeys: ['token'], applied: true });
    expect(JSON.stringify(secret)).not.toContain('TOKEN"');
  });

  it('reads nothing from a here-document that is not applied (cat > file, kubectl diff)', () => {
    const script = parseShellScript('kubectl diff -f - <<EOF\napiVersion: v1\nkind: Secret\nmetadata:\n  name: a\nEOF\n');
    expect(findKubeCommands(script).flatMap(heredocSecretsOf)).toEqual([]);
  });
});
