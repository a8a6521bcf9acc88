import type { KustodianConfig } from '@kustodian/manifest-model';
import { compareLocations, describeResource, findKubeCommands, hasFlag, isHelmRelease, locateResourceField, parseHelmRelease } from '@kustodian/manifest-model';
import type { RepositoryModel, Resource } from '@kustodian/manifest-model';
import { defineRule } from '../../engine/define-rule.js';
import type { RelatedInput } from '../../engine/finding.js';
import { plural } from '../../report/wording.js';

/** Namespaces every Kubernetes cluster has. */
const BUILT_IN_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

function isApplied(resource: Resource): boolean {
  return resource.appliedBy.length > 0;
}

function hasFlux(model: RepositoryModel): boolean {
  return model.fluxKustomizations.length > 0 || model.resources.some((r) => r.apiVersion.includes('.toolkit.fluxcd.io/'));
}

/** Namespaces that scripts and docs create: `kubectl create namespace x`, `helm install … -n x --create-namespace`. */
function createdByCommands(model: RepositoryModel): Set<string> {
  const out = new Set<string>();
  for (const sources of model.text.shell()) {
    for (const command of findKubeCommands(sources.map((s) => s.script))) {
      if (command.tool === 'kubectl' && command.verb === 'create' && ['namespace', 'ns'].includes(command.args[0]?.value ?? '')) {
        const name = command.args[1];
        if (name && !name.dynamic) out.add(name.value);
      } else if (command.tool === 'helm' && hasFlag(command, '--create-namespace') && command.namespace && !command.namespace.dynamic) {
        out.add(command.namespace.value);
      }
    }
  }
  return out;
}

/** Every namespace something creates, or that the configuration says exists. */
function declaredNamespaces(model: RepositoryModel, config: KustodianConfig): Set<string> {
  const known = new Set([...BUILT_IN_NAMESPACES, ...config.namespaces.known]);
  if (hasFlux(model)) known.add('flux-system');
  for (const resource of model.resources) {
    if (!isApplied(resource)) continue;
    if (resource.kind === 'Namespace' && resource.id.group === '') known.add(resource.name);
    if (isHelmRelease(resource.apiVersion, resource.kind)) {
      const release = parseHelmRelease(resource.body, resource.namespace ?? 'default');
      if (release.createNamespace) known.add(release.targetNamespace ?? release.namespace);
    }
  }
  for (const ns of createdByCommands(model)) known.add(ns);
  return known;
}

export default defineRule({
  id: 'namespace-undeclared',
  meta: {
    category: 'namespaces',
    defaultSeverity: 'warning',
    summary: 'Resources are deployed to a namespace that nothing in the repository creates.',
    rationale:
      'Kubernetes does not create a namespace on first use: until something creates it, every object in it fails to apply and the Flux Kustomization that carries them stays not ready. On a cluster rebuilt from git, a namespace that was once created by hand is simply missing. A namespace counts as created by an applied Namespace manifest, a HelmRelease with `install.createNamespace: true` (for its target namespace), a `kubectl create namespace` or `helm … --create-namespace` in a script or doc of the repository, or an entry in `namespaces.known` of kustodian.yaml; `default`, `kube-system`, `kube-public`, `kube-node-lease` always exist, and `flux-system` does in a repository that uses Flux. Retired namespaces are left to namespace-retired. A namespace is reported once, at the first resource in it, with the other files related; a Namespace manifest in a file that nothing applies is named (and related), since it is the usual cause.',
    fix: 'Add a Namespace manifest to a folder that Flux applies before the resources (dependsOn), or list the namespace under `namespaces.known` in kustodian.yaml if something outside git creates it.',
    related: {
      definition: 'A Namespace manifest of that name in a file that nothing applies.',
      consumer: 'The first resource in the namespace of every other file.',
    },
    messages: {
      undeclared: 'Namespace {{namespace}} is created by nothing in the repository, but {{resource}}{{more}} is deployed to it: no Namespace manifest, no HelmRelease with install.createNamespace, not in kustodian.yaml namespaces.known.',
      unappliedOnly: 'Namespace {{namespace}} is declared only in {{file}}, which nothing applies, but {{resource}}{{more}} is deployed to it.',
    },
    examples: {
      invalid: [
        {
          title: 'A Deployment in a namespace that no manifest declares',
          repo: {
            'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/web\n',
            'apps/web/kustomization.yaml': 'namespace: web\nresources:\n  - deployment.yaml\n',
            'apps/web/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n',
          },
        },
      ],
      valid: [
        {
          title: 'The namespace is declared next to the app',
          repo: {
            'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/web\n',
            'apps/web/kustomization.yaml': 'namespace: web\nresources:\n  - namespace.yaml\n  - deployment.yaml\n',
            'apps/web/namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n',
            'apps/web/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n',
          },
        },
      ],
    },
  },
  check({ model, config, report }) {
    const declared = declaredNamespaces(model, config);
    const retired = new Set(config.namespaces.retired);
    /** file → namespace → resources in it, in model order. */
    const byFile = new Map<string, Map<string, Resource[]>>();
    for (const resource of model.resources) {
      const ns = resource.namespace;
      if (!isApplied(resource) || ns === undefined || declared.has(ns) || retired.has(ns) || ns.includes('${')) continue;
      const file = resource.location.file;
      const perNs = byFile.get(file) ?? byFile.set(file, new Map()).get(file)!;
      const list = perNs.get(ns) ?? perNs.set(ns, []).get(ns)!;
      if (!list.some((r) => r.location.line === resource.location.line && r.kind === resource.kind && r.name === resource.name)) list.push(resource);
    }
    // Namespace objects that nothing applies, by name: looked up once per namespace reported (not a scan of every resource each time).
    const unappliedNamespaces = new Map<string, Resource[]>();
    for (const r of model.resources) {
      if (r.kind !== 'Namespace' || r.id.group !== '' || isApplied(r)) continue;
      const list = unappliedNamespaces.get(r.name) ?? unappliedNamespaces.set(r.name, []).get(r.name)!;
      list.push(r);
    }
    // One root cause, one finding: a namespace nothing creates is reported once, at the first file's first resource, with the other files related.
    const byNamespace = new Map<string, { firsts: Resource[]; total: number; inFirstFile: Map<string, number> }>();
    for (const [file, perNs] of byFile) {
      for (const [namespace, resources] of perNs) {
        const first = [...resources].sort((a, b) => a.location.line - b.location.line)[0]!;
        const entry = byNamespace.get(namespace) ?? byNamespace.set(namespace, { firsts: [], total: 0, inFirstFile: new Map() }).get(namespace)!;
        entry.firsts.push(first);
        entry.total += resources.length;
        entry.inFirstFile.set(file, resources.length);
      }
    }
    for (const [namespace, { firsts, total, inFirstFile }] of byNamespace) {
      const [first, ...others] = [...firsts].sort((a, b) => compareLocations(a.location, b.location));
      const sameFile = (inFirstFile.get(first!.location.file) ?? 1) - 1;
      const more = others.length > 0 ? ` (and ${total - 1} more in ${plural(others.length + (sameFile > 0 ? 1 : 0), 'file')})` : sameFile > 0 ? ` (and ${sameFile} more in this file)` : '';
      const unapplied = unappliedNamespaces.get(namespace) ?? [];
      const related: RelatedInput[] = [
        ...unapplied.map((r): RelatedInput => ({ role: 'definition', location: locateResourceField(r, ['metadata', 'name']), resource: r })),
        ...others.map((r): RelatedInput => ({ role: 'consumer', location: locateResourceField(r, ['metadata', 'name']), resource: r })),
      ];
      const data = {
        namespace,
        resource: describeResource({ kind: first!.kind, name: first!.name, namespace: undefined }),
        more,
      };
      const at = { location: locateResourceField(first!, ['metadata', 'name']), resource: first!, related };
      if (unapplied.length > 0) report({ messageId: 'unappliedOnly', data: { ...data, file: unapplied[0]!.location.file }, ...at });
      else report({ messageId: 'undeclared', data, ...at });
    }
  },
});
