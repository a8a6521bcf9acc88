/**
 * Finds age identities the way sops does: SOPS_AGE_KEY (keys in the
 * variable), SOPS_AGE_KEY_FILE (a keys file), SOPS_AGE_KEY_CMD (a command
 * printing keys) and the user's `sops/age/keys.txt`; all are merged. This is
 * the only module of the package that reads the environment, files or runs
 * a command. Secrets never appear in results, warnings or errors.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseAgeIdentities } from '../crypto/age.js';
import type { AgeIdentity } from '../crypto/age.js';
import { SopsError } from '../errors.js';

export interface LoadAgeIdentitiesOptions {
  /** @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** @default os.homedir() */
  readonly homeDir?: string;
  /** Decides the default keys file location. @default process.platform */
  readonly platform?: NodeJS.Platform;
  /** Passed to SOPS_AGE_KEY_CMD as SOPS_AGE_RECIPIENT. */
  readonly recipient?: string;
  /** How long SOPS_AGE_KEY_CMD may run. @default 30000 */
  readonly commandTimeoutMs?: number;
}

export interface LoadedAgeIdentities {
  readonly identities: readonly AgeIdentity[];
  /** What was read, e.g. `SOPS_AGE_KEY_FILE /home/me/keys.txt` (never contents). */
  readonly sources: readonly string[];
  /** Keys that were skipped (plugin or SSH keys), by source and line. */
  readonly warnings: readonly string[];
}

/** The default keys file: `$XDG_CONFIG_HOME/sops/age/keys.txt`, else the platform's user config folder. */
export function defaultAgeKeyFile(env: Readonly<Record<string, string | undefined>>, homeDir: string, platform: NodeJS.Platform): string {
  const xdg = env['XDG_CONFIG_HOME'];
  let configDir: string;
  if (xdg) configDir = xdg;
  else if (platform === 'darwin') configDir = join(homeDir, 'Library', 'Application Support');
  else if (platform === 'win32') configDir = env['AppData'] ?? env['APPDATA'] ?? join(homeDir, 'AppData', 'Roaming');
  else configDir = join(homeDir, '.config');
  return join(configDir, 'sops', 'age', 'keys.txt');
}

/** Splits a command line into words like a POSIX shell would, without running a shell. */
export function splitCommandLine(command: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < command.length; i++) {
    const ch = command[i]!;
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else word += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && i + 1 < command.length && '"\\$`'.includes(command[i + 1]!)) word += command[++i];
      else word += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      word ??= '';
    } else if (ch === '\\' && i + 1 < command.length) {
      word = (word ?? '') + command[++i];
    } else if (/\s/.test(ch)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else word = (word ?? '') + ch;
  }
  if (quote) throw new SopsError('SOPS_KEY_SOURCE_FAILED', 'SOPS_AGE_KEY_CMD has an unclosed quote');
  if (word !== undefined) words.push(word);
  return words;
}

function runKeyCommand(command: string, env: Readonly<Record<string, string | undefined>>, recipient: string | undefined, timeout: number): Promise<string> {
  const [program, ...args] = splitCommandLine(command);
  if (!program) throw new SopsError('SOPS_KEY_SOURCE_FAILED', 'SOPS_AGE_KEY_CMD is empty');
  const childEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) childEnv[k] = v;
  if (recipient) childEnv['SOPS_AGE_RECIPIENT'] = recipient;
  return new Promise((resolve, reject) => {
    const child = execFile(program, args, { env: childEnv, timeout, maxBuffer: 1024 * 1024, encoding: 'utf8' }, (error, stdout) => {
      if (error) {
        const reason = error.killed ? `timed out after ${timeout} ms` : typeof error.code === 'number' ? `exited with status ${error.code}` : error.code ?? error.message;
        reject(new SopsError('SOPS_KEY_SOURCE_FAILED', `SOPS_AGE_KEY_CMD (${program}) failed: ${reason}`, { program }, { cause: error }));
        return;
      }
      resolve(stdout);
    });
    child.stdin?.end();
  });
}

async function readKeyFile(path: string, source: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new SopsError('SOPS_KEY_SOURCE_FAILED', `${source}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { path }, { cause: error });
  }
}

/**
 * Loads every age identity sops would use. An unreadable SOPS_AGE_KEY_FILE or
 * a failing SOPS_AGE_KEY_CMD is an error; a missing default keys file is not.
 * Returns no identities (rather than failing) when nothing is configured:
 * the operation that needs one reports SOPS_NO_IDENTITY with the file's recipients.
 */
export async function loadAgeIdentities(options: LoadAgeIdentitiesOptions = {}): Promise<LoadedAgeIdentities> {
  const env = options.env ?? process.env;
  const identities: AgeIdentity[] = [];
  const sources: string[] = [];
  const warnings: string[] = [];
  const add = async (text: string, source: string): Promise<void> => {
    const parsed = await parseAgeIdentities(text, source);
    identities.push(...parsed.identities);
    warnings.push(...parsed.skipped);
    sources.push(source);
  };
  const inline = env['SOPS_AGE_KEY'];
  if (inline) await add(inline, 'SOPS_AGE_KEY');
  const keyFile = env['SOPS_AGE_KEY_FILE'];
  if (keyFile) await add(await readKeyFile(keyFile, 'SOPS_AGE_KEY_FILE'), `SOPS_AGE_KEY_FILE ${keyFile}`);
  const command = env['SOPS_AGE_KEY_CMD'];
  if (command) {
    const output = await runKeyCommand(command, env, options.recipient, options.commandTimeoutMs ?? 30_000);
    await add(output, 'SOPS_AGE_KEY_CMD');
  }
  for (const name of ['SOPS_AGE_SSH_PRIVATE_KEY_FILE', 'SOPS_AGE_SSH_PRIVATE_KEY_CMD']) {
    if (env[name]) warnings.push(`${name} is set, but SSH identities are not supported; it was ignored`);
  }
  const defaultFile = defaultAgeKeyFile(env, options.homeDir ?? homedir(), options.platform ?? process.platform);
  let defaultText: string | undefined;
  try {
    defaultText = await readFile(defaultFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new SopsError('SOPS_KEY_SOURCE_FAILED', `cannot read ${defaultFile} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { path: defaultFile }, { cause: error });
    }
  }
  if (defaultText !== undefined) await add(defaultText, defaultFile);
  return { identities, sources, warnings };
}
