import type { AnyRule } from '../engine/define-rule.js';
import secretPlaintext from './secrets/secret-plaintext.js';
import secretUndefined from './secrets/secret-undefined.js';
import secretUnused from './secrets/secret-unused.js';
import secretValueLeak from './secrets/secret-value-leak.js';
import kustomizationPathMissing from './structure/kustomization-path-missing.js';
import kustomizationUnapplied from './structure/kustomization-unapplied.js';
import manifestUnlisted from './structure/manifest-unlisted.js';
import patchTargetMissing from './structure/patch-target-missing.js';

/**
 * Every built-in rule, sorted by id. Add a rule here when you add its file
 * (test/rules-meta.test.ts fails until you do).
 */
export const allRules: readonly AnyRule[] = [kustomizationPathMissing, kustomizationUnapplied, manifestUnlisted, patchTargetMissing, secretPlaintext, secretUndefined, secretUnused, secretValueLeak];
