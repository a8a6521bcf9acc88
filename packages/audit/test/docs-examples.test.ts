import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { lint } from 'markdownlint/sync';
import { loadAuditConfig } from '../src/config/load-audit-config.js';
import { AuditConfigError } from '../src/errors.js';

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
    const config = loadAuditConfig(examples[0]!);
    expect(config.entryPoints).toEqual(['clusters/home']);
    expect(config.rules['kustomization-unapplied']).toEqual({ severity: 'error' });
  });

  it('shows the error message a misspelt key really produces', () => {
    const shown = fencedBlocks(page, 'text')[0]!.trim();
    let message = '';
    try {
      loadAuditConfig('ignore: []\nentrypoints: [clusters/home]\n');
    } catch (error) {
      message = (error as AuditConfigError).message;
    }
    expect(message).toBe(shown);
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
