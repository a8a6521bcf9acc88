import type { RepositoryModel, SecretDefinition } from '@kustodian/manifest-model';
import { inspectSopsFile } from '@kustodian/sops';

/**
 * A generated Secret is encrypted when it has no literals and every file it
 * is made from carries SOPS metadata (Flux decrypts those).
 */
export function generatorEncrypted(model: RepositoryModel, generator: Extract<SecretDefinition, { type: 'generator' }>): boolean {
  return (
    generator.sources.length > 0 &&
    generator.literals === 0 &&
    generator.sources.every((file) => {
      const text = model.store.text(file);
      return text !== undefined && inspectSopsFile(text, { file }).some((r) => r.status === 'encrypted');
    })
  );
}
