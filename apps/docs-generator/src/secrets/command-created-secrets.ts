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

/** The Secret a command line creates, if it creates one with a literal name. */
export function secretCreatedBy(line: string): { name: string; namespace: string | undefined } | undefined {
  const match = /\b(?:kubectl|flux)\b.*?\bcreate\s+secrets?\s+(.*)$/.exec(line);
  if (!match) return undefined;
  const tokens = match[1]!.split(/\s+/).filter((t) => t !== '');
  let name: string | undefined;
  let namespace: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (/^[|;&>]/.test(token)) break;
    if (token === '-n' || token === '--namespace') namespace = unquote(tokens[++i] ?? '');
    else if (/^--namespace=/.test(token) || /^-n[a-z0-9]/.test(token)) namespace = unquote(token.replace(/^--namespace=|^-n/, ''));
    else if (token.startsWith('-')) continue;
    else if (name === undefined && SUBTYPES.has(token) && i === 0) continue;
    else if (name === undefined) name = unquote(token);
  }
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
