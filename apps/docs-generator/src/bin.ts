#!/usr/bin/env node
// The kustodian-docs command. It always runs: however it is reached (a link
// with another name, a folder behind a symlink, a path with # or %), the bin
// file is the program, and the library entry (main.ts) has no side effects.
import { runDocsProgram } from '@kustodian/docs';

void runDocsProgram();
