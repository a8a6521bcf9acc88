import type { AnyRule } from '../engine/define-rule.js';
import backupSelectsNothing from './backup/backup-selects-nothing.js';
import helmNamePrefixed from './helm/helm-name-prefixed.js';
import namespaceForbidden from './namespaces/namespace-forbidden.js';
import namespaceImplicit from './namespaces/namespace-implicit.js';
import namespaceImplicitCommand from './namespaces/namespace-implicit-command.js';
import namespaceRetired from './namespaces/namespace-retired.js';
import namespaceUndeclared from './namespaces/namespace-undeclared.js';
import datasourceUnresolved from './observability/datasource-unresolved.js';
import resourceCopyDrifted from './structure/resource-copy-drifted.js';
import scriptBackgroundAttached from './scripts/script-background-attached.js';
import scriptNeedsTerminal from './scripts/script-needs-terminal.js';
import secretImperative from './secrets/secret-imperative.js';
import secretPlaintext from './secrets/secret-plaintext.js';
import secretUndefined from './secrets/secret-undefined.js';
import secretUnused from './secrets/secret-unused.js';
import secretValueLeak from './secrets/secret-value-leak.js';
import sopsDecryptionMissing from './sops/sops-decryption-missing.js';
import sopsEncryptedRegexBreaksFlux from './sops/sops-encrypted-regex-breaks-flux.js';
import sopsRecipientsDrift from './sops/sops-recipients-drift.js';
import sopsRuleUncovered from './sops/sops-rule-uncovered.js';
import kustomizationPathMissing from './structure/kustomization-path-missing.js';
import kustomizationUnapplied from './structure/kustomization-unapplied.js';
import manifestUnlisted from './structure/manifest-unlisted.js';
import patchTargetMissing from './structure/patch-target-missing.js';
import serviceRefUnresolved from './wiring/service-ref-unresolved.js';

/**
 * Every built-in rule, sorted by id. Add a rule here when you add its file
 * (test/rules-meta.test.ts fails until you do).
 */
/** Rules whose typed findings other packages read (`findingsOf(findings, secretUndefined)`). */
export { secretUndefined, secretUnused };

export const allRules: readonly AnyRule[] = [backupSelectsNothing, datasourceUnresolved, helmNamePrefixed, kustomizationPathMissing, kustomizationUnapplied, manifestUnlisted, namespaceForbidden, namespaceImplicit, namespaceImplicitCommand, namespaceRetired, namespaceUndeclared, patchTargetMissing, resourceCopyDrifted, scriptBackgroundAttached, scriptNeedsTerminal, secretImperative, secretPlaintext, secretUndefined, secretUnused, secretValueLeak, serviceRefUnresolved, sopsDecryptionMissing, sopsEncryptedRegexBreaksFlux, sopsRecipientsDrift, sopsRuleUncovered];
