import { describe, expect, it } from 'vitest';
import { resolveExtractContext } from './extractor.js';
import { sealedSecretExtractor } from './sealed-secret.js';
import { describeReferences, resourceFromYaml } from './testing.js';

const extract = (yaml: string) => describeReferences(sealedSecretExtractor.extract(resourceFromYaml(yaml), resolveExtractContext()));

describe('sealed-secret extractor', () => {
  it('defines a Secret with the SealedSecret name and namespace, whatever the template says', () => {
    const yaml = `apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: db-creds
  namespace: database
spec:
  encryptedData:
    password: AgB...
  template:
    metadata:
      name: ignored-by-the-controller
      namespace: elsewhere
`;
    expect(extract(yaml)).toEqual(['sealed-secret Secret database/db-creds metadata.name L4 defines']);
  });

  it('defines nothing for another group', () => {
    expect(extract('apiVersion: example.com/v1\nkind: SealedSecret\nmetadata: { name: a, namespace: n }\n')).toEqual([]);
  });
});
