#!/usr/bin/env node
// The kustodian command as npm links it. This file is committed, so that npm
// links the command at install time, before anything is built; the program is
// dist/bin.js (built by `npx nx run cli:build`, shipped in the package).
const program = new URL('../dist/bin.js', import.meta.url);
import(program.href).catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('bin.js')) {
    process.stderr.write('kustodian: not built yet; run: npx nx run cli:build\n');
    process.exitCode = 2;
    return;
  }
  throw error;
});
