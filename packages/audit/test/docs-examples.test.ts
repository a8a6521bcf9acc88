import { ConfigError } from '@kustodian/manifest-model';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { lint } from 'markdownlint/sync';
import { loadAuditConfig } from '../src/config/audit-config.js';
import { engineRules } from '../src/engine/rules/engine-rules.js';
import { allRules } from '../src/rules/registry.js';

const docs = join(import.meta.dirname, '../../../docs');
const read = (name: string) => readFileSync(join(docs, name), 'utf8');

function fencedBlocks(markdown: string, language: string): string[] {
  return [...markdown.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
}

describe('docs/configuration.md', () => {
  const page = read('configuration.md');

  it('its complete example is a valid kustodian.yaml', () => {
    const examples = fencedBlocks(page, 'yaml').filter((b) => b.startsWith('# kustodian.yaml'));
    expect(examples).toHaveLength(1);
    const config = loadAuditConfig(examples[0]!, 'kustodian.yaml', { rules: allRules });
    expect(config.entryPoints).toEqual(['clusters/home']);
    expect(config.rules['kustomization-unapplied']).toEqual({ severity: 'error' });
  });

  it('shows the error message a misspelt key really produces', () => {
    const shown = fencedBlocks(page, 'text')[0]!.trim();
    let message = '';
    try {
      loadAuditConfig('ignore: []\nentrypoints: [clusters/home]\n');
    } catch (error) {
      message = (error as ConfigError).message;
    }
    expect(message).toBe(shown);
  });

  it('every suppression example names a rule that exists', () => {
    const ids = new Set([...allRules, ...engineRules].map((r) => r.id));
    const named: { id: string; line: number }[] = [];
    page.split('\n').forEach((text, i) => {
      const annotation = /kustodian\.io\/ignore:\s*"([^"]*)"/.exec(text);
      for (const entry of annotation ? annotation[1]!.split(';') : []) named.push({ id: entry.split(':')[0]!.trim(), line: i + 1 });
      const comment = /kustodian-ignore\s+([a-z0-9-]+):/.exec(text);
      if (comment) named.push({ id: comment[1]!, line: i + 1 });
    });
    expect(named.length).toBeGreaterThanOrEqual(3);
    expect(named.filter((n) => !ids.has(n.id)).map((n) => `docs/configuration.md:${n.line}: ${n.id}`)).toEqual([]);
  });

  it('is well-formed Markdown', () => {
    expect(lint({ strings: { page }, config: { default: true, MD013: false } }).page).toEqual([]);
  });
});

describe('docs/json-output.md', () => {
  const page = read('json-output.md');

  it('its example matches docs/json-output.schema.json', () => {
    const validate = new Ajv({ strict: true }).compile(JSON.parse(read('json-output.schema.json')));
    const example = JSON.parse(fencedBlocks(page, 'json')[0]!);
    expect(validate(example)).toBe(true);
  });

  it('is well-formed Markdown', () => {
    expect(lint({ strings: { page }, config: { default: true, MD013: false } }).page).toEqual([]);
  });
});
