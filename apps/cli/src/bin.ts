#!/usr/bin/env node
// The kustodian executable: always runs main (whatever name, link or path it is started by).
import { main } from './cli.js';
import { EXIT, processOutput } from './output.js';

main(process.argv.slice(2), processOutput()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`kustodian: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT.unusable;
  },
);
