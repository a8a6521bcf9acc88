/**
 * Finding the SOPS-encrypted files of a repository (or of some of its
 * folders) and inspecting them without a key.
 */
import { stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { allRules, readAuditConfig } from '@kustodian/audit';
import { ConfigError, DEFAULT_LIMITS, NodeFileSystem, walkRepository } from '@kustodian/manifest-model';
import type { InspectionResult, SopsMetadataSummary } from '@kustodian/sops';
import { inspectSopsFile, isSopsMetadata } from '@kustodian/sops';
import type { SecretsContext } from './secrets-context.js';
import { argumentPath, readTextFile, SecretsInputError, shownPath } from './secrets-context.js';

/** The file names sops reads as YAML, JSON or dotenv. */
const SOPS_FILE_NAME = /\.(ya?ml|json|env)$/i;

export interface EncryptedFile {
  readonly abs: string;
  /** Relative to the repository when inside it. */
  readonly path: string;
  readonly text: string;
  /** Every document of the file, inspected. */
  readonly documents: readonly InspectionResult[];
  /** The metadata of the first document that has some. */
  readonly sops: SopsMetadataSummary;
}

/** Inspects a file's text; undefined when it is not SOPS-encrypted. */
export function inspectEncrypted(ctx: SecretsContext, abs: string, text: string): EncryptedFile | undefined {
  if (!text.includes('sops')) return undefined;
  const documents = inspectSopsFile(text, { file: shownPath(ctx, abs) });
  const sops = documents.map((d) => d.sops).find(isSopsMetadata);
  return sops ? { abs, path: shownPath(ctx, abs), text, documents, sops } : undefined;
}

/** Files below a folder, as the repository walk sees them (.gitignore respected). */
function filesBelow(ctx: SecretsContext, dir: string): string[] {
  const inside = relative(ctx.repo, dir);
  if (inside === '' || !(inside.startsWith('..') || inside.startsWith('/'))) {
    const prefix = inside === '' ? '' : `${inside.split('\\').join('/')}/`;
    return walkRepository(new NodeFileSystem(ctx.repo))
      .filter((f) => f.path.startsWith(prefix))
      .map((f) => join(ctx.repo, f.path));
  }
  return walkRepository(new NodeFileSystem(dir)).map((f) => join(dir, f.path));
}

export interface FoundFiles {
  readonly files: readonly EncryptedFile[];
  /** Files named on the command line that are not SOPS files. */
  readonly notEncrypted: readonly string[];
  /** Files that could not be read (unreadable, larger than the size limit), each with why: the others are still handled. */
  readonly unreadable: readonly { readonly path: string; readonly reason: string }[];
}

/**
 * The encrypted files of the given paths (the whole repository when none):
 * folders are walked recursively, files named explicitly are read whatever
 * their name.
 */
/** The largest file read: `limits.maxFileBytes` of the repository's kustodian.yaml (the model's limit); an unusable kustodian.yaml leaves the default (the audit reports it). */
function maxFileBytes(ctx: SecretsContext): number {
  try {
    return readAuditConfig(new NodeFileSystem(ctx.repo), { rules: allRules }).limits.maxFileBytes;
  } catch (error) {
    if (error instanceof ConfigError) return DEFAULT_LIMITS.maxFileBytes;
    throw error;
  }
}

export async function findEncryptedFiles(ctx: SecretsContext, args: readonly string[]): Promise<FoundFiles> {
  const limit = maxFileBytes(ctx);
  const files: EncryptedFile[] = [];
  const notEncrypted: string[] = [];
  const unreadable: { path: string; reason: string }[] = [];
  const seen = new Set<string>();
  for (const arg of args.length === 0 ? ['.'] : args) {
    const abs = argumentPath(ctx, arg);
    const kind = await stat(abs).then(
      (s) => (s.isDirectory() ? 'directory' : 'file'),
      () => undefined,
    );
    if (kind === undefined) throw new SecretsInputError(`${arg}: no such file or folder`);
    const candidates = kind === 'directory' ? filesBelow(ctx, abs).filter((f) => SOPS_FILE_NAME.test(f)) : [abs];
    for (const file of candidates) {
      if (seen.has(file)) continue;
      seen.add(file);
      // The same size limit as the model's, checked before reading: a 600 MB file is not read whole.
      const size = await stat(file).then(
        (s) => s.size,
        () => undefined,
      );
      if (size !== undefined && size > limit) {
        unreadable.push({ path: shownPath(ctx, file), reason: `${size} bytes, larger than the ${limit}-byte limit (limits.maxFileBytes in kustodian.yaml); not read` });
        continue;
      }
      let text: string;
      try {
        text = await readTextFile(ctx, file);
      } catch (error) {
        if (!(error instanceof SecretsInputError)) throw error;
        unreadable.push({ path: shownPath(ctx, file), reason: error.message });
        continue;
      }
      const found = inspectEncrypted(ctx, file, text);
      if (found) files.push(found);
      else if (kind === 'file') notEncrypted.push(shownPath(ctx, file));
    }
  }
  return { files, notEncrypted, unreadable };
}

/** `Secret ns/name` (or the kind) of a file's first document, when it is a Kubernetes object. */
export function describeObject(file: EncryptedFile): string {
  const doc = file.documents[0];
  if (!doc?.kind) return '';
  const name = doc.name ? ` ${doc.namespace ? `${doc.namespace}/` : ''}${doc.name}` : '';
  return `${doc.kind}${name}`;
}
