import type { AnyRule } from '../engine/define-rule.js';
import kustomizationPathMissing from './structure/kustomization-path-missing.js';
import kustomizationUnapplied from './structure/kustomization-unapplied.js';
import manifestUnlisted from './structure/manifest-unlisted.js';
import patchTargetMissing from './structure/patch-target-missing.js';

/**
 * Every built-in rule, sorted by id. Add a rule here when you add its file
 * (test/rules-meta.test.ts fails until you do).
 */
export const allRules: readonly AnyRule[] = [kustomizationPathMissing, kustomizationUnapplied, manifestUnlisted, patchTargetMissing];
