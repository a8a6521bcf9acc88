import { ConfigError } from '@kustodian/manifest-model';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { allRules, engineRules, findCommentSuppressions, loadAuditConfig, parseIgnoreAnnotation } from '@kustodian/audit';
import { runDocs } from '@kustodian/docs';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';

// Every example in the hand-written docs (docs/*.md, not the generated
// docs/rules/) and the root README is checked against the code: the rule ids
// its suppressions and settings name exist, its kustodian.yaml examples are
// valid, and its command lines name commands and options that exist.
const WORKSPACE = resolve(import.meta.dirname, '../../..');
const DOC_FILES = [
  'README.md',
  ...readdirSync(join(WORKSPACE, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
];

interface Block {
  readonly file: string;
  readonly lang: string;
  /** Line (1-based) in the file of the block's first content line. */
  readonly line: number;
  readonly lines: readonly string[];
}

function fencedBlocks(file: string): Block[] {
  const lines = readFileSync(join(WORKSPACE, file), 'utf8').split(/\r?\n/);
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s*(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    let end = i + 1;
    while (end < lines.length && !lines[end]!.trim().startsWith(fence)) end++;
    out.push({ file, lang: open[2]!.toLowerCase(), line: i + 2, lines: lines.slice(i + 1, end) });
    i = end;
  }
  return out;
}

const blocks = DOC_FILES.flatMap(fencedBlocks);
const ruleIds = new Set([...allRules, ...engineRules].map((r) => r.id));
const where = (b: Block, offset: number) => `${b.file}:${b.line + offset}`;

/** A kustodian.yaml example says so on its first line: `# kustodian.yaml`. */
const isConfigExample = (b: Block) => b.lang === 'yaml' && /^#\s*kustodian\.yaml\b/.test(b.lines[0]?.trim() ?? '');

interface RuleMention {
  readonly id: string;
  readonly at: string;
  readonly how: string;
}

function ruleMentions(): RuleMention[] {
  const out: RuleMention[] = [];
  for (const b of blocks) {
    const text = b.lines.join('\n');
    // `# kustodian-ignore rule: reason` (YAML, shell) and `<!-- kustodian-ignore rule: reason -->` (Markdown).
    for (const syntax of ['hash', 'markdown'] as const) {
      for (const s of findCommentSuppressions(b.file, text, syntax)) {
        out.push({ id: s.ruleId || s.text, at: where(b, s.location.line - 1), how: s.text });
      }
    }
    b.lines.forEach((line, i) => {
      // kustodian.io/ignore: "rule: reason; rule: reason"
      const annotation = /kustodian\.io\/ignore:\s*(.*)$/.exec(line);
      if (annotation) {
        const value = annotation[1]!.trim().replace(/^(["'])(.*)\1$/, '$2');
        for (const e of parseIgnoreAnnotation(value)) out.push({ id: e.ruleId || e.text, at: where(b, i), how: `kustodian.io/ignore ${e.text}` });
      }
      // --rule X / --skip-rule X / --rule=X, comma-separated lists too.
      for (const m of line.matchAll(/--(rule|skip-rule)(?:=|\s+)([^\s'"]+)/g)) {
        if (/^[$<]/.test(m[2]!)) continue;
        for (const id of m[2]!.split(',').filter(Boolean)) out.push({ id, at: where(b, i), how: `--${m[1]} ${id}` });
      }
    });
    // The `rules:` section of kustodian.yaml examples: its keys are rule ids.
    if (b.lang === 'yaml') {
      let inRules = false;
      b.lines.forEach((line, i) => {
        if (/^rules:\s*(#.*)?$/.test(line)) return void (inRules = true);
        if (/^\S/.test(line) && !line.startsWith('#')) inRules = false;
        const key = inRules ? /^ {2}([A-Za-z0-9-]+):/.exec(line) : null;
        if (key) out.push({ id: key[1]!, at: where(b, i), how: `rules: ${key[1]}` });
      });
    }
  }
  return out;
}

// --- command lines ---------------------------------------------------------

type Io = { out(t: string): void; err(t: string): void; readonly color: boolean };
function capture(): { io: Io; text: () => string } {
  let text = '';
  return { io: { out: (t) => void (text += t), err: (t) => void (text += t), color: false }, text: () => text };
}

const helpCache = new Map<string, { ok: boolean; flags: Set<string> } | Promise<{ ok: boolean; flags: Set<string> }>>();
async function help(bin: string, words: readonly string[]) {
  const key = [bin, ...words].join(' ');
  const cached = helpCache.get(key);
  if (cached) return cached;
  const run = (async () => {
    const { io, text } = capture();
    const status = bin === 'kustodian' ? await main([...words, '--help'], io) : await runDocs([...words, '--help'], io);
    const flags = new Set([...text().matchAll(/(?<![\w-])(--[a-z][a-z0-9-]*|-[a-zA-Z])\b/g)].map((m) => m[1]!));
    return { ok: status === 0, flags };
  })();
  helpCache.set(key, run);
  return run;
}

interface CommandLine {
  readonly bin: 'kustodian' | 'kustodian-docs';
  readonly words: readonly string[];
  readonly at: string;
  readonly text: string;
}

function commandLines(): CommandLine[] {
  const out: CommandLine[] = [];
  for (const b of blocks.filter((x) => ['sh', 'bash', 'shell', 'console'].includes(x.lang))) {
    for (let i = 0; i < b.lines.length; i++) {
      const start = i;
      let line = b.lines[i]!;
      while (line.endsWith('\\') && i + 1 < b.lines.length) line = `${line.slice(0, -1)} ${b.lines[++i]!.trim()}`;
      line = line.replace(/^\s*\$\s+/, '').replace(/(^|\s)#.*$/, '');
      for (const part of line.split(/\|\||&&|[|;]/)) {
        const words = part.trim().split(/\s+/).filter(Boolean);
        if (words[0] === 'npx') words.shift();
        const bin = words.shift();
        if (bin !== 'kustodian' && bin !== 'kustodian-docs') continue;
        out.push({ bin, words, at: where(b, start), text: part.trim() });
      }
    }
  }
  return out;
}

describe('docs examples', () => {
  it('finds the examples it checks', () => {
    expect(blocks.length).toBeGreaterThan(10);
    expect(blocks.filter(isConfigExample).length).toBeGreaterThan(0);
    expect(commandLines().length).toBeGreaterThan(5);
    expect(ruleMentions().length).toBeGreaterThan(3);
  });

  it('names only rules that exist (suppressions, rules: settings, --rule/--skip-rule)', () => {
    const unknown = ruleMentions()
      .filter((m) => !ruleIds.has(m.id))
      .map((m) => `${m.at}: ${m.how}: no rule "${m.id}"`);
    expect(unknown).toEqual([]);
  });

  it('shows kustodian.yaml examples that are valid', () => {
    const problems: string[] = [];
    for (const b of blocks.filter(isConfigExample)) {
      try {
        loadAuditConfig(b.lines.join('\n'), b.file, { rules: allRules });
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        problems.push(`${where(b, 0)}: the kustodian.yaml example is invalid: ${error.message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('shows command lines whose command and options exist', async () => {
    const problems: string[] = [];
    for (const c of commandLines()) {
      // The command: the longest run of leading words that has a --help.
      const positional: string[] = [];
      for (const w of c.words) {
        if (w.startsWith('-') || /^[$<"']/.test(w)) break;
        positional.push(w);
      }
      let command: string[] = [];
      for (let n = positional.length; n >= 0; n--) {
        if ((await help(c.bin, positional.slice(0, n))).ok) {
          command = positional.slice(0, n);
          break;
        }
      }
      if (positional.length > 0 && command.length === 0) {
        problems.push(`${c.at}: \`${c.text}\`: ${c.bin} has no command "${positional[0]}"`);
        continue;
      }
      const { flags } = await help(c.bin, command);
      for (const w of c.words) {
        const flag = /^(--?[A-Za-z][\w-]*)/.exec(w)?.[1];
        if (!flag || w === '--') continue;
        if (!flags.has(flag)) problems.push(`${c.at}: \`${c.text}\`: ${[c.bin, ...command].join(' ')} has no option ${flag}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('shows the JSON output with the keys kustodian prints', async () => {
    const doc = blocks.find((b) => b.file === 'docs/json-output.md' && b.lang === 'json');
    if (!doc) return;
    const shown = JSON.parse(doc.lines.join('\n')) as Record<string, unknown>;
    const { io } = capture();
    let out = '';
    await main(['audit', '--repo', join(WORKSPACE, 'examples'), '--format', 'json'], { ...io, out: (t) => void (out += t) });
    const actual = JSON.parse(out) as Record<string, unknown>;
    const keys = (o: unknown) => (o && typeof o === 'object' && !Array.isArray(o) ? Object.keys(o).sort() : []);
    expect(keys(actual), `${where(doc, 0)}: top-level keys of the JSON output`).toEqual(keys(shown));
    for (const k of keys(shown)) {
      const s = shown[k];
      const a = actual[k];
      if (Array.isArray(s) && s.length > 0 && Array.isArray(a) && a.length > 0) {
        const missing = keys(s[0]).filter((x) => !keys(a[0]).includes(x));
        expect(missing, `${where(doc, 0)}: keys of ${k}[] shown but not printed`).toEqual([]);
      } else if (s && typeof s === 'object' && !Array.isArray(s)) {
        expect(keys(a), `${where(doc, 0)}: keys of ${k}`).toEqual(keys(s));
      }
    }
  });
});
