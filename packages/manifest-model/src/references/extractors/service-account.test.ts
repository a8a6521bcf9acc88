import { describe, expect, it } from 'vitest';
import { resolveExtractContext } from './extractor.js';
import { serviceAccountExtractor } from './service-account.js';
import { describeReferences, resourceFromYaml } from './testing.js';

const extract = (yaml: string) => describeReferences(serviceAccountExtractor.extract(resourceFromYaml(yaml), resolveExtractContext()));

describe('service-account extractor', () => {
  it('finds the pull Secrets and token Secrets of a ServiceAccount', () => {
    const yaml = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: runner
  namespace: ci
imagePullSecrets:
  - name: ghcr
secrets:
  - name: runner-token
`;
    expect(extract(yaml)).toEqual([
      'service-account Secret ci/ghcr imagePullSecrets[0].name L7',
      'service-account Secret ci/runner-token secrets[0].name L9',
    ]);
  });

  it('finds nothing in a bare ServiceAccount or another kind', () => {
    expect(extract('apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: a, namespace: n }\n')).toEqual([]);
    expect(extract('apiVersion: v1\nkind: Secret\nmetadata: { name: a, namespace: n }\nimagePullSecrets: [{ name: x }]\n')).toEqual([]);
  });
});
