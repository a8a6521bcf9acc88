import { classifyFile } from '../files/classify-file.js';
import type { FileSystem } from '../fs/file-system.js';
import { locationAt } from '../source-location.js';
import type { Kustomization } from './kustomization-file.js';
import { emptyKustomization, findKustomizationFile } from './kustomization-file.js';

const join = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);
const MAX_DEPTH = 64;

/**
 * What Flux's kustomize-controller lists as `resources` when it generates a
 * kustomization.yaml for a folder that has none (see DESIGN.md): walking
 * the folder in lexical order, every `.yaml`/`.yml` file, and every
 * sub-folder that has its own kustomization file (not walked into).
 * Files that the source artifact leaves out (`.git/`, CI files,
 * `.sops.yaml`…) are skipped. Paths are repository-relative.
 */
export function fluxGeneratedResources(fs: FileSystem, dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string, depth: number): void => {
    // A symbolic link back to an ancestor would otherwise be walked forever.
    if (depth > MAX_DEPTH) return;
    for (const entry of fs.list(current)) {
      const path = join(current, entry.name);
      if (entry.type === 'directory') {
        if (entry.name === '.git') continue;
        if (findKustomizationFile(fs, path)) out.push(path);
        else walk(path, depth + 1);
      } else if (/\.ya?ml$/.test(entry.name) && classifyFile(path) === 'manifest') {
        out.push(path);
      }
    }
  };
  walk(dir, 0);
  return out;
}

/** The kustomization Flux generates for a folder without one. */
export function fluxGeneratedKustomization(fs: FileSystem, dir: string): Kustomization {
  const prefix = dir ? `${dir}/` : '';
  return {
    ...emptyKustomization(dir, undefined),
    resources: fluxGeneratedResources(fs, dir).map((path) => ({ value: path.slice(prefix.length), location: locationAt(path) })),
  };
}
