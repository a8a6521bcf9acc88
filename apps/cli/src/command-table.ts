/**
 * Every command of `kustodian`, once: main dispatches from it, help lists it,
 * `kustodian completion` generates the shell scripts from it.
 */
import { REPORT_FORMATS } from '@kustodian/audit';
import { runDocs } from '@kustodian/docs';
import type { CommandSpec } from './command-spec.js';
import { AUDIT_OPTIONS, FAIL_ON, runAudit } from './commands/audit.js';
import { COMPLETION_OPTIONS, runCompletion, SHELLS } from './commands/completion.js';
import { MODEL_FORMATS, MODEL_OPTIONS, runModel } from './commands/model.js';
import { ruleList, RULES_FORMATS, RULES_OPTIONS, runRules } from './commands/rules.js';
import { runSecrets, SECRETS_COMMANDS } from './commands/secrets.js';
import { runVersion, VERSION_OPTIONS } from './version.js';

/** Options of `kustodian` itself, before any command. */
export const ROOT_OPTIONS = { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean' } } as const;

const ruleIds = ruleList().map((r) => r.id);

/** The options of kustodian-docs (`kustodian docs generate|check`). */
const DOCS_OPTIONS = { repo: { type: 'string' }, config: { type: 'string' }, 'rule-reference': { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;
const DOCS_VALUES = { repo: 'folder', 'rule-reference': 'folder' } as const;

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'audit',
    args: '[DIR]',
    summary: 'audit a Flux GitOps repository (default: the current directory)',
    options: AUDIT_OPTIONS,
    values: { repo: 'folder', format: REPORT_FORMATS, 'fail-on': FAIL_ON, 'entry-point': 'folder', rule: ruleIds, 'skip-rule': ruleIds, 'changed-since': 'none' },
    positional: 'folder',
    run: runAudit,
  },
  {
    name: 'model',
    args: '[DIR]',
    summary: 'print the model Kustodian builds of the repository',
    options: MODEL_OPTIONS,
    values: { repo: 'folder', format: MODEL_FORMATS },
    positional: 'folder',
    run: runModel,
  },
  { name: 'secrets', args: '<sub>', summary: 'list, decrypt, encrypt, set, rotate, updatekeys, import, verify SOPS files', subcommands: SECRETS_COMMANDS, run: runSecrets },
  {
    name: 'docs',
    args: '<sub>',
    summary: 'generate or check the docs of the repository',
    subcommands: [
      { name: 'generate', summary: 'write the docs', options: DOCS_OPTIONS, values: DOCS_VALUES },
      { name: 'check', summary: 'write nothing; print what is stale and exit 1', options: DOCS_OPTIONS, values: DOCS_VALUES },
    ],
    // The same command as kustodian-docs: @kustodian/docs parses its own arguments.
    run: (argv, io) => runDocs(argv, io),
  },
  { name: 'rules', summary: 'list the rules: id, default severity, category, summary', options: RULES_OPTIONS, values: { format: RULES_FORMATS }, run: runRules },
  { name: 'completion', args: 'SHELL', summary: `print a shell completion script (${SHELLS.join(', ')})`, options: COMPLETION_OPTIONS, positional: SHELLS, run: (argv, io) => runCompletion(argv, io, COMMANDS, ROOT_OPTIONS) },
  { name: 'version', summary: 'print the version', options: VERSION_OPTIONS, run: runVersion },
];
