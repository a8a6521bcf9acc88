import { allRules, engineRules } from '@kustodian/audit';
import { describe, expect, it } from 'vitest';
import { capture } from '../../test/fixtures.js';
import { main } from '../cli.js';

const every = [...allRules, ...engineRules];

describe('kustodian rules', () => {
  it('lists every rule as an aligned table: id, default severity, category, summary', async () => {
    const io = capture();
    expect(await main(['rules'], io)).toBe(0);
    const [header, ...rows] = io.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID +SEVERITY +CATEGORY +SUMMARY$/);
    expect(rows).toHaveLength(every.length);
    const columns = ['SEVERITY', 'CATEGORY', 'SUMMARY'].map((c) => header!.indexOf(c));
    for (const rule of every) {
      const row = rows.find((r) => r.startsWith(`${rule.id} `))!;
      expect(row, rule.id).toBeDefined();
      expect(row.slice(columns[0], columns[1]).trim()).toBe(rule.meta.defaultSeverity);
      expect(row.slice(columns[1], columns[2]).trim()).toBe(rule.meta.category);
      expect(row.slice(columns[2])).toBe(rule.meta.summary);
    }
    expect(rows.map((r) => r.split(' ')[0])).toEqual(every.map((r) => r.id).sort());
  });

  it('--format json gives the same rules with their docs', async () => {
    const io = capture();
    expect(await main(['rules', '--format', 'json'], io)).toBe(0);
    const json = JSON.parse(io.stdout) as { version: number; rules: { id: string; defaultSeverity: string; category: string; summary: string; docs: string }[] };
    expect(json.version).toBe(1);
    expect(json.rules.map((r) => r.id)).toEqual(every.map((r) => r.id).sort());
    const unapplied = json.rules.find((r) => r.id === 'kustomization-unapplied')!;
    expect(unapplied).toMatchObject({ defaultSeverity: 'warning', category: expect.any(String), summary: expect.any(String) });
    expect(unapplied.docs).toMatch(/kustomization-unapplied\.md$/);
  });

  it('refuses an unknown format', async () => {
    const io = capture();
    expect(await main(['rules', '--format', 'yaml'], io)).toBe(2);
    expect(io.stderr).toBe('kustodian rules: unknown --format yaml; use text or json\n');
  });
});
