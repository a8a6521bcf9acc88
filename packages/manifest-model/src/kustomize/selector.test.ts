import { describe, expect, it } from 'vitest';
import { createObject, renameObject, setObjectNamespace } from './working-object.js';
import { compileTarget, parseLabelSelector } from './selector.js';
import type { TargetMatcher } from './selector.js';

const origin = { type: 'generator', generator: 'configMapGenerator', location: { file: 'k', line: 1, column: 1 }, sources: [], literals: 0 } as const;

describe('parseLabelSelector', () => {
  it('supports =, ==, !=, in, notin, exists and does-not-exist', () => {
    const p = parseLabelSelector('app=web, tier==front,env!=prod,zone in (a, b),team notin (x),managed,!legacy');
    expect(typeof p).toBe('function');
    const test = p as (l: Record<string, string>) => boolean;
    expect(test({ app: 'web', tier: 'front', env: 'dev', zone: 'b', team: 'y', managed: '' })).toBe(true);
    expect(test({ app: 'web', tier: 'front', env: 'prod', zone: 'b', managed: '' })).toBe(false);
    expect(test({ app: 'web', tier: 'front', zone: 'c', managed: '' })).toBe(false);
    expect(test({ app: 'web', tier: 'front', zone: 'a', managed: '', legacy: 'true' })).toBe(false);
    expect(parseLabelSelector('a in b')).toMatch(/cannot parse/);
  });
});

describe('compileTarget', () => {
  it('matches anchored regular expressions on kind, group, version, and the original or current name and namespace', () => {
    const d = createObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } }, origin);
    renameObject(d, 'p-web');
    setObjectNamespace(d, 'shop');
    const m = (t: Parameters<typeof compileTarget>[0]) => (compileTarget(t) as TargetMatcher)(d);
    expect(m({ kind: 'Deployment', group: 'apps', version: 'v1' })).toBe(true);
    expect(m({ kind: 'Deploy' })).toBe(false);
    expect(m({ name: 'web' })).toBe(true);
    expect(m({ name: 'p-web' })).toBe(true);
    expect(m({ name: '(kustomize|p)-web' })).toBe(true);
    expect(m({ name: 'eb' })).toBe(false);
    expect(m({ namespace: 'default' })).toBe(true);
    expect(m({ namespace: 'shop' })).toBe(true);
    expect(m({ namespace: 'other' })).toBe(false);
    expect(compileTarget({ name: '(' })).toMatch(/invalid regular expression/);
  });
});
