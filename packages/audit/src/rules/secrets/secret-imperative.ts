import { ANY_NAMESPACE, compareLocations, describeResource, isGitDefinition } from '@kustodian/manifest-model';
import type { SourceLocation } from '@kustodian/manifest-model';
import { defineRule } from '../../engine/define-rule.js';
import type { RelatedInput } from '../../engine/finding.js';

export default defineRule({
  id: 'secret-imperative',
  meta: {
    category: 'secrets',
    defaultSeverity: 'warning',
    summary: 'A script or a doc creates a Secret with kubectl or flux that no manifest in git defines.',
    rationale:
      'A Secret made by `kubectl create secret` (or `flux create secret`) in a bootstrap script or a runbook exists only in the cluster. When the cluster is rebuilt, nothing in git says it is needed, what it holds or who made it; it is the step everybody forgets, and whatever reads it fails until someone finds the command again. Each such Secret should be either committed (encrypted with SOPS) or declared in kustodian.yaml under `secrets.external` with what creates it. A Secret counts as in git when a manifest in the repository defines it (applied or not), when a resource creates it (an ExternalSecret, a cert-manager Certificate …), or when `secrets.external` lists it. A dry run counts only when it is piped into `kubectl apply -f -`; a command whose Secret name or namespace comes from a variable is matched by name only, or skipped when the name is not known.',
    fix: 'Commit the Secret encrypted with SOPS, or declare it in kustodian.yaml under `secrets.external` (name, namespace, createdBy: bootstrap or manual, a note on where the value lives).',
    messages: {
      imperative: 'Secret {{secret}} is created by {{where}}; not in git — document it in kustodian.yaml secrets.external or commit it encrypted.',
      imperativeRead: 'Secret {{secret}}, read by {{readers}}, is created by {{where}}; not in git — document it in kustodian.yaml secrets.external or commit it encrypted.',
    },
    related: {
      creator: 'Every other command (script, Taskfile, doc) that creates it.',
      consumer: 'Every object Flux applies that reads it.',
    },
    examples: {
      invalid: [
        {
          title: 'A bootstrap script creates the age key Secret that the Flux Kustomizations decrypt with',
          repo: {
            'scripts/bootstrap.sh': '#!/bin/sh\nkubectl create secret generic sops-age -n flux-system \\\n  --from-file=age.agekey="$AGE_KEY_FILE"\n',
            'clusters/home/apps.yaml':
              'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\n  namespace: flux-system\nspec:\n  path: ./apps\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n  decryption:\n    provider: sops\n    secretRef:\n      name: sops-age\n',
            'apps/kustomization.yaml': 'resources: []\n',
          },
        },
      ],
      valid: [
        {
          title: 'The same Secret, declared as created by bootstrap',
          repo: {
            'kustodian.yaml': 'secrets:\n  external:\n    - name: sops-age\n      namespace: flux-system\n      createdBy: bootstrap\n      note: scripts/bootstrap.sh, from the age key in the password manager\n',
            'scripts/bootstrap.sh': '#!/bin/sh\nkubectl create secret generic sops-age -n flux-system \\\n  --from-file=age.agekey="$AGE_KEY_FILE"\n',
          },
        },
      ],
    },
  },
  check({ model, report }) {
    // One finding per Secret: at its first creating command, with the other commands and its readers related.
    const groups = new Map<string, { namespace: string; name: string; creators: SourceLocation[] }>();
    for (const entry of model.secrets.entries()) {
      for (const definition of entry.definitions) {
        if (definition.type !== 'command') continue;
        const anyNamespace = entry.namespace === ANY_NAMESPACE;
        // kubectl without -n creates it in the context's namespace: which one is not known, so any Secret of that name counts.
        const accounted = anyNamespace
          ? model.secrets.definedInSomeNamespace(entry.name, isGitDefinition)
          : model.secrets.definitions(entry.namespace, entry.name).some(isGitDefinition);
        if (accounted) continue;
        const key = `${entry.namespace}/${entry.name}`;
        const group = groups.get(key) ?? groups.set(key, { namespace: entry.namespace, name: entry.name, creators: [] }).get(key)!;
        group.creators.push(definition.location);
      }
    }
    const entries = model.secrets.entries();
    // A Secret nothing reads is secret-unused's: the advice to document it is moot.
    const unused = new Set(model.secrets.unusedCreated().map((c) => `${c.namespace}/${c.name}`));
    for (const { namespace, name, creators } of groups.values()) {
      if (unused.has(`${namespace}/${name}`)) continue;
      const anyNamespace = namespace === ANY_NAMESPACE;
      const [first, ...others] = [...creators].sort(compareLocations);
      const readers = (anyNamespace ? entries.filter((e) => e.name === name).flatMap((e) => e.consumers) : model.secrets.consumers(namespace, name)).filter((c) => c.referrer !== undefined);
      const related: RelatedInput[] = [
        ...others.map((location): RelatedInput => ({ role: 'creator', location })),
        ...readers.map((c): RelatedInput => ({ role: 'consumer', location: c.reference.location, resource: c.referrer })),
      ];
      const secret = anyNamespace ? `${name} (in the context’s namespace)` : `${namespace}/${name}`;
      const where = `${first!.file}:${first!.line}${others.length > 0 ? ` (and ${others.length} more ${others.length === 1 ? 'place' : 'places'})` : ''}`;
      const common = { location: { file: first!.file, line: first!.line, column: first!.column }, resource: { apiVersion: 'v1', kind: 'Secret', namespace: anyNamespace ? null : namespace, name }, related };
      const names = [...new Set(readers.map((c) => describeResource(c.referrer!)))];
      if (names.length === 0) report({ messageId: 'imperative', data: { secret, where }, ...common });
      else report({ messageId: 'imperativeRead', data: { secret, where, readers: names.length <= 2 ? names.join(' and ') : `${names[0]} and ${names.length - 1} more` }, ...common });
    }
  },
});
