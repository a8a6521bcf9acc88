/** `kustodian rules`: the rules the audit runs, with their default severity, category and summary. */
import type { AnyRule } from '@kustodian/audit';
import { allRules, engineRules, ruleDocsUrl } from '@kustodian/audit';
import { parseCommandArgs, UsageError } from '../args.js';
import type { Output } from '../output.js';
import { EXIT } from '../output.js';

export const RULES_HELP = `Usage: kustodian rules [--format text|json]

List every rule of the audit: its id (for --rule, --skip-rule, kustodian.yaml
and suppressions), its default severity, its category and what it finds.

Options:
  --format FORMAT   text (an aligned table, default) or json
  -h, --help        this help
`;

export const RULES_OPTIONS = { format: { type: 'string', default: 'text' }, help: { type: 'boolean', short: 'h' } } as const;

export const RULES_FORMATS = ['text', 'json'] as const;

/** Every rule, engine rules included, by id. */
export function ruleList(): AnyRule[] {
  return [...allRules, ...engineRules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The rules as an aligned table with a header row. */
export function renderRulesTable(list: readonly AnyRule[]): string {
  const rows = [['ID', 'SEVERITY', 'CATEGORY', 'SUMMARY'], ...list.map((r) => [r.id, r.meta.defaultSeverity, r.meta.category, r.meta.summary])];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  ')).join('\n') + '\n';
}

export function runRules(argv: readonly string[], io: Output): number {
  const { values } = parseCommandArgs('kustodian rules', argv, RULES_OPTIONS, { maxPositionals: 0 });
  if (values.help) {
    io.out(RULES_HELP);
    return EXIT.ok;
  }
  if (!(RULES_FORMATS as readonly string[]).includes(values.format)) throw new UsageError(`kustodian rules: unknown --format ${values.format}; use text or json`);
  const list = ruleList();
  if (values.format === 'json') {
    const json = { version: 1, rules: list.map((r) => ({ id: r.id, defaultSeverity: r.meta.defaultSeverity, category: r.meta.category, summary: r.meta.summary, docs: ruleDocsUrl(r.id) })) };
    io.out(`${JSON.stringify(json, null, 2)}\n`);
  } else io.out(renderRulesTable(list));
  return EXIT.ok;
}
