/**
 * The exit statuses of every Kustodian command (`kustodian audit`, `model`,
 * `secrets`, `docs`, and `kustodian-docs`): the one mapping the apps use.
 */
export const EXIT = {
  /** Done, and nothing at or above the fail threshold (audit), no stale doc (docs check). */
  ok: 0,
  /** The check found something: findings or load diagnostics at or above the threshold, stale docs, a secret that fails verification. */
  findings: 1,
  /** The input could not be used: a bad command line, kustodian.yaml or baseline, no repository, an unreadable file (any KustodianError). */
  unusable: 2,
} as const;

export type ExitStatus = (typeof EXIT)[keyof typeof EXIT];

/**
 * The base of every error Kustodian throws on purpose: the work cannot go
 * on with this input. It carries a code that programs test (each package
 * narrows it: `ManifestModelErrorCode`, `SopsErrorCode`, `AuditErrorCode`…),
 * details for programs, and a message for people that names the file, line
 * and key at fault — never a secret value. The apps print the message and
 * exit with EXIT.unusable; anything else that is thrown is a bug, reported
 * as an internal error with its stack.
 */
export class KustodianError<Code extends string = string> extends Error {
  override readonly name: string = 'KustodianError';
  constructor(
    readonly code: Code,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True when `error` is a KustodianError (of any package), optionally with the given code. */
export function isKustodianError(error: unknown, code?: string): error is KustodianError {
  return error instanceof KustodianError && (code === undefined || error.code === code);
}

/** The exit status for an error that stopped a command: EXIT.unusable for a KustodianError, undefined for a bug. */
export function exitStatusOf(error: unknown): ExitStatus | undefined {
  return isKustodianError(error) ? EXIT.unusable : undefined;
}

/** A file could not be written (the folder is missing, not writable, the disk is full…). The message names the file. */
export class FileWriteError extends KustodianError<'WRITE_FAILED'> {
  override readonly name = 'FileWriteError';
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super('WRITE_FAILED', `cannot write ${path}: ${(cause as NodeJS.ErrnoException).code ?? (cause instanceof Error ? cause.message : 'error')}`, { path }, { cause });
  }
}
