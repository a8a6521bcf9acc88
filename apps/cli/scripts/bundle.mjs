#!/usr/bin/env node
// Bundles the kustodian CLI for publishing: the @kustodian/* libraries of this
// workspace and the third-party packages the CLI lists in devDependencies are
// compiled into the CLI (so `npx kustodian-x.y.z.tgz` installs from one
// tarball, and starting it resolves no package: loading ~600 modules was most
// of a small audit's time); a package in "dependencies" stays an import at run
// time (ajv: loaded only to compile a schema the build did not precompile).
// The licenses of what is bundled go to dist/bundle/THIRD-PARTY-LICENSES.txt.
// Run after the TypeScript build (the `bundle` target of apps/cli depends on `build`).
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const declared = Object.keys(manifest.dependencies ?? {});
const development = Object.keys(manifest.devDependencies ?? {});
const internal = development.filter((name) => name.startsWith('@kustodian/'));
const bundled = development.filter((name) => !name.startsWith('@kustodian/'));

/** What both builds share: the libraries as built, our imports checked against package.json. */
const common = {
  absWorkingDir: root,
  metafile: true,
  bundle: true,
  platform: 'node',
  target: 'node20.19',
  sourcemap: 'linked',
  // Built libraries, not their sources: the bundle is made of what `build` checked.
  conditions: ['import', 'default'],
  // "dependencies" and Node built-ins are imported at run time; a package our
  // code imports that the CLI does not declare fails the bundle here instead of
  // at a user's first run.
  external: [...declared, ...declared.map((name) => `${name}/*`), 'node:*'],
  plugins: [
    {
      name: 'declared-dependencies-only',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => {
          // A bundled package's own imports are its dependencies, installed with it: only ours are checked.
          if (args.path.startsWith('node:') || args.importer.includes('/node_modules/')) return undefined;
          const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
          if (internal.includes(name) || declared.includes(name) || bundled.includes(name)) return undefined;
          return { errors: [{ text: `${args.path} (imported by ${args.importer}) is not declared by ${manifest.name}: add it to apps/cli/package.json "devDependencies" (bundled) or "dependencies" (loaded at run time)` }] };
        });
      },
    },
  ],
  logLevel: 'warning',
};

// The programs, as CommonJS: one file each, which dist/bundle/<name>.js runs through V8's code cache
// (src/run-cached.ts; an ES module cannot be given one on Node 20).
const programs = await build({
  ...common,
  entryPoints: { kustodian: 'src/bin.ts', 'kustodian-docs': 'src/docs-bin.ts' },
  outdir: 'dist/bundle',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  define: { 'import.meta.url': '__kustodianModuleUrl' },
  banner: { js: "var __kustodianModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// The library entry (`main`: import { main } from 'kustodian') and the two program launchers, as ES modules.
const modules = await build({
  ...common,
  entryPoints: { index: 'src/cli.ts', kustodian: 'src/kustodian-entry.ts', 'kustodian-docs': 'src/kustodian-docs-entry.ts' },
  outdir: 'dist/bundle',
  splitting: true,
  format: 'esm',
  // Bundled CommonJS packages require Node built-ins: give the ES module chunks a require of their own.
  banner: { js: "import { createRequire as __kustodianCreateRequire } from 'node:module'; const require = __kustodianCreateRequire(import.meta.url);" },
});
const inputs = { ...programs.metafile.inputs, ...modules.metafile.inputs };

// The packages bundled, with their licenses (what their LICENSE files say), for THIRD-PARTY-LICENSES.txt.
function packageOf(input) {
  const at = input.lastIndexOf('node_modules/');
  if (at < 0) return undefined;
  const rest = input.slice(at + 'node_modules/'.length).split('/');
  const name = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  return join(root, input.slice(0, at), 'node_modules', name);
}
const packages = new Map();
for (const input of Object.keys(inputs)) {
  const dir = packageOf(input);
  if (dir && !packages.has(dir)) packages.set(dir, JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')));
}
const notices = [...packages]
  .sort(([, a], [, b]) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  .map(([dir, pkg]) => {
    const file = existsSync(dir) ? readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f)) : undefined;
    const text = file ? readFileSync(join(dir, file), 'utf8').trim() : `License: ${pkg.license ?? 'see the package'}`;
    return `${pkg.name}@${pkg.version} (${pkg.license ?? 'unknown'})\n${'-'.repeat(72)}\n${text}\n`;
  });
writeFileSync(join(root, 'dist/bundle/THIRD-PARTY-LICENSES.txt'), `Packages bundled into kustodian's dist/bundle, with their licenses.\n\n${notices.join('\n')}`);
