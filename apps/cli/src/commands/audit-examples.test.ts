import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import type { Output } from '../output.js';

const examples = resolve(import.meta.dirname, '../../../../examples');

/** The "Expected findings" table of examples/README.md, as `rule file:line related` strings (related: `role file:line, …` or —). */
function expectedFindings(): string[] {
  const readme = readFileSync(resolve(examples, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Expected findings'));
  const table = section.slice(0, section.indexOf('\n### '));
  return [...table.matchAll(/^\| ([a-z-]+) \| `([^`]+)` \| (.+) \|$/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]!.replaceAll('`', '')}`).sort();
}

describe('kustodian audit on the bundled examples', () => {
  it('reports exactly the planted defects of examples/README.md, with their related places, and exits 1', async () => {
    const io: Output & { stdout: string } = { stdout: '', color: false, out: (t) => void (io.stdout += t), err: () => undefined };
    const status = await main(['audit', '--repo', examples, '--format', 'json'], io);
    const report = JSON.parse(io.stdout) as { findings: { ruleId: string; file: string; line: number; related?: { role: string; file: string; line: number }[] }[]; diagnostics: unknown[] };
    const related = (f: (typeof report.findings)[number]) => (f.related ?? []).map((r) => `${r.role} ${r.file}:${r.line}`).join(', ') || '—';
    const found = report.findings.map((f) => `${f.ruleId} ${f.file}:${f.line} ${related(f)}`).sort();
    const expected = expectedFindings();
    expect(expected.length).toBeGreaterThanOrEqual(14);
    expect(found).toEqual(expected);
    expect(report.diagnostics).toEqual([]);
    expect(status).toBe(1);
  });
});
