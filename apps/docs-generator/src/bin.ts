#!/usr/bin/env node
// The kustodian-docs command. It always runs: however it is reached (a link
// with another name, a folder behind a symlink, a path with # or %), the bin
// file is the program, and the library entry (main.ts) has no side effects.
import { DOCS_EXIT as EXIT, runDocs as main } from '@kustodian/docs';

main(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`kustodian-docs: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT.unusable;
  },
);
