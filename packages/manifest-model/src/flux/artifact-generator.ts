import { joinPath, normalizePath } from '../fs/file-system.js';
import { isRecord } from '../resources/resource.js';

/** One copy rule of an ArtifactGenerator artifact, as repository folder → artifact folder. */
export interface ArtifactCopy {
  readonly from: string;
  readonly to: string;
}

/**
 * Flux ArtifactGenerator (source.extensions.fluxcd.io): artifacts made of
 * folders of a source. Only copies from the sources that are this repository
 * are kept (from the folder that is each one's root), so
 * a Flux Kustomization applying such an ExternalArtifact can be followed
 * into this repository.
 */
export function artifactCopies(body: Readonly<Record<string, unknown>>, namespace: string, localRoot: (kind: string, namespace: string, name: string) => string | undefined): Map<string, ArtifactCopy[]> {
  const out = new Map<string, ArtifactCopy[]>();
  const spec = isRecord(body['spec']) ? body['spec'] : {};
  const aliases = new Map<string, string>();
  for (const s of Array.isArray(spec['sources']) ? spec['sources'] : []) {
    if (!isRecord(s) || typeof s['alias'] !== 'string' || typeof s['name'] !== 'string') continue;
    const kind = typeof s['kind'] === 'string' ? s['kind'] : 'GitRepository';
    const ns = typeof s['namespace'] === 'string' ? s['namespace'] : namespace;
    const root = localRoot(kind, ns, s['name']);
    if (root !== undefined) aliases.set(s['alias'], root);
  }
  for (const a of Array.isArray(spec['artifacts']) ? spec['artifacts'] : []) {
    if (!isRecord(a) || typeof a['name'] !== 'string') continue;
    const copies: ArtifactCopy[] = [];
    for (const c of Array.isArray(a['copy']) ? a['copy'] : []) {
      if (!isRecord(c) || typeof c['from'] !== 'string' || typeof c['to'] !== 'string') continue;
      // cp semantics: `@src/dir/**` copies dir's contents into `to`; `@src/dir/` (or `@src/dir`) copies dir itself, into `to` when it ends with `/`, else as `to`.
      const from = /^@([^/]+)\/(.*?)(\/\*\*)?$/.exec(c['from']);
      const to = /^@artifact(\/.*)?$/.exec(c['to']);
      if (!from || !to || !aliases.has(from[1]!) || /[*?[{]/.test(from[2]!)) continue;
      const root = aliases.get(from[1]!) ?? '';
      const source = from[2]!.replace(/\/+$/, '');
      const fromDir = joinPath(root, source);
      const target = to[1] ?? '/';
      const intoDirectory = from[3] === undefined && target.endsWith('/');
      const toDir = normalizePath(intoDirectory ? `${target}${source.slice(source.lastIndexOf('/') + 1)}` : target);
      if (fromDir !== undefined && toDir !== undefined) copies.push({ from: fromDir, to: toDir });
    }
    if (copies.length > 0) out.set(`${namespace}/${a['name']}`, copies);
  }
  return out;
}

/** The repository folder that an artifact path comes from, by the longest matching copy rule. */
export function resolveArtifactPath(copies: readonly ArtifactCopy[], artifactPath: string): string | undefined {
  let best: ArtifactCopy | undefined;
  for (const c of copies) {
    const inside = c.to === '' || artifactPath === c.to || artifactPath.startsWith(`${c.to}/`);
    if (inside && (!best || c.to.length > best.to.length)) best = c;
  }
  if (!best) {
    // A folder above what one rule copies (Flux generates a kustomization that holds the copied folder): that folder's objects.
    const below = copies.filter((c) => artifactPath === '' || c.to.startsWith(`${artifactPath}/`));
    return below.length === 1 ? below[0]!.from : undefined;
  }
  const rest = best.to === '' ? artifactPath : artifactPath.slice(best.to.length).replace(/^\//, '');
  return normalizePath(`${best.from}/${rest}`);
}
