import type { RepositoryModel } from '@kustodian/manifest-model';

/** A `kubectl create secret` or `flux create secret` line in a script or a Markdown file. */
export interface SecretCommand {
  readonly name: string;
  /** From `-n`/`--namespace`; undefined when the command does not say. */
  readonly namespace: string | undefined;
  readonly file: string;
  readonly line: number;
}

const SUBTYPES = new Set(['generic', 'tls', 'docker-registry', 'git', 'helm', 'oci', 'notation', 'proxy', 'github-app']);
const DNS_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** Shell lines with their continuations (`\` at the end) joined, each with the number of its first line. */
function logicalLines(text: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let joined = lines[i]!;
    while (joined.endsWith('\\') && i + 1 < lines.length) joined = `${joined.slice(0, -1)} ${lines[++i]}`;
    out.push({ text: joined, line: start + 1 });
  }
  return out;
}

function unquote(token: string): string {
  return token.replace(/^["']|["']$/g, '');
}

/** Flags of kubectl and flux that take the next word as their value. */
const VALUE_FLAGS = new Set(['-n', '--namespace', '--context', '--kubeconfig', '--cluster', '--user', '-s', '--server', '--token']);

/** The Secret a command line creates, if it creates one with a literal name (`-n`/`--namespace` anywhere on the line). */
export function secretCreatedBy(line: string): { name: string; namespace: string | undefined } | undefined {
  const match = /\b(?:kubectl|flux)\b(.*)$/.exec(line);
  if (!match || !/\bcreate\s+secrets?\b/.test(match[1]!)) return undefined;
  const positionals: string[] = [];
  let namespace: string | undefined;
  const tokens = match[1]!.split(/\s+/).filter((t) => t !== '');
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (/^[|;&>]/.test(token)) break;
    if (token === '-n' || token === '--namespace') namespace = unquote(tokens[i + 1] ?? '');
    else if (/^--namespace=/.test(token) || /^-n[a-z0-9]/.test(token)) namespace = unquote(token.replace(/^--namespace=|^-n/, ''));
    if (VALUE_FLAGS.has(token)) i += 1;
    else if (!token.startsWith('-')) positionals.push(unquote(token));
  }
  const create = positionals.indexOf('create');
  if (create < 0 || !/^secrets?$/.test(positionals[create + 1] ?? '')) return undefined;
  const rest = positionals.slice(create + 2);
  const name = SUBTYPES.has(rest[0] ?? '') ? rest[1] : rest[0];
  if (!name || !DNS_NAME.test(name)) return undefined;
  return { name, namespace: namespace && DNS_NAME.test(namespace) ? namespace : undefined };
}

/** Every Secret that a script or a Markdown file creates by command. */
export function commandCreatedSecrets(model: RepositoryModel): SecretCommand[] {
  const out: SecretCommand[] = [];
  for (const file of model.files) {
    if (file.role !== 'shell' && file.role !== 'markdown') continue;
    const text = model.store.text(file.path);
    if (!text || !/create\s+secret/.test(text)) continue;
    for (const { text: line, line: number } of logicalLines(text)) {
      const created = secretCreatedBy(line);
      if (created) out.push({ ...created, file: file.path, line: number });
    }
  }
  return out;
}
