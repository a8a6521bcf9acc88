import { describe, expect, it } from 'vitest';
import { modelOf } from '../../test/memory-repo.js';
import { commandCreatedSecrets, secretCreatedBy } from './command-created-secrets.js';

describe('secretCreatedBy', () => {
  it.each([
    ['kubectl create secret generic sops-age --namespace=flux-system --from-file=age.agekey=key.txt', { name: 'sops-age', namespace: 'flux-system' }],
    ['kubectl -n db create secret generic pg --from-literal=password=x', { name: 'pg', namespace: 'db' }],
    ['kubectl --context home create secret generic pg', { name: 'pg', namespace: undefined }],
    ['kubectl create secret tls web-tls -n web --cert=a --key=b', { name: 'web-tls', namespace: 'web' }],
    ['flux create secret git flux-system --url=ssh://git@example.com/repo', { name: 'flux-system', namespace: undefined }],
    ['kubectl create secret generic "$NAME" -n web', undefined],
    ['kubectl create secret generic | tee out', undefined],
    ['kubectl get secret pg -o yaml', undefined],
  ])('%s', (line, expected) => {
    expect(secretCreatedBy(line)).toEqual(expected);
  });

  it('skips a quoted name and what is piped into the next command', () => {
    expect(secretCreatedBy("kubectl create secret generic 'pg' --dry-run=client -o yaml | kubectl apply -n other -f -")).toEqual({ name: 'pg', namespace: undefined });
  });
});

describe('commandCreatedSecrets', () => {
  it('finds commands in scripts (continued lines joined) and Markdown, with the line they start on', () => {
    const model = modelOf(
      {},
      {
        'scripts/setup.sh': '#!/bin/sh\nset -eu\nkubectl create secret generic api \\\n  --namespace web \\\n  --from-literal=KEY=x\n',
        'docs/howto.md': '# How to\n\n```sh\nflux create secret helm charts -n flux-system --username=u\n```\n',
      },
    );
    expect(commandCreatedSecrets(model)).toEqual([
      { name: 'charts', namespace: 'flux-system', file: 'docs/howto.md', line: 4 },
      { name: 'api', namespace: 'web', file: 'scripts/setup.sh', line: 3 },
    ]);
  });
});
