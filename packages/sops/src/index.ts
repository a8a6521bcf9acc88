// Public surface of @kustodian/sops: SOPS files with age, compatible with the sops tool and Flux.

export { SopsError, isSopsError } from './errors.js';
export type { SopsErrorCode } from './errors.js';

// Operations that need a key: text in, text (or values) out.
export { decryptSopsFile } from './operations/decrypt.js';
export type { DecryptOptions, DecryptResult } from './operations/decrypt.js';
export { encryptSopsFile, SOPS_FORMAT_VERSION } from './operations/encrypt.js';
export type { EncryptionSettings, EncryptOptions } from './operations/encrypt.js';
export { setSopsValue, unsetSopsValue } from './operations/set-key.js';
export type { EditOptions } from './operations/set-key.js';
export { rotateSopsFile } from './operations/rotate.js';
export type { RotateOptions } from './operations/rotate.js';
export { updateSopsRecipients } from './operations/update-recipients.js';
export type { UpdateRecipientsOptions, UpdateRecipientsResult } from './operations/update-recipients.js';
export type { KeyedOptions, SealOptions } from './operations/open-sops-file.js';

// Inspection without a key.
export { inspectSopsDocument, inspectSopsDocuments, inspectSopsFile, isSopsMetadata } from './inspect.js';
export type {
  FieldLocation,
  FieldPath,
  InspectionFinding,
  InspectionFindingKind,
  InspectionResult,
  InspectionStatus,
  InspectOptions,
  RecipientInfo,
  SopsMetadataSummary,
} from './inspect.js';
export type { ParsedDocument, ParseErrorAt } from './inspect/document-facts.js';

// Keys.
export { AgeIdentity, checkAgeRecipient, parseAgeIdentities } from './crypto/age.js';
export type { ParsedIdentities } from './crypto/age.js';
export { defaultAgeKeyFile, loadAgeIdentities } from './keys/load-age-identities.js';
export type { LoadAgeIdentitiesOptions, LoadedAgeIdentities } from './keys/load-age-identities.js';
export type { KeyGroupSpec } from './crypto/data-key.js';

// .sops.yaml.
export { findCreationRule, parseSopsConfig, pathForRules, sopsConfigFromValue } from './creation-rules.js';
export { metadataRecipientKeys, recipientDrift, ruleRecipientKeys, showRecipient } from './recipients.js';
export type { RecipientDrift, RecipientKey } from './recipients.js';
export type { CreationRule, ParseSopsConfigOptions, SopsConfig, SopsStoresConfig } from './creation-rules.js';
export { findSopsConfig, SOPS_CONFIG_FILE } from './io/find-sops-config.js';
export type { FoundSopsConfig } from './io/find-sops-config.js';

// Formats, metadata and values.
export { formatForPath } from './stores/store.js';
export type { SopsFormat } from './stores/store.js';
export type { AgeKeyEntry, EncryptionSelectors, OtherMasterKey, SopsKeyGroup, SopsMetadata } from './format/metadata.js';
export { isEncryptedValue } from './crypto/value-cipher.js';
export { formatSopsPath, parseSopsPath } from './tree/tree-path.js';
export type { SopsPath } from './tree/tree-path.js';
export { treeToPlain } from './tree/plain-value.js';
export type { SopsComment, SopsTime, TreeBranch, TreeItem, TreeList, TreeScalar, TreeValue } from './tree/tree.js';

// Writing files (for front ends).
