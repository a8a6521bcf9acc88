import { ANY_NAMESPACE, isGitDefinition } from '@kustodian/manifest-model';
import { defineRule } from '../../engine/define-rule.js';

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
    },
    examples: {
      invalid: [
        {
          title: 'A bootstrap script creates the age key Secret',
          repo: {
            'scripts/bootstrap.sh': '#!/bin/sh\nkubectl create secret generic sops-age -n flux-system \\\n  --from-file=age.agekey="$AGE_KEY_FILE"\n',
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
    const reported = new Set<string>();
    for (const entry of model.secrets.entries()) {
      for (const definition of entry.definitions) {
        if (definition.type !== 'command') continue;
        const anyNamespace = entry.namespace === ANY_NAMESPACE;
        // kubectl without -n creates it in the context's namespace: which one is not known, so any Secret of that name counts.
        const accounted = anyNamespace
          ? model.secrets.definedInSomeNamespace(entry.name, isGitDefinition)
          : model.secrets.definitions(entry.namespace, entry.name).some(isGitDefinition);
        const { file, line, column } = definition.location;
        const key = `${file}|${entry.namespace}/${entry.name}`;
        if (accounted || reported.has(key)) continue;
        reported.add(key);
        report({
          messageId: 'imperative',
          data: { secret: anyNamespace ? `${entry.name} (in the context’s namespace)` : `${entry.namespace}/${entry.name}`, where: `${file}:${line}` },
          location: { file, line, column },
          resource: { apiVersion: 'v1', kind: 'Secret', namespace: anyNamespace ? null : entry.namespace, name: entry.name },
        });
      }
    }
  },
});
