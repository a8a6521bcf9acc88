import type { FluxKustomization, RepositoryModel, Resource } from '@kustodian/manifest-model';
import { isHelmRelease, isRecord, metadataOf, parseFluxSource, parseHelmRelease, resourceKey } from '@kustodian/manifest-model';
import { isWithin } from '../documented-folders.js';
import { hostnamesOf } from '../folder/exposed-hostnames.js';
import type { FolderView } from '../folder/folder-view.js';
import { volumeClaimsOf } from '../folder/volume-claims.js';
import { imagesOf } from '../folder/workload-images.js';
import { blocks, bulletList, code, listInWords, paragraph, prose, table, wrap } from '../markdown.js';
import type { MarkedPage } from '../markers.js';
import { describeSource, describeStorage, fileRef, objectRef, secretName } from '../secrets/describe-secret.js';
import type { SecretEntry, SecretInventory } from '../secrets/secret-inventory.js';
import { compareText } from '../compare-text.js';

export const README = 'README.md';

/** The annotation on a Flux Kustomization that describes the folder it applies. */
export const DESCRIPTION_ANNOTATION = 'kustodian.io/description';

/** The place for the user's own text in a new README. */
export const README_HINT = `<!--\n${wrap(
  'Say what this folder is for here. kustodian-docs rewrites only the text between its kustodian:begin and kustodian:end markers; everything else in this file is yours and is kept.',
)}\n-->`;

function fluxObject(model: RepositoryModel, ks: FluxKustomization): Resource | undefined {
  return model.find(ks.id).find((r) => r.kind === 'Kustomization');
}

/** The description annotations of the Flux Kustomizations that apply the folder itself (else of any that applies part of it). */
function descriptionSection(model: RepositoryModel, view: FolderView): string {
  const own = view.appliedBy.filter((ks) => ks.path !== undefined && isWithin(ks.path, view.folder));
  const texts = (own.length > 0 ? own : view.appliedBy)
    .map((ks) => {
      const annotations = metadataOf(fluxObject(model, ks)?.body ?? {})['annotations'];
      const text = isRecord(annotations) ? annotations[DESCRIPTION_ANNOTATION] : undefined;
      return typeof text === 'string' ? text.trim() : '';
    })
    .filter((t) => t !== '');
  return blocks(...[...new Set(texts)].map((t) => paragraph(prose(t))));
}

function shortName(ref: { namespace: string; name: string }, from: string | undefined): string {
  return code(ref.namespace === from ? ref.name : `${ref.namespace}/${ref.name}`);
}

function fluxSection(view: FolderView): string {
  if (view.appliedBy.length === 0) return '## Flux\n\nNo Flux Kustomization applies this folder.';
  const items = view.appliedBy.map((ks) => {
    const parts = [`${code(ks.key)} (${fileRef(ks.location.file, ks.location.line)}) applies ${code(`./${ks.path ?? ks.rawPath}`)}`];
    if (ks.targetNamespace) parts.push(`into namespace ${code(ks.targetNamespace)}`);
    const traits: string[] = [];
    traits.push(ks.dependsOn.length > 0 ? `depends on ${listInWords(ks.dependsOn.map((d) => shortName(d, ks.id.namespace)))}` : 'depends on nothing');
    if (ks.decryption) traits.push(`decrypts with ${code(ks.decryption.provider)}`);
    if (ks.prune) traits.push('prunes');
    if (ks.suspend) traits.push('is suspended');
    return `${parts.join(' ')}; ${traits.join('; ')}.`;
  });
  return `## Flux\n\nApplied by:\n\n${bulletList(items)}`;
}

const appliedCache = new WeakMap<RepositoryModel, ReadonlyMap<string, Resource>>();

/** The first applied object of each kind/namespace/name, indexed once per model (every README names its sources). */
function appliedByIdentity(model: RepositoryModel): ReadonlyMap<string, Resource> {
  let index = appliedCache.get(model);
  if (!index) {
    const built = new Map<string, Resource>();
    for (const r of model.resources) {
      const key = `${r.kind}|${r.namespace}|${r.name}`;
      if (r.appliedBy.length > 0 && !built.has(key)) built.set(key, r);
    }
    appliedCache.set(model, (index = built));
  }
  return index;
}

function sourceOf(model: RepositoryModel, ref: { kind: string; name: string; namespace: string } | undefined): { text: string; version: string | undefined } {
  if (!ref) return { text: '', version: undefined };
  const object = appliedByIdentity(model).get(`${ref.kind}|${ref.namespace}|${ref.name}`);
  if (!object) return { text: `${ref.kind}/${ref.name}`, version: undefined };
  const source = parseFluxSource(object.body, ref.namespace);
  const version = source.ref['tag'] ?? source.ref['semver'] ?? source.ref['digest'];
  return { text: source.url ?? `${ref.kind}/${ref.name}`, version };
}

/** Rows without repeats (the same object from several builds), in their order. */
function uniqueRows(rows: readonly string[][]): string[][] {
  const seen = new Set<string>();
  return rows.filter((row) => !seen.has(row.join('\u0000')) && !!seen.add(row.join('\u0000')));
}

function deploysSection(model: RepositoryModel, view: FolderView): string {
  if (view.resources.length === 0) return '## What it deploys\n\nNothing: no object of this folder is applied.';
  const rows = view.resources.map((r) => [r.kind, r.name, r.namespace ?? '(cluster)']);
  const releases = uniqueRows(
    view.builds.filter((r) => isHelmRelease(r.apiVersion, r.kind)).map((r) => {
      const release = parseHelmRelease(r.body, r.namespace ?? '');
      const source = sourceOf(model, release.sourceRef ?? release.chartRef);
      // A chartRef names an OCIRepository: the chart is the artifact its URL points at.
      const chart = release.chartRef && source.text.startsWith('oci://') ? source.text.slice(source.text.lastIndexOf('/') + 1) : release.chart;
      return [r.name, chart ?? '', release.version ?? source.version ?? 'any', source.text === '' ? '' : code(source.text)];
    }),
  );
  const copies = copiesElsewhere(model, view);
  return blocks(
    '## What it deploys',
    table(['Kind', 'Name', 'Namespace'], rows),
    releases.length > 0 && 'Helm releases:',
    releases.length > 0 && table(['Release', 'Chart', 'Version', 'Source'], releases),
    copies.length > 0 && 'Copies kept in other namespaces (identical apart from the namespace):',
    copies.length > 0 && bulletList(copies),
  );
}

/** For each object of the folder copied into other namespaces: where the other copies are (so that a change is made to all of them). */
function copiesElsewhere(model: RepositoryModel, view: FolderView): string[] {
  const mine = new Set(view.resources);
  return model.duplicates.groups.flatMap((group) => {
    const here = group.copies.filter((c) => mine.has(c));
    if (here.length === 0) return [];
    const others = group.copies.filter((c) => !mine.has(c));
    if (others.length === 0) return [];
    const where = others.map((c) => `${code(c.namespace ?? '')} (${code(`${c.location.file}:${c.location.line}`)})`);
    return [`${code(`${group.kind} ${here[0]!.name}`)}: also defined identically in ${listInWords(where)}`];
  });
}

function imagesSection(view: FolderView): string {
  const users = new Map<string, Set<string>>();
  for (const r of view.builds) for (const image of imagesOf(r)) (users.get(image) ?? users.set(image, new Set()).get(image)!).add(`${r.kind} ${r.name}`);
  if (users.size === 0) return '## Container images\n\nNone named in the manifests.';
  const items = [...users.keys()].sort().map((image) => `${code(image)}: ${listInWords([...users.get(image)!].sort())}`);
  return `## Container images\n\n${bulletList(items)}`;
}

function hostnamesSection(view: FolderView): string {
  const exposers = new Map<string, Set<string>>();
  for (const r of view.builds) for (const host of hostnamesOf(r)) (exposers.get(host) ?? exposers.set(host, new Set()).get(host)!).add(objectRef(r.id));
  if (exposers.size === 0) return '## Hostnames\n\nNone exposed.';
  const items = [...exposers.keys()].sort().map((host) => `${code(host)}: ${listInWords([...exposers.get(host)!].sort())}`);
  return `## Hostnames\n\n${bulletList(items)}`;
}

/** Secrets the folder's objects use, and Secrets the folder defines. */
function folderSecrets(model: RepositoryModel, view: FolderView, inventory: SecretInventory): { entry: SecretEntry | undefined; namespace: string; name: string; usedBy: string[] }[] {
  const out = new Map<string, { entry: SecretEntry | undefined; namespace: string; name: string; usedBy: Set<string> }>();
  const add = (namespace: string, name: string) => {
    const k = `${namespace}/${name}`;
    return out.get(k) ?? out.set(k, { entry: inventory.get(namespace, name), namespace, name, usedBy: new Set() }).get(k)!;
  };
  const inView = new Set(view.builds.map((r) => `${resourceKey(r.id)}|${r.location.file}`));
  for (const secret of model.secrets.entries()) {
    for (const { reference } of secret.consumers) {
      if (inView.has(`${resourceKey(reference.from)}|${reference.location.file}`)) add(secret.namespace, secret.name).usedBy.add(objectRef(reference.from));
    }
  }
  for (const entry of inventory.entries) {
    if (entry.sources.some((s) => 'file' in s && isWithin(s.file, view.folder))) add(entry.namespace, entry.name);
  }
  return [...out.values()]
    .map((s) => ({ ...s, usedBy: [...s.usedBy].sort() }))
    .sort((a, b) => compareText(a.namespace, b.namespace) || compareText(a.name, b.name));
}

function secretsSection(model: RepositoryModel, view: FolderView, inventory: SecretInventory, secretsDoc: string): string {
  const secrets = folderSecrets(model, view, inventory);
  if (secrets.length === 0) return '## Secrets\n\nNone used or defined here.';
  const items = secrets.map((s) => {
    const name = secretName(s);
    const used = s.usedBy.length > 0 ? `used by ${listInWords(s.usedBy)}` : 'used by nothing in this folder';
    if (!s.entry) return `${name}: defined nowhere (the audit reports it); ${used}.`;
    return `${name} (${describeStorage(s.entry.storage)}): defined by ${listInWords(s.entry.sources.map(describeSource))}; ${used}.`;
  });
  return `## Secrets\n\n${bulletList(items)}\n\nEvery Secret of the repository: [SECRETS.md](${secretsDoc}).`;
}

function volumesSection(view: FolderView): string {
  const claims = view.builds.flatMap(volumeClaimsOf);
  if (claims.length === 0) return '## Volumes\n\nNo volume claims.';
  const rows = uniqueRows(claims.map((c) => [c.name, c.namespace ?? '', c.size ?? '?', c.storageClass ?? '(default)', c.from]));
  return `## Volumes\n\n${table(['Claim', 'Namespace', 'Size', 'Storage class', 'From'], rows)}`;
}

/** Path from a folder to a file at the repository root. */
function rootRelative(folder: string, file: string): string {
  return `${'../'.repeat(folder.split('/').length)}${file}`;
}

/** README.md of one folder under the docs roots. */
export function platformReadme(model: RepositoryModel, view: FolderView, inventory: SecretInventory, secretsFile: string): MarkedPage {
  return {
    path: `${view.folder}/${README}`,
    blocks: [
      { type: 'text', text: `# ${view.folder}` },
      { type: 'section', name: 'description', content: descriptionSection(model, view) },
      { type: 'text', text: README_HINT },
      { type: 'section', name: 'flux', content: fluxSection(view) },
      { type: 'section', name: 'deploys', content: deploysSection(model, view) },
      { type: 'section', name: 'images', content: imagesSection(view) },
      { type: 'section', name: 'hostnames', content: hostnamesSection(view) },
      { type: 'section', name: 'secrets', content: secretsSection(model, view, inventory, rootRelative(view.folder, secretsFile)) },
      { type: 'section', name: 'volumes', content: volumesSection(view) },
    ],
  };
}
