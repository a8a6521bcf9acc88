import { describe, expect, it } from 'vitest';
import { isProviderQualified, splitCrdName } from './traefik-names.js';

describe('splitCrdName', () => {
  it('splits at the longest known namespace, then at the referrer namespace', () => {
    const known = new Set(['kube', 'kube-system', 'traefik']);
    expect(splitCrdName('kube-system-auth@kubernetescrd', known, 'apps')).toEqual({ namespace: 'kube-system', name: 'auth' });
    expect(splitCrdName('apps-forward-auth@kubernetescrd', known, 'apps')).toEqual({ namespace: 'apps', name: 'forward-auth' });
  });

  it('splits safe names at the underscore', () => {
    expect(splitCrdName('kube-system_forward-auth@kubernetescrd', new Set(), undefined)).toEqual({ namespace: 'kube-system', name: 'forward-auth' });
  });

  it('gives up on names it cannot split and on other providers', () => {
    expect(splitCrdName('network-forward-auth@kubernetescrd', new Set(), 'apps')).toBeUndefined();
    expect(splitCrdName('traefik-auth@file', new Set(['traefik']), 'traefik')).toBeUndefined();
    expect(splitCrdName('traefik-@kubernetescrd', new Set(['traefik']), 'traefik')).toBeUndefined();
    expect(splitCrdName('plain', new Set(['plain']), 'plain')).toBeUndefined();
  });

  it('tells provider-qualified names apart', () => {
    expect(isProviderQualified('api@internal')).toBe(true);
    expect(isProviderQualified('auth')).toBe(false);
    expect(isProviderQualified(undefined)).toBe(false);
  });
});
