import { isRecord } from '../../resources/resource.js';
import type { ImageEntry } from '../kustomization-file.js';
import type { WorkingObject } from '../working-object.js';

/** `registry:5000/app:1.2@sha256:…` → name, tag, digest. */
export function splitImage(image: string): { name: string; tag: string | undefined; digest: string | undefined } {
  const at = image.indexOf('@');
  const digest = at < 0 ? undefined : image.slice(at + 1);
  const rest = at < 0 ? image : image.slice(0, at);
  const colon = rest.lastIndexOf(':');
  const hasTag = colon > rest.lastIndexOf('/');
  return { name: hasTag ? rest.slice(0, colon) : rest, tag: hasTag ? rest.slice(colon + 1) : undefined, digest };
}

/** The image after an `images:` entry, or undefined when the entry does not name it. */
export function updateImage(image: string, entry: Omit<ImageEntry, 'location'>): string | undefined {
  const parts = splitImage(image);
  if (parts.name !== entry.name) return undefined;
  let { tag, digest } = parts;
  if (entry.newTag && entry.digest) {
    tag = entry.newTag;
    digest = entry.digest;
  } else if (entry.newTag) {
    tag = entry.newTag;
    digest = undefined;
  } else if (entry.digest) {
    tag = undefined;
    digest = entry.digest;
  }
  return `${entry.newName ?? parts.name}${tag !== undefined ? `:${tag}` : ''}${digest !== undefined ? `@${digest}` : ''}`;
}

function visit(node: unknown, entry: Omit<ImageEntry, 'location'>): void {
  if (Array.isArray(node)) {
    for (const item of node) visit(item, entry);
    return;
  }
  if (!isRecord(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'containers' || key === 'initContainers') && Array.isArray(value)) {
      for (const container of value) {
        if (!isRecord(container) || typeof container['image'] !== 'string') continue;
        const updated = updateImage(container['image'], entry);
        if (updated !== undefined) container['image'] = updated;
      }
    }
    visit(value, entry);
  }
}

/**
 * `images:` — kustomize rewrites the `image` of every item of every
 * `containers` / `initContainers` list anywhere in an object (pod templates
 * of any kind, custom resources included), one entry after the other.
 */
export function applyImages(objects: readonly WorkingObject[], entries: readonly Omit<ImageEntry, 'location'>[]): void {
  for (const entry of entries) for (const obj of objects) visit(obj.body, entry);
}
