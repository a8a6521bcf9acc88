import type { AnyRule } from '../define-rule.js';
import suppressionInvalid from './suppression-invalid.js';
import suppressionUnused from './suppression-unused.js';

/** Rules the engine itself reports (always known; configurable like any rule). Sorted by id. */
export const engineRules: readonly AnyRule[] = [suppressionInvalid, suppressionUnused];

export { suppressionInvalid, suppressionUnused };
