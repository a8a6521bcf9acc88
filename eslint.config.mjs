// ESLint for the whole workspace: typescript-eslint's recommended rules and
// the module boundaries of the package graph.
//
// Boundaries: eslint-plugin-boundaries, not @nx/enforce-module-boundaries —
// on our registry @nx/eslint-plugin stops at 23.3.0-beta.0 and brings its own
// beta copy of @nx/devkit and @nx/js beside nx 23.3.1. The element types
// below are the `tags` of each project (`type:base`, `type:core`, `type:engine`,
// `type:consumer`, `type:app`); tools/ci/check-boundaries.mjs keeps the two equal.
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

/** Project folder → element type (the project's `type:` tag). */
export const ELEMENTS = [
  // What every package shares (errors, exit statuses, atomic writes): imports nothing of ours.
  { type: 'base', pattern: ['packages/core'] },
  // Facts about a repository and about SOPS files: over the base only.
  { type: 'core', pattern: ['packages/manifest-model', 'packages/sops'] },
  // The audit engine and its rules: over the core.
  { type: 'engine', pattern: ['packages/audit'] },
  // Libraries that consume the model and the findings (docs; later backup, planners): never each other.
  { type: 'consumer', pattern: ['packages/docs'] },
  // Thin command-line and operator apps: may import any package, nothing imports them.
  { type: 'app', pattern: ['apps/*'] },
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/out-tsc/**', '**/test-output/**', '**/node_modules/**', '.nx/**', 'examples/**', 'tools/**/fixtures/**', '**/*.tgz'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // `_`-prefixed names are deliberately unused (destructuring a field away, an unused parameter of a callback type).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['packages/**/*.ts', 'apps/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': ELEMENTS,
      'boundaries/include': ['packages/**/*.ts', 'apps/**/*.ts'],
      'import/resolver': {
        typescript: { project: ['packages/*/tsconfig.lib.json', 'apps/*/tsconfig.lib.json'], conditionNames: ['@kustodian/source', 'types', 'import', 'default'], noWarnOnMultipleProjects: true },
      },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            // Inside one project, anything goes.
            { allow: { dependency: { relationship: { to: 'internal' } } } },
            { from: { element: { type: 'core' } }, allow: { to: { element: { types: { anyOf: ['base', 'core'] } } } } },
            { from: { element: { type: 'engine' } }, allow: { to: { element: { types: { anyOf: ['base', 'core'] } } } } },
            { from: { element: { type: 'consumer' } }, allow: { to: { element: { types: { anyOf: ['base', 'core', 'engine'] } } } } },
            { from: { element: { type: 'app' } }, allow: { to: { element: { types: { anyOf: ['base', 'core', 'engine', 'consumer'] } } } } },
          ],
        },
      ],
    },
  },
);
