/**
 * age through `age-encryption`: identities (secret keys) that never show
 * their secret, recipients (public keys), and wrapping a data key into one
 * armored age file per recipient, as sops does.
 */
import { inspect } from 'node:util';
import type { Decrypter } from 'age-encryption';

/**
 * age-encryption and its curve libraries, loaded on first use: most commands
 * (the audit, the model, the docs) inspect SOPS files without a key and never
 * need them (they cost about 60 ms to load).
 */
let ageModule: Promise<typeof import('age-encryption')> | undefined;
const age = () => (ageModule ??= import('age-encryption'));
import { SopsError } from '../errors.js';

const secrets = new WeakMap<AgeIdentity, string>();

/**
 * An age identity (an `AGE-SECRET-KEY-1…` X25519 or `AGE-SECRET-KEY-PQ-1…`
 * hybrid post-quantum key). Its secret is not a property: JSON, `inspect`
 * and string forms show only the public recipient and where it came from.
 */
export class AgeIdentity {
  private constructor(
    /** The public key (`age1…` or `age1pq1…`). */
    readonly recipient: string,
    /** Where the identity came from, e.g. `SOPS_AGE_KEY_FILE /home/me/keys.txt:3`. */
    readonly source: string,
  ) {}

  /** Validates a secret key and derives its recipient. Throws SOPS_IDENTITY_INVALID. */
  static async fromSecretKey(secretKey: string, source = 'given identity'): Promise<AgeIdentity> {
    const secret = secretKey.trim();
    let recipient: string;
    try {
      if (!/^AGE-SECRET-KEY-(PQ-)?1[0-9A-Z]+$/.test(secret)) throw new Error('not an age secret key');
      recipient = await (await age()).identityToRecipient(secret);
    } catch (error) {
      throw new SopsError('SOPS_IDENTITY_INVALID', `${source}: not a valid age identity (AGE-SECRET-KEY-1… or AGE-SECRET-KEY-PQ-1…)`, { source }, { cause: error });
    }
    const identity = new AgeIdentity(recipient, source);
    secrets.set(identity, secret);
    return identity;
  }

  toJSON(): { recipient: string; source: string } {
    return { recipient: this.recipient, source: this.source };
  }

  toString(): string {
    return `AgeIdentity(${this.recipient} from ${this.source})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/** The secret key of an identity; only for handing to age. */
function secretOf(identity: AgeIdentity): string {
  const secret = secrets.get(identity);
  if (secret === undefined) throw new SopsError('SOPS_IDENTITY_INVALID', 'identity was not created with AgeIdentity.fromSecretKey');
  return secret;
}

export interface ParsedIdentities {
  readonly identities: AgeIdentity[];
  /** Lines that hold keys of a kind this library cannot use (plugins, SSH keys), by line number. */
  readonly skipped: string[];
}

/**
 * The identities in a keys file (`age-keygen` format: one key a line, `#`
 * comments). Plugin and SSH keys are skipped and reported; anything else
 * that is not a key is an error naming the source and line, not the text.
 */
export async function parseAgeIdentities(text: string, source: string): Promise<ParsedIdentities> {
  const identities: AgeIdentity[] = [];
  const skipped: string[] = [];
  if (text.includes('-----BEGIN OPENSSH PRIVATE KEY-----') || text.includes('-----BEGIN RSA PRIVATE KEY-----')) {
    return { identities, skipped: [`${source}: SSH private keys are not supported`] };
  }
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('AGE-PLUGIN-')) {
      skipped.push(`${source}:${index + 1}: age plugin identities are not supported`);
      continue;
    }
    identities.push(await AgeIdentity.fromSecretKey(line, `${source}:${index + 1}`));
  }
  return { identities, skipped };
}

/** Rejects with SOPS_RECIPIENT_INVALID unless `recipient` is an age recipient age-encryption can encrypt to. */
export async function checkAgeRecipient(recipient: string): Promise<void> {
  if (/^ssh-(ed25519|rsa) /.test(recipient)) {
    throw new SopsError('SOPS_RECIPIENT_INVALID', `SSH recipients are not supported: ${recipient.split(' ').slice(0, 2).join(' ')}`, { recipient });
  }
  const { Encrypter } = await age();
  try {
    new Encrypter().addRecipient(recipient);
  } catch (error) {
    throw new SopsError('SOPS_RECIPIENT_INVALID', `not a valid age recipient: ${recipient}`, { recipient }, { cause: error });
  }
}

/** An armored age file holding `data` for one recipient (one file per recipient, as sops writes). */
export async function wrapForRecipient(data: Uint8Array, recipient: string): Promise<string> {
  await checkAgeRecipient(recipient);
  const { armor, Encrypter } = await age();
  const encrypter = new Encrypter();
  encrypter.addRecipient(recipient);
  return armor.encode(await encrypter.encrypt(data));
}

/** One Decrypter per identity, kept for the identity's lifetime (it caches the X25519 public key). */
const decrypters = new WeakMap<AgeIdentity, Decrypter>();

async function decrypterFor(identity: AgeIdentity): Promise<Decrypter> {
  let decrypter = decrypters.get(identity);
  if (!decrypter) {
    const { Decrypter } = await age();
    decrypter = new Decrypter();
    decrypter.addIdentity(secretOf(identity));
    decrypters.set(identity, decrypter);
  }
  return decrypter;
}

/** Opens armored age files with a fixed set of identities. */
export class AgeUnwrapper {
  constructor(readonly identities: readonly AgeIdentity[]) {}

  /**
   * The plaintext, or undefined when none of the identities is a recipient of
   * the file. Identities whose public key is `recipient` are tried first.
   */
  async unwrap(enc: string, where: string, recipient?: string): Promise<Uint8Array | undefined> {
    const { armor } = await age();
    let file: Uint8Array;
    try {
      file = armor.decode(enc);
    } catch (error) {
      throw new SopsError('SOPS_METADATA_INVALID', `${where}: the age data key is not a valid armored age file`, {}, { cause: error });
    }
    const ordered = [...this.identities.filter((i) => i.recipient === recipient), ...this.identities.filter((i) => i.recipient !== recipient)];
    for (const identity of ordered) {
      try {
        return await (await decrypterFor(identity)).decrypt(file);
      } catch (error) {
        if (error instanceof Error && /no identity matched/.test(error.message)) continue;
        throw new SopsError('SOPS_METADATA_INVALID', `${where}: the age data key cannot be opened (${(error as Error).message})`, {}, { cause: error });
      }
    }
    return undefined;
  }
}
