// The docs of a Flux GitOps repository from the Kustodian model: a README per
// applied folder, SECRETS.md and the rule reference. The command line
// (`kustodian docs`, `kustodian-docs`) is `runDocs`; its bin files only call it.
export type { Output as DocsOutput } from './main.js';
export { EXIT as DOCS_EXIT, HELP as DOCS_HELP, main as runDocs, runProgram as runDocsProgram } from './main.js';
export type { PlannedFile, RepositoryDocs } from './plan-docs.js';
export { planRepositoryDocs, planRuleReference, staleFiles } from './plan-docs.js';
