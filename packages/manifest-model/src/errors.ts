import { KustodianError } from '@kustodian/core';

/** Codes for conditions under which the model cannot be built at all. */
export type ManifestModelErrorCode =
  | 'REPOSITORY_NOT_FOUND'
  | 'GIT_REVISION_NOT_FOUND'
  | 'GIT_FAILED'
  | 'PATH_NOT_FOUND';

/** Thrown only when the model cannot be built; problems in the repository are Diagnostics. */
export class ManifestModelError extends KustodianError<ManifestModelErrorCode> {
  override readonly name = 'ManifestModelError';
}
