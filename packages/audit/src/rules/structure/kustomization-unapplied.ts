import { commentedOutEntries, dirname, isFluxKustomization, isRecord, KUSTOMIZATION_FILE_NAMES, metadataOf, normalizePath } from '@kustodian/manifest-model';
import type { RepositoryModel, SourceLocation } from '@kustodian/manifest-model';
import { defineRule } from '../../engine/define-rule.js';
import type { FindingResourceInput, RelatedInput } from '../../engine/finding.js';
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
      fluxKustomizations: 'Flux Kustomizations {{names}} are never applied: no entry point reaches {{file}}, so Flux never creates them.{{commented}}',
    },
    related: {
      parent: 'The kustomization that does not list it: where its entry is commented out, else the nearest kustomization above it that is applied.',
      copy: 'The other Flux Kustomizations of the same file (one finding per file).',
      child: 'The folder a never-applied Flux Kustomization would build, not reported again.',
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
    const kustomizationFiles = new Set<string>(model.files.filter((f) => f.role === 'kustomization').map((f) => f.path));
    /** The parent that does not list it: where its entry is commented out, else the nearest applied kustomization in a folder above (a dead one is not where to list it). */
    const parent = (path: string): RelatedInput[] => {
      const c = switchedOff(path);
      if (c) return [{ role: 'parent', location: c.location }];
      // A kustomization is listed from a folder above; any other file from its own folder.
      for (let dir = kustomizationFiles.has(path) ? dirname(dirname(path)) : dirname(path); ; dir = dirname(dir)) {
        const file = KUSTOMIZATION_FILE_NAMES.map((n) => (dir === '' ? n : `${dir}/${n}`)).find((f) => kustomizationFiles.has(f) && isApplied(model, f));
        if (file) return [{ role: 'parent', location: { file, line: 1, column: 1 } }];
        if (dir === '') return [];
      }
    };
    const unapplied = model.files.filter((file) => !(isApplied(model, file.path) || covered.has(file.path) || isBootstrap(file.path) || !model.isFetched(file.path) || (options['commentedOut'] === 'ignore' && switchedOff(file.path))));
    const unappliedFolders = new Map(unapplied.filter((f) => f.role === 'kustomization').map((f) => [dirname(f.path), f.path]));

    // One root cause, one finding: a file of never-applied Flux Kustomizations is one finding, and the folders they would build are related to it, not reported again.
    const children = new Map<string, RelatedInput[]>();
    const childOf = new Set<string>();
    const fluxFiles: { file: string; docs: { name: string; location: SourceLocation; resource: FindingResourceInput }[] }[] = [];
    for (const file of unapplied) {
      if (file.role !== 'manifest') continue;
      const docs = [];
      for (const doc of model.store.documents(file.path) ?? []) {
        const value = doc.value;
        if (!isRecord(value) || !isFluxKustomization(value['apiVersion'], value['kind'])) continue;
        const meta = metadataOf(value);
        const name = typeof meta['name'] === 'string' ? meta['name'] : '(unnamed)';
        const namespace = typeof meta['namespace'] === 'string' ? meta['namespace'] : undefined;
        docs.push({ name: namespace ? `${namespace}/${name}` : name, location: doc.location, resource: { apiVersion: String(value['apiVersion']), kind: 'Kustomization', namespace, name } });
        const child = builtKustomization(model, value, namespace ?? 'flux-system', unappliedFolders);
        if (child !== undefined && child !== file.path) {
          childOf.add(child);
          const list = children.get(file.path) ?? children.set(file.path, []).get(file.path)!;
          list.push({ role: 'child', location: { file: child, line: 1, column: 1 } });
        }
      }
      if (docs.length > 0) fluxFiles.push({ file: file.path, docs });
    }

    for (const file of unapplied) {
      if (file.role !== 'kustomization' || childOf.has(file.path)) continue;
      const folder = dirname(file.path) || '.';
      report({ messageId: 'kustomizationFile', data: { file: file.path, folder, commented: why(file.path) }, location: { file: file.path, line: 1, column: 1 }, related: parent(file.path) });
    }
    for (const { file, docs } of fluxFiles) {
      const [first, ...others] = docs;
      const related: RelatedInput[] = [...parent(file), ...others.map((d): RelatedInput => ({ role: 'copy', location: d.location, resource: d.resource })), ...(children.get(file) ?? [])];
      const common = { location: first!.location, resource: first!.resource, related };
      if (others.length === 0) report({ messageId: 'fluxKustomization', data: { name: first!.name, file, commented: why(file) }, ...common });
      else report({ messageId: 'fluxKustomizations', data: { names: docs.map((d) => d.name).join(', '), file, commented: why(file) }, ...common });
    }
  },
});

/**
 * The unapplied kustomization file an (unapplied) Flux Kustomization would
 * build: in the folder its source's path is, when the source is this
 * repository; else (an artifact whose generator is not in the repository) the
 * one unapplied folder whose path ends with its spec.path.
 */
function builtKustomization(model: RepositoryModel, value: Readonly<Record<string, unknown>>, namespace: string, unappliedFolders: ReadonlyMap<string, string>): string | undefined {
  const spec = isRecord(value['spec']) ? value['spec'] : {};
  const ref = isRecord(spec['sourceRef']) ? spec['sourceRef'] : undefined;
  if (!ref || typeof ref['kind'] !== 'string' || typeof ref['name'] !== 'string') return undefined;
  const path = normalizePath(typeof spec['path'] === 'string' ? spec['path'] : '');
  if (path === undefined) return undefined;
  const folder = model.sourceFolder({ kind: ref['kind'], namespace: typeof ref['namespace'] === 'string' ? ref['namespace'] : namespace, name: ref['name'] }, path);
  if (folder !== undefined) return unappliedFolders.get(folder);
  if (path === '') return undefined;
  const candidates = [...unappliedFolders].filter(([dir]) => dir === path || dir.endsWith(`/${path}`));
  return candidates.length === 1 ? candidates[0]![1] : undefined;
}
