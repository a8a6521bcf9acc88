import { describe, expect, it } from 'vitest';
import { DELETED, mergeKeyFor, strategicMerge } from './strategic-merge-patch.js';

const deployment = () => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { a: 'b', drop: 'x' } },
  spec: {
    template: {
      spec: {
        containers: [
          { name: 'app', image: 'app:1', args: ['--one'], env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], ports: [{ containerPort: 80, name: 'http' }] },
          { name: 'sidecar', image: 'side' },
        ],
        volumes: [{ name: 'v', emptyDir: {} }, { name: 'w', emptyDir: {} }],
        tolerations: [{ key: 'a' }],
      },
    },
  },
});

describe('strategicMerge', () => {
  it('merges keyed lists of built-in kinds: patch items first, then the untouched originals', () => {
    const result = strategicMerge(deployment(), {
      spec: {
        template: {
          spec: {
            containers: [{ name: 'sidecar', image: 'side:2' }, { name: 'new', image: 'n' }],
            tolerations: [{ key: 'b' }],
          },
        },
      },
    });
    expect(result).not.toBe(DELETED);
    const spec = (result as ReturnType<typeof deployment>).spec.template.spec;
    expect(spec.containers.map((c) => `${c.name}=${c.image}`)).toEqual(['sidecar=side:2', 'new=n', 'app=app:1']);
    expect(spec.tolerations).toEqual([{ key: 'b' }]);
  });

  it('merges env by name, ports by containerPort and replaces primitive lists', () => {
    const result = strategicMerge(deployment(), {
      spec: { template: { spec: { containers: [{ name: 'app', args: ['--two'], env: [{ name: 'B', value: '20' }], ports: [{ containerPort: 80, protocol: 'TCP' }] }] } } },
    }) as ReturnType<typeof deployment>;
    const app = result.spec.template.spec.containers[0]!;
    expect(app.args).toEqual(['--two']);
    expect(app.env).toEqual([{ name: 'B', value: '20' }, { name: 'A', value: '1' }]);
    expect(app.ports).toEqual([{ containerPort: 80, name: 'http', protocol: 'TCP' }]);
  });

  it('deletes list items and fields with $patch: delete and null, and replaces with $patch: replace', () => {
    const result = strategicMerge(deployment(), {
      metadata: { labels: { drop: null } },
      spec: { template: { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }], volumes: [{ $patch: 'replace' }, { name: 'only', emptyDir: {} }] } } },
    }) as ReturnType<typeof deployment>;
    expect(result.metadata.labels).toEqual({ a: 'b' });
    expect(result.spec.template.spec.containers.map((c) => c.name)).toEqual(['app']);
    expect(result.spec.template.spec.volumes).toEqual([{ name: 'only', emptyDir: {} }]);
  });

  it('deletes the whole object with a top-level $patch: delete', () => {
    expect(strategicMerge(deployment(), { $patch: 'delete' })).toBe(DELETED);
  });

  it("never changes the target's identity", () => {
    const result = strategicMerge(deployment(), { apiVersion: 'apps/v2', kind: 'Other', metadata: { name: 'renamed', namespace: 'x', annotations: { k: 'v' } } }) as ReturnType<typeof deployment> & {
      metadata: { annotations: unknown; namespace?: string };
    };
    expect([result.apiVersion, result.kind, result.metadata.name, result.metadata.namespace]).toEqual(['apps/v1', 'Deployment', 'web', undefined]);
    expect(result.metadata.annotations).toEqual({ k: 'v' });
  });

  it('replaces lists of custom kinds whole, keeping patch items verbatim, and merges their maps', () => {
    const body = { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: { name: 'h' }, spec: { values: { list: [{ name: 'a' }, { name: 'b' }], keep: 1, map: { x: 1 } } } };
    const result = strategicMerge(body, { spec: { values: { list: [{ name: 'b', $patch: 'delete' }], map: { $patch: 'replace', y: 2 } } } }) as typeof body;
    expect(result.spec.values).toEqual({ list: [{ name: 'b', $patch: 'delete' }], keep: 1, map: { y: 2 } });
  });

  it('keeps other $-keys as ordinary fields, as kustomize does', () => {
    const result = strategicMerge(deployment(), { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'app' }] } } } }) as { spec: { template: { spec: Record<string, unknown> } } };
    expect(result.spec.template.spec['$setElementOrder/containers']).toEqual([{ name: 'app' }]);
  });

  it('does not modify its inputs', () => {
    const body = deployment();
    const patch = { spec: { template: { spec: { containers: [{ name: 'app', image: 'x' }] } } } };
    strategicMerge(body, patch);
    expect(body).toEqual(deployment());
    expect(patch).toEqual({ spec: { template: { spec: { containers: [{ name: 'app', image: 'x' }] } } } });
  });
});

describe('mergeKeyFor', () => {
  it('knows the merge keys of pod specs and Service ports', () => {
    expect(mergeKeyFor(['spec', 'template', 'spec', 'containers', 'volumeMounts'], 'Deployment')).toBe('mountPath');
    expect(mergeKeyFor(['spec', 'template', 'spec', 'containers', 'ports'], 'Deployment')).toBe('containerPort');
    expect(mergeKeyFor(['spec', 'ports'], 'Service')).toBe('port');
    expect(mergeKeyFor(['spec', 'rules'], 'Ingress')).toBeUndefined();
  });
});
