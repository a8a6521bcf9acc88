import { commentedOutEntries, isFluxKustomization, isRecord, metadataOf } from '@kustodian/manifest-model';
import type { RepositoryModel } from '@kustodian/manifest-model';
import { defineRule } from '../../engine/define-rule.js';
import { unlistedManifests } from './structure-utils.js';

function isApplied(model: RepositoryModel, path: string): boolean {
  return (model.fileAppliedBy.get(path)?.length ?? 0) > 0;
}

/** Files under a `bootstrap/` folder are applied once, by the bootstrap procedure (`kubectl apply -k`, helmfile), before Flux runs. */
function isBootstrap(path: string): boolean {
  return path.split('/').slice(0, -1).includes('bootstrap');
}

/**
 * Files another finding covers: those an unapplied kustomization lists (the
 * finding on that kustomization), and manifests that an applied
 * kustomization leaves out (manifest-unlisted names the cause).
 */
function coveredElsewhere(model: RepositoryModel): Set<string> {
  const covered = new Set(unlistedManifests(model).map((u) => u.file));
  for (const unit of model.units) {
    if (unit.kind !== 'kustomization' || unit.appliedBy.length > 0) continue;
    for (const file of unit.files) if (file !== unit.file) covered.add(file);
  }
  return covered;
}

export default defineRule({
  id: 'kustomization-unapplied',
  meta: {
    category: 'structure',
    defaultSeverity: 'warning',
    summary: 'A kustomization file, or a Flux Kustomization, that no entry point reaches.',
    rationale:
      'Flux only applies what it reaches from the cluster entry points (clusters/<name>/). A kustomization.yaml or a Flux Kustomization that nothing points at looks deployed in git but never reaches the cluster: changes to it are silently ignored, and the objects it lists may be missing or, worse, running in an older version nobody updates. Only the outermost unapplied kustomization is reported: the files it lists are part of that finding. A Flux Kustomization in a file that the kustomization.yaml next to it does not list is reported by manifest-unlisted instead. Folders under a `bootstrap/` folder are taken to be applied by the bootstrap procedure of the cluster, before and outside Flux. Files that Flux never fetches are left alone: those outside the folder an OCI artifact is pushed from, and those the repository excludes with `.sourceignore` or a GitRepository\'s `spec.ignore` (an `archive/` folder, for instance).',
    fix: 'List the folder in a kustomization that an entry point applies (or point a Flux Kustomization at it), or delete it if it is no longer needed. When it is switched off on purpose by a commented-out entry, set `rules.kustomization-unapplied.options.commentedOut: ignore`.',
    messages: {
      kustomizationFile: '{{file}} is not applied: no Flux Kustomization reached from an entry point builds {{folder}}.{{commented}}',
      fluxKustomization: 'Flux Kustomization {{name}} is never applied: no entry point reaches {{file}}, so Flux never creates it.{{commented}}',
    },
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          commentedOut: {
            description: 'What to do with a folder or file whose entry is commented out in a kustomization (`# - ./app`, switched off on purpose): report it (saying where it is commented out), or ignore it.',
            enum: ['report', 'ignore'],
          },
        },
      },
      defaults: { commentedOut: 'report' },
    },
    examples: {
      invalid: [
        {
          title: 'An app folder that the cluster never lists',
          repo: {
            'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/web\n',
            'apps/web/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
            'apps/web/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\n',
            'apps/old/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
            'apps/old/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: old\n  namespace: web\n',
          },
        },
        {
          title: 'An app switched off by a commented-out entry: the finding says where',
          repo: {
            'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/web\n  # - ../../apps/old\n',
            'apps/web/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
            'apps/web/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\n',
            'apps/old/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
            'apps/old/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: old\n  namespace: web\n',
          },
        },
      ],
      valid: [
        {
          title: 'An app switched off by a commented-out entry, with commentedOut: ignore',
          repo: {
            'kustodian.yaml': 'rules:\n  kustomization-unapplied:\n    options:\n      commentedOut: ignore\n',
            'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/web\n  # - ../../apps/old\n',
            'apps/web/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
            'apps/web/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\n',
            'apps/old/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
            'apps/old/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: old\n  namespace: web\n',
          },
        },
        {
          title: 'Every folder reached from clusters/home',
          repo: {
            'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/web\n',
            'apps/web/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
            'apps/web/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\n',
          },
        },
      ],
    },
  },
  check({ model, options, report }) {
    const covered = coveredElsewhere(model);
    const commented = commentedOutEntries(model.files, model.store);
    /** The commented-out entry that switches a path off: the closest one naming it or a folder above it. */
    const switchedOff = (path: string) =>
      commented.filter((c) => path === c.path || path.startsWith(`${c.path}/`)).sort((a, b) => b.path.length - a.path.length)[0];
    const why = (path: string) => {
      const c = switchedOff(path);
      return c ? ` Its entry is commented out in ${c.location.file}:${c.location.line} (\`# - ${c.entry}\`).` : '';
    };
    for (const file of model.files) {
      if (isApplied(model, file.path) || covered.has(file.path) || isBootstrap(file.path) || !model.isFetched(file.path)) continue;
      if (options['commentedOut'] === 'ignore' && switchedOff(file.path)) continue;
      if (file.role === 'kustomization') {
        const folder = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/')) : '.';
        report({ messageId: 'kustomizationFile', data: { file: file.path, folder, commented: why(file.path) }, location: { file: file.path, line: 1, column: 1 } });
      } else if (file.role === 'manifest') {
        for (const doc of model.store.documents(file.path) ?? []) {
          const value = doc.value;
          if (!isRecord(value) || !isFluxKustomization(value['apiVersion'], value['kind'])) continue;
          const meta = metadataOf(value);
          const name = typeof meta['name'] === 'string' ? meta['name'] : '(unnamed)';
          const namespace = typeof meta['namespace'] === 'string' ? meta['namespace'] : undefined;
          report({
            messageId: 'fluxKustomization',
            data: { name: namespace ? `${namespace}/${name}` : name, file: file.path, commented: why(file.path) },
            location: doc.location,
            resource: { apiVersion: String(value['apiVersion']), kind: 'Kustomization', namespace, name },
          });
        }
      }
    }
  },
});
