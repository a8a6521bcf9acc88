import { loadRepository, MemoryFileSystem } from '@kustodian/manifest-model';
import { auditRepository } from './audit-repository.js';
import { defineRule } from './define-rule.js';
import { runAudit } from './run-audit.js';
import { EntryPointNotFoundError, UnknownRuleError } from './selection.js';

/** Reports line 1 of every kustomization file. */
const everyKustomization = defineRule({
  id: 'test-every-kustomization',
  meta: { category: 'structure', defaultSeverity: 'warning', summary: 'Test.', rationale: 'Test.', fix: 'Test.', messages: { file: '{{file}}' } },
  check({ model, report }) {
    for (const f of model.files.filter((x) => x.role === 'kustomization')) report({ messageId: 'file', data: { file: f.path }, location: { file: f.path, line: 1, column: 1 } });
  },
});

/** Reports every Deployment. */
const everyDeployment = defineRule({
  id: 'test-every-deployment',
  meta: { category: 'structure', defaultSeverity: 'error', summary: 'Test.', rationale: 'Test.', fix: 'Test.', messages: { found: '{{name}}' } },
  check({ model, report }) {
    for (const r of model.resources) if (r.kind === 'Deployment') report({ messageId: 'found', data: { name: r.name }, location: r.location, resource: r });
  },
});

const rules = [everyKustomization, everyDeployment];

const repo = {
  'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps\n',
  // Suppresses a finding of test-every-kustomization (used when that rule runs).
  'apps/kustomization.yaml': '# kustodian-ignore test-every-kustomization: kept\nresources:\n  - web.yaml\n',
  'apps/web.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\n',
};

const ruleIds = (only?: string[], skip?: string[]) =>
  runAudit(loadRepository(new MemoryFileSystem(repo)), { rules, ...(only ? { only } : {}), ...(skip ? { skip } : {}) }).findings.map((f) => f.ruleId);

describe('rule selection', () => {
  it('runs every rule when nothing is selected', () => {
    expect(new Set(ruleIds())).toEqual(new Set(['test-every-kustomization', 'test-every-deployment']));
  });

  it('runs only the rules of `only`', () => {
    expect(ruleIds(['test-every-deployment'])).toEqual(['test-every-deployment']);
  });

  it('leaves out the rules of `skip`', () => {
    expect(ruleIds(undefined, ['test-every-kustomization'])).toEqual(['test-every-deployment']);
  });

  it('does not report a suppression of a rule that did not run as unused', () => {
    // The Deployment is in web.yaml: this suppression hides nothing when its rule runs.
    const fs = new MemoryFileSystem({ ...repo, 'apps/kustomization.yaml': '# kustodian-ignore test-every-deployment: kept\nresources:\n  - web.yaml\n' });
    const unused = (options: { only?: string[]; skip?: string[] }) =>
      auditRepository(fs, { rules, ...options }).result.findings.filter((f) => f.ruleId === 'suppression-unused').length;
    expect(unused({})).toBe(1);
    expect(unused({ skip: ['test-every-deployment'] })).toBe(0);
    expect(unused({ only: ['test-every-kustomization', 'suppression-unused'] })).toBe(0);
    expect(unused({ only: ['test-every-deployment', 'suppression-unused'] })).toBe(1);
  });

  it('selects engine rules too', () => {
    const fs = new MemoryFileSystem({ ...repo, 'apps/kustomization.yaml': '# kustodian-ignore test-every-kustomization\nresources:\n  - web.yaml\n' });
    expect(auditRepository(fs, { rules }).result.findings.map((f) => f.ruleId)).toContain('suppression-invalid');
    expect(auditRepository(fs, { rules, skip: ['suppression-invalid'] }).result.findings.map((f) => f.ruleId)).not.toContain('suppression-invalid');
  });

  it('refuses an unknown rule id with the nearest known one', () => {
    const fs = new MemoryFileSystem(repo);
    expect(() => auditRepository(fs, { rules, only: ['test-every-deploymnet'] })).toThrow(UnknownRuleError);
    try {
      auditRepository(fs, { rules, skip: ['test-every-deploymnet'] });
    } catch (error) {
      expect(error).toMatchObject({ ruleId: 'test-every-deploymnet', list: 'skip', suggestion: 'test-every-deployment' });
    }
    expect(() => runAudit(loadRepository(fs), { rules, skip: ['nothing-like-it'] })).toThrow('unknown rule nothing-like-it');
  });
});

describe('entry points given by the caller', () => {
  it('are refused when they are not a folder of the repository, before anything is loaded', () => {
    const fs = new MemoryFileSystem(repo);
    expect(() => auditRepository(fs, { rules, entryPoints: ['clusters/nope'] })).toThrow(new EntryPointNotFoundError('clusters/nope', 'missing'));
    expect(() => auditRepository(fs, { rules, entryPoints: ['apps/web.yaml'] })).toThrow(new EntryPointNotFoundError('apps/web.yaml', 'file'));
    expect(() => auditRepository(fs, { rules, entryPoints: ['../elsewhere'] })).toThrow(new EntryPointNotFoundError('../elsewhere', 'outside'));
  });

  it('are used when they exist', () => {
    const audit = auditRepository(new MemoryFileSystem(repo), { rules, entryPoints: ['clusters/home'] });
    expect(audit.model.entryPoints.map((e) => e.path)).toEqual(['clusters/home']);
  });

  it('in kustodian.yaml stay a diagnostic of the model', () => {
    const audit = auditRepository(new MemoryFileSystem({ ...repo, 'kustodian.yaml': 'entryPoints:\n  - clusters/nope\n' }), { rules });
    expect(audit.result.diagnostics).toContainEqual(expect.objectContaining({ code: 'entry-point-missing', location: expect.objectContaining({ file: 'kustodian.yaml' }) }));
    expect(audit.configFile).toBe('kustodian.yaml');
  });
});
