import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: import.meta.dirname,
  cacheDir: '../../node_modules/.vite/apps/cli',
  resolve: { conditions: ['@kustodian/source'] },
  ssr: { resolve: { conditions: ['@kustodian/source'] } },
  test: {
    name: 'cli',
    watch: false,
    globals: true,
    environment: 'node',
    include: ['{src,test}/**/*.test.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: './test-output/vitest/results.json' },
    testTimeout: 30_000,
    // The programs the tests start keep their V8 code cache here, not in the user's ~/.cache.
    env: { KUSTODIAN_CACHE_DIR: `${import.meta.dirname}/test-output/compile-cache` },
  },
});
