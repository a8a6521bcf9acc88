import type { AnyRule } from '../engine/define-rule.js';
import kustomizationUnapplied from './structure/kustomization-unapplied.js';

/**
 * Every built-in rule, sorted by id. Add a rule here when you add its file
 * (test/rules-meta.test.ts fails until you do).
 */
export const allRules: readonly AnyRule[] = [kustomizationUnapplied];
