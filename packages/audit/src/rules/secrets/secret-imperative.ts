import type { RepositoryModel } from '@kustodian/manifest-model';
import type { AuditConfig } from '../../config/audit-config.js';
import { defineRule } from '../../engine/define-rule.js';
import { createdSecretOf, findKubeCommands } from '../../text/kubectl-commands.js';
import { repositoryShell } from '../../text/repository-scripts.js';

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** Secrets that git accounts for, as `namespace/name`, plus the bare names (for a creation whose namespace is not known). */
function accountedFor(model: RepositoryModel, config: AuditConfig): { full: Set<string>; names: Set<string> } {
  const full = new Set<string>();
  const names = new Set<string>();
  const add = (namespace: string | undefined, name: string) => {
    full.add(`${namespace ?? ''}/${name}`);
    names.add(name);
  };
  for (const r of model.resources) if (r.kind === 'Secret' && r.id.group === '') add(r.namespace, r.name);
  for (const ref of model.references.all) if (ref.defines && ref.to.kind === 'Secret' && ref.to.group === '') add(ref.to.namespace, ref.to.name);
  for (const s of config.secrets.external) add(s.namespace, s.name);
  return { full, names };
}

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
  check({ model, config, report }) {
    const known = accountedFor(model, config);
    for (const sources of repositoryShell(model, { inlineCode: true })) {
      const file = sources[0]!.file;
      const reported = new Set<string>();
      for (const command of findKubeCommands(sources.map((s) => s.script))) {
        const created = createdSecretOf(command);
        if (!created || !created.applied || created.name.dynamic || !DNS_SUBDOMAIN.test(created.name.value)) continue;
        const name = created.name.value;
        const ns = created.namespace;
        // kubectl without -n creates it in the context's namespace: which one is not known, so any Secret of that name counts.
        const namespace = ns === undefined ? (created.tool === 'flux' ? created.defaultNamespace : undefined) : ns.dynamic ? undefined : ns.value;
        const inGit = namespace === undefined ? known.names.has(name) : known.full.has(`${namespace}/${name}`);
        const key = `${namespace ?? '?'}/${name}`;
        if (inGit || reported.has(key)) continue;
        reported.add(key);
        report({
          messageId: 'imperative',
          data: { secret: namespace === undefined ? `${name} (in the context’s namespace)` : `${namespace}/${name}`, where: `${file}:${command.line}` },
          location: { file, line: command.line, column: command.column },
          resource: { apiVersion: 'v1', kind: 'Secret', namespace: namespace ?? null, name },
        });
      }
    }
  },
});
