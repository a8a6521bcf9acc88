import { describe, expect, it } from 'vitest';
import { resolveExtractContext } from './extractor.js';
import { gatewayApiExtractor } from './gateway-api.js';
import { describeReferences, resourceFromYaml } from './testing.js';

const extract = (yaml: string) => describeReferences(gatewayApiExtractor.extract(resourceFromYaml(yaml), resolveExtractContext()));

describe('gateway-api extractor', () => {
  it('reads the certificateRefs of every listener: Secrets in the Gateway’s namespace unless the ref names one', () => {
    const yaml = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: external
  namespace: network
spec:
  gatewayClassName: envoy
  listeners:
    - name: https
      protocol: HTTPS
      port: 443
      tls:
        certificateRefs:
          - kind: Secret
            name: wildcard-tls
          - name: other-tls
            namespace: cert-manager
`;
    expect(extract(yaml)).toEqual([
      'gateway-api Secret network/wildcard-tls spec.listeners[0].tls.certificateRefs[0].name L15',
      'gateway-api Secret cert-manager/other-tls spec.listeners[0].tls.certificateRefs[1].name L16',
    ]);
  });

  it('leaves other kinds alone', () => {
    expect(extract('apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r, namespace: a}\nspec: {}\n')).toEqual([]);
  });
});
