#!/usr/bin/env node
// The kustodian command as npm links it. This file is committed, so that npm
// links the command at install time, before anything is built; the program is
// dist/bundle/kustodian.js (built by `npx nx run cli:bundle`, shipped in the
// package).
const program = new URL('../dist/bundle/kustodian.js', import.meta.url);
import(program.href).catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('kustodian.js')) {
    process.stderr.write('kustodian: not built yet; run: npx nx run cli:bundle\n');
    process.exitCode = 2;
    return;
  }
  throw error;
});
