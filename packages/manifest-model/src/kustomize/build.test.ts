import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostic.js';
import { DocumentStore } from '../documents/document-store.js';
import { MemoryFileSystem } from '../fs/memory-file-system.js';
import type { BuiltObject } from '../resources/resource.js';
import { KustomizeBuilder, isRemoteReference } from './build.js';

function setup(tree: Record<string, string>) {
  const diagnostics: Diagnostic[] = [];
  const builder = new KustomizeBuilder({ store: new DocumentStore(new MemoryFileSystem(tree)), diagnostics });
  return { builder, diagnostics };
}

const ids = (objects: readonly BuiltObject[]) =>
  objects
    .map((o) => {
      const m = o.body['metadata'] as Record<string, unknown>;
      return `${String(o.body['kind'])} ${m['namespace'] ? `${String(m['namespace'])}/` : ''}${String(m['name'])}`;
    })
    .sort();

const find = (objects: readonly BuiltObject[], kind: string) => objects.find((o) => o.body['kind'] === kind)!;
const meta = (o: BuiltObject) => o.body['metadata'] as Record<string, unknown>;

const configMap = (name: string, extra = '') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}`;
const deployment = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  template:
    spec:
      containers:
        - name: app
          image: app:1
          envFrom:
            - configMapRef:
                name: settings
`;

describe('KustomizeBuilder: resources', () => {
  it('builds files (every document) and nested kustomizations, recording files and the kustomization chain', () => {
    const { builder, diagnostics } = setup({
      'app/kustomization.yaml': 'resources:\n  - ../base\n  - extra.yaml\n',
      'app/extra.yaml': `${configMap('a')}---\n${configMap('b')}`,
      'base/kustomization.yaml': 'resources:\n  - cm.yaml\n',
      'base/cm.yaml': configMap('base'),
      'base/unused.yaml': configMap('unused'),
    });
    const unit = builder.build('app');
    expect(diagnostics).toEqual([]);
    expect(unit.kind).toBe('kustomization');
    expect(unit.kustomizationFile).toBe('app/kustomization.yaml');
    expect(ids(unit.objects)).toEqual(['ConfigMap a', 'ConfigMap b', 'ConfigMap base']);
    expect(unit.files).toEqual(['app/extra.yaml', 'app/kustomization.yaml', 'base/cm.yaml', 'base/kustomization.yaml']);
    const base = unit.objects.find((o) => meta(o)['name'] === 'base')!;
    expect(base.chain).toEqual(['base/kustomization.yaml', 'app/kustomization.yaml']);
    expect(base.origin).toMatchObject({ type: 'document', document: { file: 'base/cm.yaml', index: 0 } });
  });

  it('accepts kustomization.yml, Kustomization and the deprecated bases field', () => {
    const { builder, diagnostics } = setup({
      'a/kustomization.yml': 'bases:\n  - ../b\n',
      'b/Kustomization': 'resources:\n  - cm.yaml\n',
      'b/cm.yaml': configMap('b'),
    });
    expect(ids(builder.build('a').objects)).toEqual(['ConfigMap b']);
    expect(diagnostics).toEqual([]);
  });

  it('expands kind: List documents into their items', () => {
    const { builder } = setup({
      'kustomization.yaml': 'resources:\n  - list.yaml\n',
      'list.yaml': 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: one\n  - apiVersion: v1\n    kind: Secret\n    metadata:\n      name: two\n',
    });
    expect(ids(builder.build('').objects)).toEqual(['ConfigMap one', 'Secret two']);
  });

  it('keeps the sops block of an encrypted manifest in the body', () => {
    const { builder } = setup({
      'kustomization.yaml': 'resources:\n  - secret.sops.yaml\n',
      'secret.sops.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: ENC[AES256_GCM,data:abc,iv:x,tag:y,type:str]\nsops:\n  mac: ENC[AES256_GCM,data:m]\n  lastmodified: "2024-01-01T00:00:00Z"\n',
    });
    expect(find(builder.build('').objects, 'Secret').body['sops']).toMatchObject({ lastmodified: '2024-01-01T00:00:00Z' });
  });

  it('reports documents that are not Kubernetes objects and keeps the others', () => {
    const { builder, diagnostics } = setup({
      'kustomization.yaml': 'resources:\n  - mixed.yaml\n',
      'mixed.yaml': `${configMap('ok')}---\ncreation_rules:\n  - age: abc\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {}\n`,
    });
    expect(ids(builder.build('').objects)).toEqual(['ConfigMap ok']);
    expect(diagnostics.map((d) => [d.code, d.severity, d.location.file, d.location.line])).toEqual([
      ['resource-invalid', 'error', 'mixed.yaml', 6],
      ['resource-invalid', 'error', 'mixed.yaml', 9],
    ]);
  });

  it('reports a missing resource at its line in the kustomization file', () => {
    const { builder, diagnostics } = setup({
      'kustomization.yaml': 'resources:\n  - cm.yaml\n  - missing.yaml\n',
      'cm.yaml': configMap('a'),
    });
    expect(ids(builder.build('').objects)).toEqual(['ConfigMap a']);
    expect(diagnostics).toMatchObject([{ code: 'kustomize-path-missing', severity: 'error', location: { file: 'kustomization.yaml', line: 3, column: 5 } }]);
    expect(diagnostics[0]!.message).toContain('missing.yaml');
  });

  it('reports a resource folder without a kustomization file (kustomize cannot build it)', () => {
    const { builder, diagnostics } = setup({
      'kustomization.yaml': 'resources:\n  - plain\n',
      'plain/cm.yaml': configMap('a'),
    });
    expect(builder.build('').objects).toEqual([]);
    expect(diagnostics).toMatchObject([{ code: 'kustomize-path-missing', location: { line: 2 } }]);
    expect(diagnostics[0]!.message).toMatch(/no kustomization file/);
  });

  it('never fetches remote resources and says so', () => {
    const { builder, diagnostics } = setup({
      'kustomization.yaml': 'resources:\n  - https://github.com/org/repo//deploy?ref=v1\n  - github.com/org/repo/deploy?ref=main\n  - git@github.com:org/repo.git\n  - cm.yaml\n',
      'cm.yaml': configMap('a'),
    });
    expect(ids(builder.build('').objects)).toEqual(['ConfigMap a']);
    expect(diagnostics.map((d) => [d.code, d.location.line])).toEqual([
      ['kustomize-remote-resource', 2],
      ['kustomize-remote-resource', 3],
      ['kustomize-remote-resource', 4],
    ]);
  });

  it('recognises remote references by their URL shapes only', () => {
    expect(['https://x.io/a.yaml', 'ssh://git@x/y', 'github.com/a/b', 'git@host:a/b', './dir?ref=v1'].every(isRemoteReference)).toBe(true);
    expect(['../base', 'deploy.yaml', 'github-app/x.yaml'].some(isRemoteReference)).toBe(false);
  });

  it('reports paths outside the repository', () => {
    const { builder, diagnostics } = setup({ 'kustomization.yaml': 'resources:\n  - ../../elsewhere\n  - /etc/passwd\n' });
    builder.build('');
    expect(diagnostics.map((d) => [d.code, d.location.line])).toEqual([
      ['kustomize-path-outside-repository', 2],
      ['kustomize-path-outside-repository', 3],
    ]);
  });

  it('reports a file outside the kustomization folder as something kubectl refuses and Flux reads', () => {
    const { builder, diagnostics } = setup({ 'app/kustomization.yaml': 'resources:\n  - ../shared.yaml\n', 'shared.yaml': configMap('shared') });
    expect(ids(builder.build('app').objects)).toEqual(['ConfigMap shared']);
    expect(diagnostics).toMatchObject([{ code: 'kustomize-load-restricted', severity: 'info', location: { file: 'app/kustomization.yaml', line: 2 } }]);
  });

  it('reports a cycle once and still builds the rest', () => {
    const { builder, diagnostics } = setup({
      'a/kustomization.yaml': 'resources:\n  - ../b\n  - cm.yaml\n',
      'a/cm.yaml': configMap('a'),
      'b/kustomization.yaml': 'resources:\n  - ../a\n',
    });
    expect(ids(builder.build('a').objects)).toEqual(['ConfigMap a']);
    expect(diagnostics.map((d) => d.code)).toEqual(['kustomize-cycle']);
    expect(diagnostics[0]!.message).toContain('a → b → a');
  });

  it('reports duplicate objects and keeps the first', () => {
    const { builder, diagnostics } = setup({
      'kustomization.yaml': 'resources:\n  - one.yaml\n  - two.yaml\n',
      'one.yaml': configMap('same', 'data:\n  from: one\n'),
      // In namespace `default` explicitly: kustomize takes no namespace to mean default.
      'two.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: same\n  namespace: default\n',
    });
    const unit = builder.build('');
    expect(unit.objects).toHaveLength(1);
    expect(unit.objects[0]!.body['data']).toEqual({ from: 'one' });
    expect(diagnostics).toMatchObject([{ code: 'kustomize-duplicate-resource', location: { line: 3 } }]);
  });

  it('applies the nameReference entries of configurations: a HelmRelease valuesFrom follows the generated Secret and ConfigMap names', () => {
    const { builder, diagnostics } = setup({
      'app/kustomization.yaml':
        'namespace: ai\nresources: [helmrelease.yaml]\nconfigMapGenerator:\n  - name: n8n-values\n    files: [values.yaml]\nsecretGenerator:\n  - name: n8n-values-secret\n    files: [secret.yaml]\nconfigurations: [kustomizeconfig.yaml]\n',
      'app/helmrelease.yaml': 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: n8n}\nspec:\n  valuesFrom:\n    - {kind: ConfigMap, name: n8n-values}\n    - {kind: Secret, name: n8n-values-secret}\n',
      'app/values.yaml': 'a: 1\n',
      'app/secret.yaml': 'b: 2\n',
      'app/kustomizeconfig.yaml':
        'nameReference:\n  - kind: ConfigMap\n    version: v1\n    fieldSpecs: [{path: spec/valuesFrom/name, kind: HelmRelease}]\n  - kind: Secret\n    version: v1\n    fieldSpecs: [{path: spec/valuesFrom/name, kind: HelmRelease}]\n',
      // The parent gets the configuration with the objects, as in kustomize.
      'kustomization.yaml': 'resources: [app]\n',
    });
    for (const dir of ['app', '']) {
      const built = builder.build(dir).objects;
      const names = built.filter((o) => o.body['kind'] !== 'HelmRelease').map((o) => String((o.body['metadata'] as Record<string, unknown>)['name']));
      const release = built.find((o) => o.body['kind'] === 'HelmRelease')!;
      expect((release.body['spec'] as { valuesFrom: { name: string }[] }).valuesFrom.map((v) => v.name).sort()).toEqual(names.sort());
      expect(names.every((n) => /-[a-z0-9]{10}$/.test(n))).toBe(true);
    }
    expect(diagnostics.filter((d) => d.code === 'kustomize-unsupported')).toEqual([]);
  });

  it('reports what a configuration sets besides nameReference as not applied', () => {
    const { builder, diagnostics } = setup({ 'kustomization.yaml': 'configurations: [config.yaml]\nresources: []\n', 'config.yaml': 'commonLabels:\n  - path: spec/selector\n    kind: Thing\n' });
    builder.build('');
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([['kustomize-unsupported', expect.stringContaining('configuration config.yaml: commonLabels is not applied')]]);
  });

  it('reports helm charts as not inflated and unsupported fields as such', () => {
    const { builder, diagnostics } = setup({
      'kustomization.yaml': 'helmCharts:\n  - name: podinfo\n    repo: https://example.com\nreplacements:\n  - path: r.yaml\n',
    });
    builder.build('');
    expect(diagnostics.map((d) => [d.code, d.severity, d.location.line])).toEqual([
      ['kustomize-unsupported', 'warning', 4],
      ['helm-chart-inflation', 'info', 1],
    ]);
  });

  it('reports unknown fields and wrong types the way kustomize rejects them', () => {
    const { builder, diagnostics } = setup({
      'kustomization.yaml': 'namePrefx: typo-\ncommonLabels:\n  count: 3\nresources:\n  - cm.yaml\n',
      'cm.yaml': configMap('a'),
    });
    expect(ids(builder.build('').objects)).toEqual(['ConfigMap a']);
    expect(diagnostics.map((d) => [d.code, d.location.line, d.message.replace(/^[^:]*: /, '')])).toEqual([
      ['kustomization-invalid', 1, 'unknown field namePrefx'],
      ['kustomization-invalid', 3, 'commonLabels.count must be a string, not number 3'],
    ]);
  });

  it('reports each problem once in the context, however many builds meet it', () => {
    const { builder, diagnostics } = setup({
      'base/kustomization.yaml': 'resources:\n  - missing.yaml\n',
      'one/kustomization.yaml': 'resources:\n  - ../base\n',
      'two/kustomization.yaml': 'resources:\n  - ../base\n',
    });
    const one = builder.build('one');
    const two = builder.build('two');
    expect(diagnostics).toHaveLength(1);
    expect(one.diagnostics).toEqual(diagnostics);
    expect(two.diagnostics).toEqual(diagnostics);
  });
});

describe('KustomizeBuilder: components', () => {
  const tree = {
    'app/kustomization.yaml': 'resources:\n  - deploy.yaml\ncomponents:\n  - ../components/extra\nconfigMapGenerator:\n  - name: settings\n    literals: [a=1]\n    options:\n      disableNameSuffixHash: true\n',
    'app/deploy.yaml': deployment('web'),
    'components/extra/kustomization.yaml':
      'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - cm.yaml\nconfigMapGenerator:\n  - name: settings\n    behavior: merge\n    literals: [b=2]\nnamePrefix: x-\n',
    'components/extra/cm.yaml': configMap('from-component'),
  };

  it("adds the component's objects and applies its generators and transformers to the parent's objects", () => {
    const { builder, diagnostics } = setup(tree);
    const unit = builder.build('app');
    expect(diagnostics).toEqual([]);
    expect(ids(unit.objects)).toEqual(['ConfigMap x-from-component', 'ConfigMap x-settings', 'Deployment x-web']);
    const settings = unit.objects.find((o) => meta(o)['name'] === 'x-settings')!;
    expect(settings.body['data']).toEqual({ a: '1', b: '2' });
    const fromComponent = unit.objects.find((o) => meta(o)['name'] === 'x-from-component')!;
    expect(fromComponent.chain).toEqual(['components/extra/kustomization.yaml', 'app/kustomization.yaml']);
    expect(unit.files).toContain('components/extra/kustomization.yaml');
    expect(unit.files).toContain('components/extra/cm.yaml');
  });

  it('refuses a Component listed as a resource and a Kustomization listed as a component', () => {
    const { builder, diagnostics } = setup({
      ...tree,
      'bad/kustomization.yaml': 'resources:\n  - ../components/extra\ncomponents:\n  - ../app\n',
    });
    expect(builder.build('bad').objects).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.location.line])).toEqual([
      ['kustomization-invalid', 2],
      ['kustomization-invalid', 4],
    ]);
  });
});

describe('KustomizeBuilder: folders without a kustomization file (built as Flux generates them)', () => {
  it('includes YAML files recursively and sub-folders with a kustomization as a whole', () => {
    const { builder, diagnostics } = setup({
      'apps/cm.yaml': configMap('top'),
      'apps/nested/more.yml': configMap('nested'),
      'apps/nested/notes.json': '{"not": "read"}',
      'apps/withk/kustomization.yaml': 'namePrefix: k-\nresources:\n  - cm.yaml\n',
      'apps/withk/cm.yaml': configMap('inside'),
      'apps/withk/ignored.yaml': configMap('not-listed'),
      'apps/.sops.yaml': 'creation_rules:\n  - age: abc\n',
    });
    const unit = builder.build('apps');
    expect(diagnostics).toEqual([]);
    expect(unit.kind).toBe('generated');
    expect(unit.kustomizationFile).toBeUndefined();
    expect(ids(unit.objects)).toEqual(['ConfigMap k-inside', 'ConfigMap nested', 'ConfigMap top']);
    expect(unit.files).toEqual(['apps/cm.yaml', 'apps/nested/more.yml', 'apps/withk/cm.yaml', 'apps/withk/kustomization.yaml']);
  });

  it('reports a YAML file that is not a Kubernetes object (Flux fails the whole build for it)', () => {
    const { builder, diagnostics } = setup({ 'apps/cm.yaml': configMap('ok'), 'apps/values.yaml': 'replicas: 3\n' });
    expect(ids(builder.build('apps').objects)).toEqual(['ConfigMap ok']);
    expect(diagnostics).toMatchObject([{ code: 'resource-invalid', severity: 'error', location: { file: 'apps/values.yaml' } }]);
  });

  it('reports a folder that does not exist', () => {
    const { builder, diagnostics } = setup({ 'x.yaml': configMap('x') });
    const unit = builder.build('nowhere');
    expect(unit.objects).toEqual([]);
    expect(diagnostics).toMatchObject([{ code: 'kustomize-path-missing' }]);
  });
});

describe('KustomizeBuilder: Flux overlay', () => {
  const tree = {
    'app/kustomization.yaml': 'namespace: own\nresources:\n  - deploy.yaml\n  - ns.yaml\n',
    'app/deploy.yaml': deployment('web'),
    'app/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: own\n',
    'app/components/extra/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - cm.yaml\n',
    'app/components/extra/cm.yaml': configMap('settings'),
    'plain/cm.yaml': configMap('plain'),
  };
  const location = { file: 'clusters/prod/app.yaml', line: 4, column: 1 };

  it('targetNamespace replaces the kustomization namespace; namespaceFromKustomize tells the two apart', () => {
    const { builder } = setup(tree);
    const plain = builder.build('app');
    expect(meta(find(plain.objects, 'Deployment'))['namespace']).toBe('own');
    expect(find(plain.objects, 'Deployment').namespaceFromKustomize).toBe('own');
    const flux = builder.build('app', { namespace: 'prod', location });
    expect(ids(flux.objects)).toEqual(['Deployment prod/web', 'Namespace prod']);
    expect(find(flux.objects, 'Deployment').namespaceFromKustomize).toBeUndefined();
  });

  it('adds patches, components and images after the kustomization own', () => {
    const { builder, diagnostics } = setup(tree);
    const unit = builder.build('app', {
      components: ['components/extra'],
      patches: [{ patch: '- op: add\n  path: /spec/replicas\n  value: 4\n', target: { kind: 'Deployment' } }],
      images: [{ name: 'app', newTag: '2' }],
      location,
    });
    expect(diagnostics).toEqual([]);
    expect(ids(unit.objects)).toEqual(['ConfigMap own/settings', 'Deployment own/web', 'Namespace own']);
    const spec = find(unit.objects, 'Deployment').body['spec'] as Record<string, unknown>;
    expect(spec['replicas']).toBe(4);
    expect(JSON.stringify(spec)).toContain('"image":"app:2"');
  });

  it('locates problems of the overlay at the Flux Kustomization', () => {
    const { builder, diagnostics } = setup(tree);
    builder.build('app', { patches: [{ patch: '- op: add\n  path: /x\n  value: 1\n', target: { kind: 'StatefulSet' } }], components: ['missing'], location });
    expect(diagnostics.map((d) => [d.code, d.location])).toEqual([
      ['kustomize-path-missing', location],
      ['kustomize-patch-target-missing', location],
    ]);
  });

  it('applies to a folder without kustomization file as Flux does', () => {
    const { builder } = setup(tree);
    expect(ids(builder.build('plain', { namespace: 'team' }).objects)).toEqual(['ConfigMap team/plain']);
  });
});

describe('KustomizeBuilder: isolation and memoisation', () => {
  const tree = {
    'base/kustomization.yaml': 'resources:\n  - cm.yaml\n',
    'base/cm.yaml': configMap('settings', 'data:\n  a: "1"\n'),
    'one/kustomization.yaml': 'namePrefix: one-\nresources:\n  - ../base\n',
    'two/kustomization.yaml': 'namespace: two\nresources:\n  - ../base\n',
  };

  it('returns the same build for a folder built twice without overlay', () => {
    const { builder } = setup(tree);
    expect(builder.build('base')).toBe(builder.build('base'));
  });

  it('never lets one build change the objects of another', () => {
    const { builder } = setup(tree);
    const base = builder.build('base');
    const one = builder.build('one');
    const two = builder.build('two');
    const overlaid = builder.build('base', { namespace: 'flux' });
    (one.objects[0]!.body['data'] as Record<string, unknown>)['a'] = 'changed';
    expect(ids(base.objects)).toEqual(['ConfigMap settings']);
    expect(ids(one.objects)).toEqual(['ConfigMap one-settings']);
    expect(ids(two.objects)).toEqual(['ConfigMap two/settings']);
    expect(ids(overlaid.objects)).toEqual(['ConfigMap flux/settings']);
    expect(base.objects[0]!.body['data']).toEqual({ a: '1' });
    expect(ids(builder.build('base').objects)).toEqual(['ConfigMap settings']);
  });
});

describe('KustomizeBuilder: generators', () => {
  it('locates generated objects at their generator entry and renames references with the hash suffix', () => {
    const { builder, diagnostics } = setup({
      'kustomization.yaml': 'resources:\n  - deploy.yaml\nconfigMapGenerator:\n  - name: other\n    literals: [x=y]\n  - name: settings\n    literals: [a=1]\n',
      'deploy.yaml': deployment('web'),
    });
    const unit = builder.build('');
    expect(diagnostics).toEqual([]);
    const settings = unit.objects.find((o) => String(meta(o)['name']).startsWith('settings-'))!;
    expect(settings.origin).toEqual({ type: 'generator', generator: 'configMapGenerator', location: { file: 'kustomization.yaml', line: 6, column: 5 }, sources: [], literals: 1 });
    expect(JSON.stringify(find(unit.objects, 'Deployment').body)).toContain(`"name":"${String(meta(settings)['name'])}"`);
  });

  it('reads generator sources relative to the kustomization and lists them among the files', () => {
    const { builder, diagnostics } = setup({
      'app/kustomization.yaml': 'configMapGenerator:\n  - name: files\n    files: [conf/a.conf]\n    envs: [conf/.env]\n  - name: broken\n    files: [conf/missing.conf]\n',
      'app/conf/a.conf': 'x = 1\n',
      'app/conf/.env': 'K=V\n',
    });
    const unit = builder.build('app');
    expect(unit.files).toEqual(['app/conf/.env', 'app/conf/a.conf', 'app/kustomization.yaml']);
    expect(unit.objects[0]!.body['data']).toEqual({ 'a.conf': 'x = 1\n', K: 'V' });
    expect(diagnostics).toMatchObject([{ code: 'kustomize-path-missing', location: { line: 5 } }]);
  });
});
