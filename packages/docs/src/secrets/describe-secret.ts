import type { DeclaredSecretCreator } from '@kustodian/manifest-model';
import type { ResourceId } from '@kustodian/manifest-model';
import { code, listInWords, prose } from '../markdown.js';
import type { SecretEntry, SecretSource, SecretStorage, SecretUse } from './secret-inventory.js';

/** `Deployment` and `` `linkding/linkding` ``: an object for prose. */
export function objectRef(id: Pick<ResourceId, 'kind' | 'namespace' | 'name'>): string {
  return `${id.kind} ${code(id.namespace ? `${id.namespace}/${id.name}` : id.name)}`;
}

export function fileRef(file: string, line?: number): string {
  return code(line !== undefined && line > 1 ? `${file}:${line}` : file);
}

const CREATED_BY: Readonly<Record<DeclaredSecretCreator, string>> = {
  'helm-chart': 'a Helm chart',
  controller: 'a controller',
  bootstrap: 'the cluster bootstrap',
  manual: 'hand',
};

const CONTROLLER_VIA: Partial<Readonly<Record<string, string>>> = {
  'cert-manager': 'cert-manager',
  'external-secret': 'External Secrets',
  'sealed-secret': 'Sealed Secrets',
};

/** A file in git that no Flux Kustomization applies (a bootstrap folder applied by hand). */
function unapplied(source: { readonly applied: boolean }): string {
  return source.applied ? '' : ' (in a folder Flux does not apply: applied by hand)';
}

/** One way a Secret is defined, as a phrase. */
export function describeSource(source: SecretSource): string {
  switch (source.type) {
    case 'manifest':
      return `${source.sops ? 'SOPS file' : 'manifest'} ${fileRef(source.file, source.line)}${unapplied(source)}`;
    case 'generator': {
      const files = source.files.length > 0 ? ` from ${listInWords(source.files.map((f) => code(f)))}` : '';
      return `secretGenerator in ${fileRef(source.file, source.line)}${files}${source.encrypted ? ' (SOPS-encrypted)' : ''}${unapplied(source)}`;
    }
    case 'controller': {
      const who = CONTROLLER_VIA[source.via];
      return `${who ? `${who}, for ` : ''}${objectRef(source.creator)} in ${fileRef(source.file, source.line)}${unapplied(source)}`;
    }
    case 'declared':
      return `created outside git by ${CREATED_BY[source.createdBy]} (declared in \`kustodian.yaml\`${source.note ? `: ${prose(source.note)}` : ''})`;
    case 'command':
      return `a command in ${fileRef(source.file, source.line)}`;
    case 'flux-bootstrap':
      return `\`flux bootstrap\`, for ${objectRef(source.source)}`;
    case 'cluster':
      return 'not in git: created in the cluster (by an operator, a controller or by hand)';
  }
}

export function describeStorage(storage: SecretStorage): string {
  switch (storage) {
    case 'sops':
      return 'SOPS-encrypted';
    case 'plaintext':
      return 'in plaintext in git';
    case 'no-values':
      return 'in git without secret values: filled in when applied or by the cluster';
    case 'not-in-git':
      return 'not in git';
  }
}

/** How a resource uses a Secret: the object, the field and where. */
export function describeUse(use: SecretUse): string {
  return `${objectRef(use.referrer)} through ${code(use.field)} (${fileRef(use.file, use.line)})${use.optional ? ', optional' : ''}`;
}

/** `namespace/name` of an entry, as code. */
export function secretName(entry: Pick<SecretEntry, 'namespace' | 'name'>): string {
  return code(`${entry.namespace}/${entry.name}`);
}
