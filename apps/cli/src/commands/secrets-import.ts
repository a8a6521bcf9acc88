/**
 * `kustodian secrets import`: a Secret piped from the cluster becomes an
 * encrypted file in the repository, listed in its folder's kustomization.
 * The plaintext lives in memory only: it is encrypted before anything is
 * written.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isScalar, isSeq, parseAllDocuments, parseDocument, stringify } from 'yaml';
import { isRecord, loadRepository, NodeFileSystem } from '@kustodian/manifest-model';
import { writeFileAtomic } from '@kustodian/core';
import { inspectSopsFile } from '@kustodian/sops';
import { EXIT } from '../output.js';
import type { SecretsContext } from './secrets-context.js';
import { argumentPath, readPipedStdin, SecretsInputError, shownPath, stdinTimeout, subcommand } from './secrets-context.js';
import type { SubcommandShape } from './secrets-context.js';
import type { OptionsConfig } from '../args.js';
import { encryptForPath } from './secrets-encrypt.js';

export const SECRETS_IMPORT_HELP = `Usage: kubectl get secret NAME -n NAMESPACE -o yaml | kustodian secrets import [--repo DIR] [--to FILE] [--stdin-timeout S]

Read one Secret (YAML or JSON) from stdin, strip what the API server adds
(uid, resourceVersion, creationTimestamp, managedFields, ownerReferences,
generation, selfLink, the kubectl.kubernetes.io/last-applied-configuration
annotation, status), encrypt it with the creation rule that matches its new
path, write it atomically, and add it to the resources of the kustomization.yaml
in its folder (comments and layout of that file are kept).

  --stdin-timeout S  seconds to wait for stdin to end (default 30): an open
              pipe that nobody writes to is an error, not a hang.
  --to FILE   where to write it. Without --to, the Secret goes to
              <folder>/<name>.sops.yaml when exactly one folder of the
              repository is for its namespace: a kustomization.yaml with
              'namespace: <namespace>', or the path of a Flux Kustomization with
              'targetNamespace: <namespace>'. Otherwise --to is required.

The decrypted Secret is never written to disk. An existing FILE is not
overwritten. Values are never printed.
`;

const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** metadata fields the API server sets; they must not be committed. */
const SERVER_METADATA = ['uid', 'resourceVersion', 'creationTimestamp', 'managedFields', 'ownerReferences', 'generation', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds'];

export interface ImportedSecret {
  readonly name: string;
  readonly namespace: string | undefined;
  /** The cleaned Secret as YAML text (plaintext: keep it in memory). */
  readonly plaintext: string;
}

/** Parses one Secret from `kubectl get -o yaml|json` output and strips what the server populated. */
export function cleanLiveSecret(input: string): ImportedSecret {
  const docs = parseAllDocuments(input).filter((d) => !(Array.isArray(d) || d.contents === null));
  if (docs.length !== 1 || Array.isArray(docs[0])) throw new SecretsInputError(`expected one Secret on stdin, found ${docs.length} YAML documents`);
  const doc = docs[0]!;
  // A parse error message can quote the input, which may be a value: say only where it is.
  if (doc.errors.length > 0) throw new SecretsInputError(`stdin is not valid YAML or JSON (line ${doc.errors[0]!.linePos?.[0].line ?? '?'})`);
  const secret: unknown = doc.toJS();
  if (!isRecord(secret) || secret['kind'] !== 'Secret' || secret['apiVersion'] !== 'v1') {
    const kind = isRecord(secret) && typeof secret['kind'] === 'string' ? secret['kind'] : 'something else';
    throw new SecretsInputError(`expected a v1 Secret on stdin, found ${kind} (use kubectl get secret NAME -o yaml)`);
  }
  const metadata = isRecord(secret['metadata']) ? secret['metadata'] : {};
  const name = metadata['name'];
  if (typeof name !== 'string' || name === '') throw new SecretsInputError('the Secret on stdin has no metadata.name');
  for (const field of SERVER_METADATA) delete metadata[field];
  const annotations = metadata['annotations'];
  if (isRecord(annotations)) {
    delete annotations[LAST_APPLIED];
    if (Object.keys(annotations).length === 0) delete metadata['annotations'];
  }
  delete secret['status'];
  const namespace = typeof metadata['namespace'] === 'string' && metadata['namespace'] !== '' ? metadata['namespace'] : undefined;
  return { name, namespace, plaintext: stringify(secret, { lineWidth: 0 }) };
}

/** Folders of the repository that are for a namespace: kustomizations that set it, Flux Kustomization paths that target it. */
export function foldersForNamespace(repo: string, namespace: string): string[] {
  const model = loadRepository(new NodeFileSystem(repo));
  const folders = new Set<string>();
  for (const file of model.files) {
    if (file.role !== 'kustomization') continue;
    const value = model.store.documents(file.path)?.[0]?.value;
    if (isRecord(value) && value['namespace'] === namespace) folders.add(dirname(file.path));
  }
  for (const ks of model.fluxKustomizations) if (ks.targetNamespace === namespace && ks.path !== undefined) folders.add(ks.path === '' ? '.' : ks.path);
  return [...folders].sort();
}

function targetFor(ctx: SecretsContext, to: string | undefined, secret: ImportedSecret): string {
  if (to !== undefined) return argumentPath(ctx, to);
  if (!secret.namespace) throw new SecretsInputError(`the Secret ${secret.name} has no namespace: say where to write it with --to FILE`);
  const folders = foldersForNamespace(ctx.repo, secret.namespace);
  if (folders.length !== 1) {
    const found = folders.length === 0 ? 'no folder of the repository is' : `${folders.length} folders are (${folders.join(', ')})`;
    throw new SecretsInputError(`${found} for namespace ${secret.namespace}: say where to write the Secret with --to FILE`);
  }
  return join(ctx.repo, folders[0]!, `${secret.name}.sops.yaml`);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** The kustomization file of a folder, if it has one. */
async function kustomizationIn(folder: string): Promise<string | undefined> {
  for (const name of KUSTOMIZATION_FILE_NAMES) if (await exists(join(folder, name))) return join(folder, name);
  return undefined;
}

/**
 * Adds `entry` to the `resources` of a kustomization file's text, keeping its
 * comments and layout. Returns undefined when it is already listed.
 */
export function addKustomizationResource(text: string, entry: string): string | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new SecretsInputError(`cannot add ${entry}: the kustomization file is not valid YAML (line ${doc.errors[0]!.linePos?.[0].line ?? '?'})`);
  const resources = doc.get('resources', true);
  if (resources === undefined || resources === null) doc.set('resources', doc.createNode([entry]));
  else if (isSeq(resources)) {
    if (resources.items.some((item) => isScalar(item) && String(item.value).replace(/^\.\//, '') === entry)) return undefined;
    resources.add(doc.createNode(entry));
  } else throw new SecretsInputError(`cannot add ${entry}: resources is not a list`);
  // Keep the file's own list style: "resources:\n- a" (not indented) or "resources:\n  - a".
  const indentSeq = !/^[ \t]*resources:[ \t]*(#.*)?\r?\n(?:[ \t]*(?:#.*)?\r?\n)*-/m.test(text);
  return doc.toString({ indentSeq, lineWidth: 0 });
}

/** What it accepts: its options besides --repo and --help, its operands. */
export const SECRETS_IMPORT = { command: 'import', help: SECRETS_IMPORT_HELP, options: { to: { type: 'string' }, 'stdin-timeout': { type: 'string' } } as const } satisfies SubcommandShape<OptionsConfig>;

export const runSecretsImport = subcommand(SECRETS_IMPORT, async ({ ctx, values, positionals }) => {
  if (positionals.length > 0) throw new SecretsInputError('the Secret is read from stdin; pass the destination with --to FILE');
  const secret = cleanLiveSecret(await readPipedStdin(ctx, 'the Secret manifest', stdinTimeout(values['stdin-timeout'])));
  const target = targetFor(ctx, values.to, secret);
  if (await exists(target)) throw new SecretsInputError(`${shownPath(ctx, target)} exists; choose another --to FILE or remove it first`);
  const { text, rule } = await encryptForPath(ctx, target, secret.plaintext);
  const inClear = inspectSopsFile(text, { file: shownPath(ctx, target) }).flatMap((d) => d.findings.filter((f) => f.kind === 'secret-value-in-clear'));
  if (inClear.length > 0) {
    throw new SecretsInputError(`${rule} would leave ${inClear.map((f) => f.path.join('.')).join(', ')} in clear; nothing was written (encrypt data and stringData, e.g. encrypted_regex: ^(data|stringData)$)`);
  }
  await mkdir(dirname(target), { recursive: true });
  await writeFileAtomic(target, text, { within: ctx.repo });
  const label = `${secret.namespace ? `${secret.namespace}/` : ''}${secret.name}`;
  ctx.io.out(`imported Secret ${label} into ${shownPath(ctx, target)} (encrypted with ${rule})\n`);
  const kustomization = await kustomizationIn(dirname(target));
  if (!kustomization) {
    ctx.io.out(`${shownPath(ctx, dirname(target))} has no kustomization.yaml: Flux applies every manifest of such a folder, so nothing else was changed\n`);
    return EXIT.ok;
  }
  const updated = addKustomizationResource(await readFile(kustomization, 'utf8'), basename(target));
  if (updated === undefined) ctx.io.out(`${shownPath(ctx, kustomization)} already lists ${basename(target)}\n`);
  else {
    await writeFileAtomic(kustomization, updated, { within: ctx.repo });
    ctx.io.out(`added ${basename(target)} to the resources of ${shownPath(ctx, kustomization)}\n`);
  }
  return EXIT.ok;
});
