import { describe, expect, it } from 'vitest';
import { resolveExtractContext } from './extractor.js';
import { describeReferences, resourceFromYaml } from './testing.js';
import { volumeClaimTemplateExtractor } from './volume-claim-template.js';

const extract = (yaml: string) => describeReferences(volumeClaimTemplateExtractor.extract(resourceFromYaml(yaml), resolveExtractContext()));

describe('volume-claim-template extractor', () => {
  it('defines the first claim of each template of a StatefulSet, with the name pattern', () => {
    const yaml = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: postgres
  namespace: database
spec:
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: [ReadWriteOnce]
    - metadata:
        name: wal
`;
    expect(extract(yaml)).toEqual([
      'volume-claim-template PersistentVolumeClaim database/data-postgres-0 spec.volumeClaimTemplates[0].metadata.name L9 defines [data-postgres-<ordinal>]',
      'volume-claim-template PersistentVolumeClaim database/wal-postgres-0 spec.volumeClaimTemplates[1].metadata.name L13 defines [wal-postgres-<ordinal>]',
    ]);
  });

  it('defines nothing for a StatefulSet without templates, another kind, or a template without a name', () => {
    expect(extract('apiVersion: apps/v1\nkind: StatefulSet\nmetadata: { name: s, namespace: n }\nspec: {}\n')).toEqual([]);
    expect(extract('apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: d, namespace: n }\nspec:\n  volumeClaimTemplates:\n    - metadata: { name: data }\n')).toEqual([]);
    expect(extract('apiVersion: apps/v1\nkind: StatefulSet\nmetadata: { name: s, namespace: n }\nspec:\n  volumeClaimTemplates:\n    - spec: {}\n')).toEqual([]);
  });
});
