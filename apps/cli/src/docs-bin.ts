#!/usr/bin/env node
// kustodian-docs, the second bin of the kustodian package: the same command as
// `kustodian docs`. It always runs (no "am I main" check).
import { runDocsProgram } from '@kustodian/docs';

void runDocsProgram();
