import { MemoryFileSystem } from '@kustodian/manifest-model';
import { publishedConfigSchema, renderConfigSchema } from '../config/audit-config.js';
import { renderPrecompiledValidator, VALIDATOR_FILE } from '../config/precompile-validator.js';
import { engineRules } from '../engine/rules/engine-rules.js';
import type { AnyRule, RuleExample } from '../engine/define-rule.js';
import { ruleDocsPath } from '../engine/define-rule.js';
import { auditRepository } from '../engine/audit-repository.js';
import { IGNORE_ANNOTATION, IGNORE_COMMENT } from '../engine/suppressions.js';
import { allRules } from '../rules/registry.js';
import { seeAlsoLines } from '../report/wording.js';

/** A file to write, relative to the repository root. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

export const REGENERATE_COMMAND = 'npx nx run audit:rule-docs';

const HEADER = `<!-- DO NOT EDIT: generated from the rule's metadata. Regenerate with \`${REGENERATE_COMMAND}\`. -->`;

/** Prose from metadata, safe in Markdown: `<placeholder>` stays visible instead of becoming an HTML tag. */
function prose(text: string): string {
  // Escape HTML outside code spans only: inside backticks Markdown shows text as written.
  return text
    .split(/(`+[^`]*`+)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('');
}

/** Text as an inline code span, whatever backticks it holds. */
function code(text: string): string {
  const ticks = text.includes('`') ? '``' : '`';
  return `${ticks}${ticks.length > 1 ? ' ' : ''}${text}${ticks.length > 1 ? ' ' : ''}${ticks}`;
}

function fence(language: string, text: string): string {
  const body = text.endsWith('\n') ? text : `${text}\n`;
  const ticks = body.includes('```') ? '````' : '```';
  return `${ticks}${language}\n${body}${ticks}`;
}

function languageOf(path: string): string {
  if (/\.ya?ml$/i.test(path) || path.endsWith('/Kustomization')) return 'yaml';
  if (/\.(sh|bash)$/.test(path)) return 'sh';
  if (/\.md$/.test(path)) return 'markdown';
  return 'text';
}

function renderExample(rule: AnyRule, example: RuleExample, kind: 'invalid' | 'valid'): string[] {
  const out = [`### ${kind === 'invalid' ? 'Reported' : 'Not reported'}: ${example.title}`, ''];
  for (const [path, content] of Object.entries(example.repo).sort(([a], [b]) => (a < b ? -1 : 1))) {
    out.push(`\`${path}\`:`, '', fence(languageOf(path), content), '');
  }
  if (kind === 'invalid') {
    const { result } = auditRepository(new MemoryFileSystem(example.repo), { rules: allRules.some((r) => r.id === rule.id) ? allRules : [rule] });
    const found = result.findings.filter((f) => f.ruleId === rule.id);
    const lines = found.flatMap((f) => [`${f.location.file}:${f.location.line}:${f.location.column} ${f.severity} ${f.message}`, ...seeAlsoLines(f.related).map((l) => `    ${l}`)]);
    out.push('Kustodian reports:', '', fence('text', lines.join('\n')), '');
  }
  return out;
}

/** The docs page of one rule (docs/rules/<id>.md), from its metadata alone. */
export function renderRuleDoc(rule: AnyRule): string {
  const meta = rule.meta;
  const engine = engineRules.includes(rule);
  const out: string[] = [HEADER, '', `# ${rule.id}`, '', prose(meta.summary), ''];
  out.push('| Category | Default severity | Reported by |', '| --- | --- | --- |', `| ${meta.category} | ${meta.defaultSeverity} | ${engine ? 'the engine' : 'a rule'} |`, '');
  out.push('## Why it matters', '', prose(meta.rationale), '');
  out.push('## How to fix', '', prose(meta.fix), '');
  out.push('## Messages', '');
  for (const [id, template] of Object.entries(meta.messages as Record<string, string>)) out.push(`- ${code(id)}: ${code(template)}`);
  out.push('');
  out.push('## Related places', '');
  const related = Object.entries(meta.related ?? {});
  if (related.length === 0) out.push('Its findings carry no `related` places: everything is at the reported line.', '');
  else {
    out.push('Its findings carry `related` places (JSON `related`, SARIF `relatedLocations`, "see also" lines in text), by role:', '');
    for (const [role, what] of related) out.push(`- ${code(role)}: ${prose(what as string)}`);
    out.push('');
  }
  if (meta.options) {
    out.push('## Options', '', 'Schema of `options`:', '', fence('json', JSON.stringify(meta.options.schema, null, 2)), '', 'Defaults:', '', fence('json', JSON.stringify(meta.options.defaults, null, 2)), '');
  }
  out.push('## Configuration', '', 'In `kustodian.yaml` at the repository root:', '');
  out.push(
    fence(
      'yaml',
      meta.options
        ? `rules:\n  ${rule.id}: off # or info, warning, error\n  # or, with options:\n  # ${rule.id}:\n  #   severity: ${meta.defaultSeverity}\n  #   options: {}\n`
        : `rules:\n  ${rule.id}: off # or info, warning, error\n`,
    ),
    '',
  );
  if (!engine) {
    out.push('## Suppressing one finding', '', 'Give a reason. On the resource:', '');
    out.push(fence('yaml', `metadata:\n  annotations:\n    ${IGNORE_ANNOTATION}: "${rule.id}: <why this is acceptable>"\n`), '');
    out.push('Or in a comment on the reported line or the line above it (YAML and shell; `<!-- ... -->` in Markdown):', '');
    out.push(fence('yaml', `# ${IGNORE_COMMENT} ${rule.id}: <why this is acceptable>\n`), '');
  }
  const examples = meta.examples;
  if (examples && ((examples.invalid?.length ?? 0) > 0 || (examples.valid?.length ?? 0) > 0)) {
    out.push('## Examples', '');
    for (const e of examples.invalid ?? []) out.push(...renderExample(rule, e, 'invalid'));
    for (const e of examples.valid ?? []) out.push(...renderExample(rule, e, 'valid'));
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

/** docs/rules/README.md: every rule by category. */
export function renderRuleIndex(rules: readonly AnyRule[]): string {
  const out: string[] = [HEADER, '', '# Rules', '', 'Every rule Kustodian audits a repository with. Set severities and options under `rules:` in `kustodian.yaml` (see [configuration](../configuration.md)).', ''];
  const categories = [...new Set(rules.map((r) => r.meta.category))].sort();
  for (const category of categories) {
    out.push(`## ${category}`, '', '| Rule | Default severity | Summary |', '| --- | --- | --- |');
    for (const rule of rules.filter((r) => r.meta.category === category).sort((a, b) => (a.id < b.id ? -1 : 1))) {
      out.push(`| [${rule.id}](${rule.id}.md) | ${rule.meta.defaultSeverity} | ${prose(rule.meta.summary).replace(/\|/g, '\\|')} |`);
    }
    out.push('');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

/** Every generated rule docs file: one page per rule (engine rules included) and the index. */
export function ruleDocFiles(rules: readonly AnyRule[] = allRules): GeneratedFile[] {
  const every = [...rules, ...engineRules];
  return [
    ...every.map((rule) => ({ path: ruleDocsPath(rule.id), content: renderRuleDoc(rule) })),
    { path: 'docs/rules/README.md', content: renderRuleIndex(every) },
  ];
}

/** Every file generated from rule metadata: the rule docs and kustodian.schema.json. */
export function generatedFiles(): GeneratedFile[] {
  return [
    ...ruleDocFiles(),
    { path: 'kustodian.schema.json', content: renderConfigSchema(allRules) },
    { path: VALIDATOR_FILE, content: renderPrecompiledValidator(publishedConfigSchema(allRules), REGENERATE_COMMAND) },
  ];
}
