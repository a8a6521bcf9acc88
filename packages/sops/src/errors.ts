import { KustodianError } from '@kustodian/core';

/**
 * Codes for conditions under which a SOPS operation cannot proceed. Messages
 * name files, field paths and public recipients, never a secret value.
 */
export type SopsErrorCode =
  /** The recomputed MAC differs from the stored one, or the stored MAC cannot be authenticated. */
  | 'SOPS_MAC_MISMATCH'
  /** An `ENC[...]` value failed to decrypt (wrong data key, or tampered ciphertext, IV, tag or path). */
  | 'SOPS_VALUE_DECRYPT_FAILED'
  /** A value that the file's rules say is encrypted is not in the `ENC[...]` format. */
  | 'SOPS_VALUE_MALFORMED'
  /** The text has no `sops` metadata: it is not a SOPS file. */
  | 'SOPS_METADATA_NOT_FOUND'
  /** The `sops` metadata is present but unusable (no keys, bad `lastmodified`, several selectors…). */
  | 'SOPS_METADATA_INVALID'
  /** The YAML, JSON or dotenv text cannot be parsed, or has a shape SOPS does not accept. */
  | 'SOPS_FILE_MALFORMED'
  /** The format (e.g. INI) or a feature (e.g. a PGP or KMS key that must be written) is not supported. */
  | 'SOPS_UNSUPPORTED'
  /** Encrypting a file that already carries a top-level `sops` key. */
  | 'SOPS_ALREADY_ENCRYPTED'
  /** No age identity was given or found. */
  | 'SOPS_NO_IDENTITY'
  /** None of the identities opens the data key; the message names the recipients the file expects. */
  | 'SOPS_WRONG_KEY'
  /** An age identity (secret key) is malformed. */
  | 'SOPS_IDENTITY_INVALID'
  /** An age recipient (public key) is malformed or of an unsupported kind. */
  | 'SOPS_RECIPIENT_INVALID'
  /** A key source (SOPS_AGE_KEY_FILE, SOPS_AGE_KEY_CMD, …) failed. */
  | 'SOPS_KEY_SOURCE_FAILED'
  /** `.sops.yaml` is malformed. */
  | 'SOPS_CONFIG_INVALID'
  /** No creation rule in `.sops.yaml` matches the file. */
  | 'SOPS_NO_CREATION_RULE'
  /** A `set`/`unset` path does not exist or crosses a scalar. */
  | 'SOPS_PATH_NOT_FOUND';

/** Thrown when a SOPS operation cannot proceed. */
export class SopsError extends KustodianError<SopsErrorCode> {
  override readonly name = 'SopsError';
}

/** True when `error` is a SopsError, optionally with the given code. */
export function isSopsError(error: unknown, code?: SopsErrorCode): error is SopsError {
  return error instanceof SopsError && (code === undefined || error.code === code);
}
