/**
 * Parity between rules, registry, tests and docs. When it fails, its message
 * says what to do; generated files are regenerated with
 * `npx nx run audit:rule-docs`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { Ajv } from 'ajv';
import { lint } from 'markdownlint/sync';
import ts from 'typescript';
import { renderConfigSchema } from '../src/config/audit-config.js';
import { generatedFiles, REGENERATE_COMMAND, renderRuleDoc } from '../src/docs/render-rule-docs.js';
import type { AnyRule } from '../src/engine/define-rule.js';
import { engineRules } from '../src/engine/rules/engine-rules.js';
import { allRules } from '../src/rules/registry.js';
import { runRuleTestCase } from '../src/testing/rule-tester.js';

const packageRoot = join(import.meta.dirname, '..');
const repoRoot = join(packageRoot, '../..');
const rulesDir = join(packageRoot, 'src/rules');

function ruleSourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return ruleSourceFiles(path);
    // <category>-utils.ts holds what the rules of a category share: no rule imports another.
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('-utils.ts') && path !== join(rulesDir, 'registry.ts') ? [path] : [];
  });
}

function sourceFileOf(rule: AnyRule): string {
  return engineRules.includes(rule) ? join(packageRoot, 'src/engine/rules', `${rule.id}.ts`) : join(rulesDir, rule.meta.category, `${rule.id}.ts`);
}

interface TestFileCases {
  readonly valid: number;
  readonly invalid: number;
  readonly messageIds: ReadonlySet<string>;
  readonly problems: readonly string[];
}

/** The cases of `new RuleTester().run(rule, { valid: [...], invalid: [...] })`, read from the test file's syntax. */
function readTestCases(file: string): TestFileCases {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const problems: string[] = [];
  let valid = 0;
  let invalid = 0;
  const messageIds = new Set<string>();
  const property = (obj: ts.ObjectLiteralExpression, name: string) =>
    obj.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name)?.initializer;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'run' && node.arguments.length === 2) {
      const cases = node.arguments[1]!;
      if (!ts.isObjectLiteralExpression(cases)) {
        problems.push('the cases passed to run() must be an inline object literal');
        return;
      }
      for (const kind of ['valid', 'invalid'] as const) {
        const list = property(cases, kind);
        if (!list || !ts.isArrayLiteralExpression(list)) {
          problems.push(`"${kind}" must be an inline array`);
          continue;
        }
        for (const element of list.elements) {
          if (!ts.isObjectLiteralExpression(element)) {
            problems.push(`each ${kind} case must be an inline object (found ${ts.SyntaxKind[element.kind]})`);
            continue;
          }
          if (kind === 'valid') valid++;
          else {
            invalid++;
            const findings = property(element, 'findings');
            if (findings && ts.isArrayLiteralExpression(findings)) {
              for (const f of findings.elements) {
                const id = ts.isObjectLiteralExpression(f) ? property(f, 'messageId') : undefined;
                if (id && ts.isStringLiteral(id)) messageIds.add(id.text);
              }
            }
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { valid, invalid, messageIds, problems };
}

const every = [...allRules, ...engineRules];

describe('the rule registry', () => {
  it('lists every rule file under src/rules, and nothing else', () => {
    const registered = new Set(allRules.map((r) => sourceFileOf(r)));
    const files = ruleSourceFiles(rulesDir);
    const unregistered = files.filter((f) => !registered.has(f)).map((f) => relative(packageRoot, f));
    expect(unregistered, `add these to src/rules/registry.ts (or fix their id/category so that the path is src/rules/<category>/<id>.ts)`).toEqual([]);
    const missing = [...registered].filter((f) => !existsSync(f)).map((f) => relative(packageRoot, f));
    expect(missing, 'registered rules must live at src/rules/<category>/<id>.ts').toEqual([]);
  });

  it('is sorted by id, and ids are unique across rules and engine rules', () => {
    const ids = allRules.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    const all = every.map((r) => r.id);
    expect(all.filter((id, i) => all.indexOf(id) !== i)).toEqual([]);
  });

  it('every rule file default-exports the rule registered for it', async () => {
    for (const file of ruleSourceFiles(rulesDir)) {
      const mod = (await import(file)) as { default?: AnyRule };
      expect(mod.default, `${relative(packageRoot, file)} must \`export default defineRule({...})\``).toBeDefined();
      expect(allRules, `${relative(packageRoot, file)} is not in the registry`).toContain(mod.default);
      expect(mod.default!.id, `${relative(packageRoot, file)}: the id must equal the file name`).toBe(basename(file, '.ts'));
      expect(mod.default!.meta.category, `${relative(packageRoot, file)}: the folder must be the category`).toBe(basename(dirname(file)));
    }
  });
});

describe.each(every.map((rule) => [rule.id, rule] as const))('rule %s', (_id, rule) => {
  const meta = rule.meta;
  const messages = meta.messages as Record<string, string>;

  it('has a kebab-case id equal to its file name', () => {
    expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(existsSync(sourceFileOf(rule)), `${relative(packageRoot, sourceFileOf(rule))} must exist`).toBe(true);
  });

  it('has complete metadata: one-line summary, rationale, fix ending with a period, messages', () => {
    expect(meta.summary).toMatch(/^[A-Z].*\.$/);
    expect(meta.summary).not.toContain('\n');
    expect(meta.rationale.length).toBeGreaterThan(40);
    expect(meta.fix, 'the fix text must end with a period').toMatch(/\.$/);
    expect(Object.keys(messages).length).toBeGreaterThan(0);
    for (const [id, text] of Object.entries(messages)) {
      expect(id).toMatch(/^[a-z][A-Za-z0-9]*$/);
      expect(text.trim()).not.toBe('');
    }
  });

  it('has options whose defaults match their schema', () => {
    if (!meta.options) return;
    const validate = new Ajv({ strict: true }).compile(meta.options.schema);
    expect(validate(meta.options.defaults), JSON.stringify(validate.errors)).toBe(true);
  });

  it('has a test file with valid and invalid cases expecting every messageId', () => {
    const testFile = sourceFileOf(rule).replace(/\.ts$/, '.test.ts');
    expect(existsSync(testFile), `write ${relative(packageRoot, testFile)} with new RuleTester().run(rule, { valid, invalid })`).toBe(true);
    const cases = readTestCases(testFile);
    expect(cases.problems, `${relative(packageRoot, testFile)}: keep the cases inline so this test can read them`).toEqual([]);
    expect(cases.valid, 'at least one valid case (must not fire)').toBeGreaterThan(0);
    expect(cases.invalid, 'at least one invalid case (must fire)').toBeGreaterThan(0);
    const unused = Object.keys(messages).filter((id) => !cases.messageIds.has(id));
    expect(unused, 'messageIds no invalid case expects: test them, or remove them').toEqual([]);
  });

  it('has documented examples that do what they say', () => {
    for (const example of meta.examples?.invalid ?? []) {
      expect(runRuleTestCase(rule, { name: example.title, repo: example.repo }, engineRules.includes(rule) ? allRules : undefined).length, `example "${example.title}" must fire`).toBeGreaterThan(0);
    }
    for (const example of meta.examples?.valid ?? []) {
      expect(runRuleTestCase(rule, { name: example.title, repo: example.repo }, engineRules.includes(rule) ? allRules : undefined), `example "${example.title}" must not fire`).toEqual([]);
    }
  });

  it(`has an up-to-date docs page (regenerate with ${REGENERATE_COMMAND})`, () => {
    const page = join(repoRoot, 'docs/rules', `${rule.id}.md`);
    expect(existsSync(page), `docs/rules/${rule.id}.md is missing: run ${REGENERATE_COMMAND}`).toBe(true);
    expect(readFileSync(page, 'utf8'), `docs/rules/${rule.id}.md is stale: run ${REGENERATE_COMMAND}`).toBe(renderRuleDoc(rule));
  });
});

describe('generated files', () => {
  it(`are all up to date: docs/rules/*.md and kustodian.schema.json (regenerate with ${REGENERATE_COMMAND})`, () => {
    const stale = generatedFiles()
      .filter((f) => !existsSync(join(repoRoot, f.path)) || readFileSync(join(repoRoot, f.path), 'utf8') !== f.content)
      .map((f) => f.path);
    expect(stale, `run ${REGENERATE_COMMAND}`).toEqual([]);
  });

  it('leave no page of a rule that no longer exists', () => {
    const pages = readdirSync(join(repoRoot, 'docs/rules')).filter((n) => n.endsWith('.md') && n !== 'README.md');
    expect(pages.filter((n) => !every.some((r) => `${r.id}.md` === n))).toEqual([]);
  });

  it('are well-formed Markdown', () => {
    const strings = Object.fromEntries(generatedFiles().filter((f) => f.path.endsWith('.md')).map((f) => [f.path, f.content]));
    const result = lint({ strings, config: { default: true, MD013: false } });
    const problems = Object.entries(result).flatMap(([file, list]) => list.map((p) => `${file}:${p.lineNumber} ${p.ruleNames.join('/')} ${p.ruleDescription} ${p.errorDetail ?? ''}`));
    expect(problems).toEqual([]);
  });

  it('kustodian.schema.json is a valid draft-07 schema that accepts the documented example', () => {
    const schema = JSON.parse(renderConfigSchema(allRules));
    const validate = new Ajv({ strict: true }).compile(schema);
    expect(validate({ entryPoints: ['clusters/home'], rules: Object.fromEntries(every.map((r) => [r.id, 'off'])) })).toBe(true);
    expect(validate({ rules: { 'not-a-rule': 'off' } })).toBe(false);
  });
});
