import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HELM_SECRET_LIST_KEYS, HELM_SECRET_NAME_KEYS } from './helm-release-values.js';
import { allExtractors } from './registry.js';

const DOC = join(import.meta.dirname, '../../../../../docs/references.md');

describe('docs/references.md', () => {
  const text = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '';
  it('lists every extractor and every Helm values key the extractors read', () => {
    expect(text).not.toBe('');
    for (const extractor of allExtractors) expect(text).toContain(`| \`${extractor.name}\` |`);
    for (const key of [...HELM_SECRET_NAME_KEYS, ...HELM_SECRET_LIST_KEYS]) expect(text).toContain(`- \`${key}\``);
  });

  it('lists the extractors sorted by name in the registry, each once', () => {
    const names = allExtractors.map((e) => e.name);
    expect(names).toEqual([...new Set(names)].sort());
  });
});
