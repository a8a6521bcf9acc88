import type { CreatedSecret } from '@kustodian/audit';
import { createdSecretOf, findKubeCommands, parseShellScript, repositoryShell } from '@kustodian/audit';
import type { RepositoryModel } from '@kustodian/manifest-model';

/** A `kubectl create secret` or `flux create secret` command in a script or a Markdown file. */
export interface SecretCommand {
  readonly name: string;
  /** From `-n`/`--namespace` (or an earlier `kubectl config set-context --namespace`); undefined when the script does not say. */
  readonly namespace: string | undefined;
  readonly file: string;
  /** Line of the kubectl / flux word. */
  readonly line: number;
}

const DNS_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** The name and namespace of a created Secret, when the command writes them literally. */
function literalSecret(created: CreatedSecret | undefined): { name: string; namespace: string | undefined } | undefined {
  if (!created || created.name.dynamic || !DNS_NAME.test(created.name.value)) return undefined;
  const namespace = created.namespace;
  return { name: created.name.value, namespace: namespace && !namespace.dynamic && DNS_NAME.test(namespace.value) ? namespace.value : undefined };
}

/** The Secret a command line creates, if it creates one with a literal name. */
export function secretCreatedBy(line: string): { name: string; namespace: string | undefined } | undefined {
  for (const command of findKubeCommands(parseShellScript(line))) {
    const secret = literalSecret(createdSecretOf(command));
    if (secret) return secret;
  }
  return undefined;
}

/**
 * Every Secret that a script or a Markdown file (its shell code blocks and
 * inline code) creates by command: the commands the audit reads, through
 * `repositoryShell` and `createdSecretOf` of `@kustodian/audit`.
 */
export function commandCreatedSecrets(model: RepositoryModel): SecretCommand[] {
  const out: SecretCommand[] = [];
  for (const sources of repositoryShell(model, { inlineCode: true })) {
    for (const command of findKubeCommands(sources.map((s) => s.script))) {
      const secret = literalSecret(createdSecretOf(command));
      if (secret) out.push({ ...secret, file: sources[0]!.file, line: command.line });
    }
  }
  return out;
}
