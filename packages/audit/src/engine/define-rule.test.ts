import { loadRepository, MemoryFileSystem } from '@kustodian/manifest-model';
import { defineRule, findingsOf } from './define-rule.js';
import type { FindingOf } from './define-rule.js';
import type { FindingScalar, PlaceholdersOf } from './finding.js';
import { runAudit } from './run-audit.js';

/** Two messages with different placeholders: each report is typed by its message id. */
const deployments = defineRule({
  id: 'test-deployments',
  meta: {
    category: 'structure',
    defaultSeverity: 'warning',
    summary: 'Test rule.',
    rationale: 'Test rule.',
    fix: 'Test.',
    messages: { named: 'Deployment {{ namespace }}/{{name}} has {{replicas}} replicas.', bare: 'A Deployment.' },
  },
  check({ model, report }) {
    for (const r of model.resources) {
      if (r.kind !== 'Deployment') continue;
      report({ messageId: 'named', data: { namespace: r.namespace ?? '', name: r.name, replicas: 2 }, location: r.location, resource: r });
      report({ messageId: 'bare', location: r.location });
    }
  },
});

const services = defineRule({
  id: 'test-services',
  meta: { category: 'structure', defaultSeverity: 'info', summary: 'Test.', rationale: 'Test.', fix: 'Test.', messages: { service: 'Service {{name}}.' } },
  check({ model, report }) {
    for (const r of model.resources) if (r.kind === 'Service') report({ messageId: 'service', data: { name: r.name }, location: r.location });
  },
});

async function model() {
  const fs = new MemoryFileSystem({
    'app/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - service.yaml\n',
    'app/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: apps\n',
    'app/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: apps\n',
  });
  return loadRepository(fs);
}

describe('typed finding data', () => {
  it('findingsOf keeps the findings of one rule, with the data its message was written from', async () => {
    const { findings } = runAudit(await model(), { rules: [deployments, services] });
    const named = findingsOf(findings, deployments).filter((f) => f.messageId === 'named');
    expect(named.map((f) => f.message)).toEqual(['Deployment apps/web has 2 replicas.']);
    const f = named[0]!;
    if (f.messageId !== 'named') throw new Error('narrowing');
    expect([f.data.namespace, f.data.name, f.data.replicas]).toEqual(['apps', 'web', 2]);
    expect(findingsOf(findings, services).map((s) => s.data.name)).toEqual(['web']);
    expect(findingsOf(findings, deployments).map((s) => s.messageId).sort()).toEqual(['bare', 'named']);
  });

  it('types a report by its message: placeholders are required, unknown keys and message ids are errors', () => {
    // Compile-time assertions: `npx nx run audit:typecheck` fails when one of these stops being an error.
    type Names = PlaceholdersOf<'{{a}} and {{ b }} then {{a}}'>;
    const a: Names = 'a';
    const b: Names = 'b';
    // @ts-expect-error 'c' is not a placeholder of the template
    const c: Names = 'c';
    expect([a, b, c]).toEqual(['a', 'b', 'c']);

    defineRule({
      id: 'test-typed-reports',
      meta: { category: 'structure', defaultSeverity: 'info', summary: 'T.', rationale: 'T.', fix: 'T.', messages: { one: '{{x}} and {{y}}', none: 'plain' } },
      check({ report }) {
        const location = { file: 'f.yaml', line: 1, column: 1 };
        report({ messageId: 'one', data: { x: 1, y: 'two' }, location });
        report({ messageId: 'none', location });
        // @ts-expect-error y is missing
        report({ messageId: 'one', data: { x: 1 }, location });
        // @ts-expect-error z is no placeholder of message one
        report({ messageId: 'one', data: { x: 1, y: 2, z: 3 }, location });
        // @ts-expect-error message one needs data
        report({ messageId: 'one', location });
        // @ts-expect-error there is no message two
        report({ messageId: 'two', location });
      },
    });

    const typed = (f: FindingOf<typeof services>): FindingScalar => {
      // @ts-expect-error the service message has no placeholder "namespace"
      void f.data.namespace;
      return f.data.name;
    };
    expect(typed).toBeTypeOf('function');
  });
});
