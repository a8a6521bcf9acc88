#!/usr/bin/env node
// kustodian-docs, the second bin of the kustodian package: the same command as
// `kustodian docs`. It always runs (no "am I main" check).
import { DOCS_EXIT, runDocs } from '@kustodian/docs';

runDocs(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`kustodian-docs: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = DOCS_EXIT.unusable;
  },
);
