import type { Resource } from '@kustodian/manifest-model';
import { isHelmRelease, isRecord, parseHelmRelease, walkValues } from '@kustodian/manifest-model';

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** Images of the containers in an object's pod templates (any kind: the lists are found wherever they are). */
function podSpecImages(value: unknown, out: Set<string>, depth = 0): void {
  if (depth > 16) return;
  if (Array.isArray(value)) {
    for (const item of value) podSpecImages(item, out, depth + 1);
    return;
  }
  if (!isRecord(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if (CONTAINER_LISTS.has(key) && Array.isArray(child)) {
      for (const container of child) if (isRecord(container) && typeof container['image'] === 'string' && container['image'] !== '') out.add(container['image']);
    } else {
      podSpecImages(child, out, depth + 1);
    }
  }
}

function scalar(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : undefined;
}

const IMAGE_REFERENCE = /^[\w.-]+(?:[:/@][\w./:@-]+)*$/;

/**
 * Images named in Helm values: `{repository, tag}` objects under an `image`
 * key or with a tag (with `registry` or `digest` when given), and `image:`
 * strings that look like image references.
 */
function helmValueImages(values: unknown, out: Set<string>): void {
  walkValues(values, [], ({ value: node, path: at }) => {
    const path = at.map(String);
    if (typeof node === 'string' && path[path.length - 1] === 'image' && node.includes('/') && IMAGE_REFERENCE.test(node)) out.add(node);
    if (!isRecord(node) || typeof node['repository'] !== 'string') return;
    const repository = node['repository'].trim();
    const tag = scalar(node['tag']);
    if (!IMAGE_REFERENCE.test(repository) || (tag === undefined && !path.some((p) => /image/i.test(p)))) return;
    const registry = scalar(node['registry']);
    const digest = scalar(node['digest']);
    const name = registry && !repository.startsWith(`${registry}/`) ? `${registry}/${repository}` : repository;
    out.add(`${name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`);
  });
}

/** Every container image an object runs, sorted. */
export function imagesOf(resource: Resource): string[] {
  const out = new Set<string>();
  if (isHelmRelease(resource.apiVersion, resource.kind)) {
    helmValueImages(parseHelmRelease(resource.body, resource.namespace ?? '').values, out);
  } else {
    podSpecImages(resource.body['spec'], out);
  }
  return [...out].sort();
}
