import { MemoryFileSystem } from '../fs/memory-file-system.js';
import { loadRepository } from '../model/load-repository.js';

const middleware = (namespace: string, address = 'http://authelia.auth.svc.cluster.local/api/verify', name = 'authelia') =>
  `apiVersion: traefik.io/v1alpha1\nkind: Middleware\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  forwardAuth:\n    address: ${address}\n`;

function model(files: Record<string, string>) {
  const list = Object.keys(files).map((f) => `  - ${f.split('/').pop()}\n`).join('');
  return loadRepository(new MemoryFileSystem({ 'clusters/home/kustomization.yaml': `resources:\n${list}`, ...Object.fromEntries(Object.entries(files).map(([f, t]) => [`clusters/home/${f}`, t])) }));
}

describe('duplicate resources', () => {
  it('groups objects identical apart from the namespace, and a name prefixed with it', () => {
    const m = model({ 'a.yaml': middleware('media'), 'b.yaml': middleware('home'), 'c.yaml': middleware('web', undefined, 'web-authelia'), 'd.yaml': middleware('other', 'http://other/verify') });
    expect(m.duplicates.groups.map((g) => `${g.kind} ${g.name}: ${g.copies.map((c) => `${c.namespace}/${c.name}`).join(', ')}`)).toEqual(['Middleware authelia: home/authelia, media/authelia, web/web-authelia']);
  });

  it('tells a copy that drifted from two or more identical siblings, with the fields that differ', () => {
    const m = model({ 'a.yaml': middleware('media'), 'b.yaml': middleware('home'), 'c.yaml': middleware('web', 'http://authelia.security.svc.cluster.local/api/verify') });
    expect(m.duplicates.drifted.map((d) => `${d.resource.namespace}/${d.resource.name} vs ${d.siblings.map((s) => s.namespace).join(',')}: ${d.fields.join(',')}`)).toEqual(['web/authelia vs home,media: spec']);
  });

  it('does not call two different objects of one name a drift, nor copy kinds that differ by design', () => {
    const cm = (ns: string, v: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config\n  namespace: ${ns}\ndata:\n  a: "${v}"\n`;
    const m = model({ 'a.yaml': middleware('media'), 'b.yaml': middleware('home', 'http://x/verify'), 'c.yaml': cm('a', '1'), 'd.yaml': cm('b', '1'), 'e.yaml': cm('c', '2') });
    expect(m.duplicates.drifted).toEqual([]);
    expect(m.duplicates.groups).toEqual([]);
  });
});
