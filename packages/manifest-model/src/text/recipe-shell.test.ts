import { describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../fs/memory-file-system.js';
import { loadRepository } from '../model/load-repository.js';
import { recipeFileKind, recipeShell } from './recipe-shell.js';

describe('recipeFileKind', () => {
  it('knows task runners and bootstrap files by their names', () => {
    expect(['Taskfile.yml', 'Taskfile.yaml', 'taskfile.dist.yaml', '.taskfiles/flux/Taskfile.yaml', '.taskfiles/bootstrap/tasks.yaml'].map(recipeFileKind)).toEqual(Array(5).fill('taskfile'));
    expect(['justfile', '.justfile', 'kubernetes/mod.just'].map(recipeFileKind)).toEqual(Array(3).fill('justfile'));
    expect(['Makefile', 'makefile', 'build/common.mk'].map(recipeFileKind)).toEqual(Array(3).fill('makefile'));
    expect(['helmfile.yaml', 'bootstrap/helmfile.yaml.gotmpl', 'helmfile.d/00-crds.yaml'].map(recipeFileKind)).toEqual(Array(3).fill('helmfile'));
    expect(recipeFileKind('scripts/bootstrap.sh.j2')).toBe('shell-template');
    expect(['apps/web/deployment.yaml', 'README.md', 'scripts/run.sh'].map(recipeFileKind)).toEqual([undefined, undefined, undefined]);
  });
});

describe('recipeShell', () => {
  it('reads every cmd of a Taskfile (strings, cmd: mappings, block scalars) with its line', () => {
    const taskfile = [
      'version: "3"',
      'tasks:',
      '  age:',
      '    cmds:',
      '      - kubectl create secret generic sops-age --namespace=flux-system --from-file=age.agekey=/dev/stdin',
      '      - cmd: flux check',
      '      - task: other',
      '      - |',
      '        kubectl -n flux-system apply --server-side \\',
      '          -k kubernetes/flux',
      '    preconditions:',
      '      - sh: test -f age.key',
    ].join('\n');
    expect(recipeShell('taskfile', taskfile)).toEqual([
      { text: 'kubectl create secret generic sops-age --namespace=flux-system --from-file=age.agekey=/dev/stdin', line: 5, column: 9 },
      { text: 'flux check', line: 6, column: 14 },
      { text: 'kubectl -n flux-system apply --server-side \\\n  -k kubernetes/flux\n', line: 9, column: 9 },
      { text: 'test -f age.key', line: 12, column: 13 },
    ]);
  });

  it('reads the recipes of a justfile and a Makefile, not their variables and settings', () => {
    const justfile = 'set shell := ["bash", "-c"]\nns := "flux-system"\n\nbootstrap cluster="main": check\n    @kubectl create namespace flux-system\n    -kubectl apply -k kubernetes/flux\n\ncheck:\n\tflux check --pre\n';
    expect(recipeShell('justfile', justfile)).toEqual([
      { text: 'kubectl create namespace flux-system', line: 5, column: 6 },
      { text: 'kubectl apply -k kubernetes/flux', line: 6, column: 6 },
      { text: 'flux check --pre', line: 9, column: 2 },
    ]);
    const makefile = 'NS ?= flux-system\n\n.PHONY: secret\nsecret:\n\t@kubectl -n $(NS) create secret generic sops-age --from-file=age.agekey=$$HOME/age.key\n';
    expect(recipeShell('makefile', makefile)).toEqual([{ text: 'kubectl -n $(NS) create secret generic sops-age --from-file=age.agekey=$HOME/age.key', line: 5, column: 3 }]);
  });

  it('reads helmfile hooks as command lines, around template lines', () => {
    const helmfile = [
      '{{ $x := "y" }}',
      'releases:',
      '  - name: cilium',
      '    namespace: kube-system',
      '    hooks:',
      '      - events: [postsync]',
      '        command: kubectl',
      '        args: [apply, --namespace, kube-system, --server-side, --filename, "{{ requiredEnv \\"ROOT\\" }}/crds.yaml"]',
    ].join('\n');
    expect(recipeShell('helmfile', helmfile)).toEqual([{ text: `kubectl apply --namespace kube-system --server-side --filename '{{ requiredEnv "ROOT" }}/crds.yaml'`, line: 7, column: 18 }]);
  });
});

describe('the model reads task files as shell', () => {
  it('takes a Secret a Taskfile creates as defined by that command, at its line', () => {
    const model = loadRepository(
      new MemoryFileSystem({
        'clusters/home/kustomization.yaml': 'resources: [flux.yaml]\n',
        'clusters/home/flux.yaml': 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: apps, namespace: flux-system}\nspec:\n  path: ./apps\n  prune: true\n  sourceRef: {kind: GitRepository, name: flux-system}\n  decryption: {provider: sops, secretRef: {name: sops-age}}\n',
        'apps/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: default}\n',
        '.taskfiles/bootstrap/Taskfile.yaml': 'version: "3"\ntasks:\n  age:\n    cmds:\n      - cat age.key | kubectl -n flux-system create secret generic sops-age --from-file=age.agekey=/dev/stdin\n',
      }),
    );
    expect(model.secrets.definitions('flux-system', 'sops-age')).toEqual([{ type: 'command', tool: 'kubectl', location: { file: '.taskfiles/bootstrap/Taskfile.yaml', line: 5, column: 23 } }]);
  });
});
