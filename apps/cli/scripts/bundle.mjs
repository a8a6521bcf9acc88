#!/usr/bin/env node
// Bundles the kustodian CLI for publishing: the @kustodian/* libraries of this
// workspace are compiled into the CLI (so `npx kustodian-x.y.z.tgz` installs
// from one tarball), every other package stays an import of a dependency
// declared in package.json. Run after the TypeScript build (the `bundle`
// target of apps/cli depends on `build`).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const declared = Object.keys(manifest.dependencies ?? {});
const internal = Object.keys(manifest.devDependencies ?? {}).filter((name) => name.startsWith('@kustodian/'));

await build({
  absWorkingDir: root,
  entryPoints: { kustodian: 'src/bin.ts', 'kustodian-docs': 'src/docs-bin.ts', index: 'src/cli.ts' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  sourcemap: 'linked',
  // Built libraries, not their sources: the bundle is made of what `build` checked.
  conditions: ['import', 'default'],
  // Declared dependencies and Node built-ins are imported at run time; an
  // undeclared package (one a library uses but the CLI does not declare) fails
  // the bundle here instead of at a user's first run.
  external: [...declared, ...declared.map((name) => `${name}/*`), 'node:*'],
  plugins: [
    {
      name: 'declared-dependencies-only',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => {
          if (args.path.startsWith('node:')) return undefined;
          const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
          if (internal.includes(name) || declared.includes(name)) return undefined;
          return { errors: [{ text: `${args.path} (imported by ${args.importer}) is not a dependency of ${manifest.name}: add it to apps/cli/package.json "dependencies"` }] };
        });
      },
    },
  ],
  logLevel: 'warning',
});
